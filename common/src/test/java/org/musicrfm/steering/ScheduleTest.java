package org.musicrfm.steering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Every schedule formula against hand values, the text form, seconds and windows. */
class ScheduleTest {

    /** Decoding steps per second of audio of musicgen-small (32000 / 640), at which times in seconds become steps. */
    static final double RATE = 50;

    private static final double EPS = 1e-15;

    @Test
    void appendixEDefaults() {
        Schedule rise = Schedule.parse("linear-rise", RATE);
        assertThat(rise.value(0)).isEqualTo(0.0);
        assertThat(rise.value(750)).isEqualTo(0.5);
        assertThat(rise.value(1500)).isEqualTo(1.0);
        assertThat(rise.value(3000)).isEqualTo(1.0);

        Schedule decay = Schedule.parse("linear-decay", RATE);
        assertThat(decay.value(0)).isEqualTo(1.0);
        assertThat(decay.value(375)).isEqualTo(0.75);
        assertThat(decay.value(1500)).isEqualTo(0.0);
        assertThat(decay.value(2000)).isEqualTo(0.0);

        Schedule exp = Schedule.parse("exp-decay", RATE);
        assertThat(exp.value(0)).isEqualTo(1.0);
        assertThat(exp.value(1)).isEqualTo(0.998);
        assertThat(exp.value(500)).isCloseTo(0.3675112548571586, within(1e-14)); // 0.998^500

        Schedule logistic = Schedule.parse("logistic-rise", RATE);
        assertThat(logistic.value(750)).isEqualTo(0.5);
        assertThat(logistic.value(950)).isCloseTo(0.7310585786300049, within(EPS)); // 1/(1+e^-1)
        assertThat(logistic.value(550)).isCloseTo(1 - 0.7310585786300049, within(EPS));

        Schedule sine = Schedule.parse("sine", RATE);
        assertThat(sine.value(0)).isEqualTo(0.5);
        assertThat(sine.value(375)).isCloseTo(1.0, within(EPS));
        assertThat(sine.value(100)).isCloseTo(0.7033683215379001, within(EPS)); // ½(1+sin(2π·100/1500))
        assertThat(sine.value(1125)).isCloseTo(0.0, within(EPS));

        assertThat(Schedule.parse("constant", RATE).value(123)).isEqualTo(1.0);
        assertThat(Schedule.parse("constant:0.25", RATE).value(7)).isEqualTo(0.25);
    }

    @Test
    void parametersOverrideTheDefaultsInStepsOrSeconds() {
        assertThat(Schedule.parse("exp-decay:0.5", RATE).value(3)).isEqualTo(0.125);
        assertThat(Schedule.parse("linear-rise:30s", RATE)).isEqualTo(Schedule.linearRise(1500));
        assertThat(Schedule.parse("linear-rise:100", RATE).value(25)).isEqualTo(0.25);
        assertThat(Schedule.parse("linear-decay:16", RATE).value(4)).isEqualTo(0.75); // the fixture's max(0, 1 - t/16)
        assertThat(Schedule.parse("logistic-rise:10s,2s", RATE)).isEqualTo(Schedule.logisticRise(500, 100));
        assertThat(Schedule.parse("logistic-rise:100", RATE).value(100)).isEqualTo(0.5);
        assertThat(Schedule.parse("sine:40", RATE).value(10)).isCloseTo(1.0, within(EPS));
    }

    @Test
    void piecewiseLinearEnvelope() {
        Schedule p = Schedule.parse("points:0=0,2s=1,4s=0", RATE);
        assertThat(new double[] {p.value(0), p.value(50), p.value(100), p.value(150), p.value(200), p.value(300)})
                .containsExactly(0, 0.5, 1, 0.5, 0, 0);
        Schedule held = Schedule.parse("points:10=0.2,20=0.8", RATE);
        assertThat(held.value(0)).isEqualTo(0.2);
        assertThat(held.value(15)).isCloseTo(0.5, within(EPS));
        assertThat(held.value(99)).isEqualTo(0.8);
    }

    @Test
    void windowsStartLateEvaluatedFromTheirStartAndStop() {
        Schedule w = Schedule.parse("exp-decay@2s..8s", RATE);
        assertThat(w.value(99)).isEqualTo(0.0);
        assertThat(w.value(100)).isEqualTo(1.0);
        assertThat(w.value(101)).isEqualTo(0.998);
        assertThat(w.value(399)).isCloseTo(0.5495811707752444, within(1e-14)); // 0.998^299
        assertThat(w.value(400)).isEqualTo(0.0);
        Schedule open = Schedule.parse("constant@10", RATE);
        assertThat(open.value(9)).isEqualTo(0.0);
        assertThat(open.value(100000)).isEqualTo(1.0);
    }

    @Test
    void fadesAreComplementaryAndCombinatorsMultiply() {
        Schedule in = Schedule.parse("fade-in:2s..4s", RATE);
        Schedule out = Schedule.parse("fade-out:2s..4s", RATE);
        for (int t = 0; t < 300; t++) {
            assertThat(in.value(t) + out.value(t)).as("t=" + t).isCloseTo(1.0, within(1e-15));
        }
        assertThat(in.value(150)).isEqualTo(0.5);
        assertThat(Schedule.parse("1-exp-decay:0.5", RATE).value(1)).isEqualTo(0.5);
        Schedule prod = Schedule.parse("sine:40*fade-out:0..20", RATE);
        assertThat(prod.value(10)).isCloseTo(0.5, within(EPS)); // 1.0 * 0.5
    }

    @Test
    void specReadsBack() {
        for (String s : new String[] {"constant", "constant:0.5", "linear-rise:1500", "linear-decay:16", "exp-decay:0.998",
                "logistic-rise:750,200", "sine:1500", "fade-in:100..200", "fade-out:100..200", "points:0=0,100=1,200=0",
                "exp-decay:0.998@100..400", "constant@10", "1-exp-decay:0.998", "sine:1500*fade-out:100..200",
                "(sine:1500*linear-rise:50)@5", "1-(exp-decay:0.9@3)"}) {
            Schedule p = Schedule.parse(s, RATE);
            assertThat(p.spec()).isEqualTo(s);
            assertThat(Schedule.parse(p.spec(), RATE)).isEqualTo(p);
        }
        assertThat(Schedule.parse("exp-decay", RATE).spec()).isEqualTo("exp-decay:0.998");
        assertThat(Schedule.parse("points:0=0,2s=1", RATE).spec()).isEqualTo("points:0=0,100=1");
    }

    @Test
    void badTextIsAClearError() {
        assertThatThrownBy(() -> Schedule.parse("cosine", RATE)).hasMessageContaining("unknown schedule 'cosine'");
        assertThatThrownBy(() -> Schedule.parse("exp-decay:fast", RATE)).hasMessageContaining("'fast' is not a finite number");
        assertThatThrownBy(() -> Schedule.parse("exp-decay:1.5", RATE)).hasMessageContaining("0 < r <= 1");
        assertThatThrownBy(() -> Schedule.parse("linear-rise:0", RATE)).hasMessageContaining("expected > 0");
        assertThatThrownBy(() -> Schedule.parse("points:0=1,0=2", RATE)).hasMessageContaining("steps must increase");
        assertThatThrownBy(() -> Schedule.parse("constant@5..2", RATE)).hasMessageContaining("stop must come after");
        assertThatThrownBy(() -> Schedule.parse("linear-rise:ten", RATE)).hasMessageContaining("not a time");
        assertThatThrownBy(() -> Schedule.parse("", RATE)).hasMessageContaining("empty");
    }
}
