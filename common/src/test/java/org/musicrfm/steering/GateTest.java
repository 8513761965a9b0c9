package org.musicrfm.steering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Seeded gates: reproducible, independent of call order, the right rate, per step or per step and layer. */
class GateTest {

    @Test
    void uniformDrawsFollowTheDocumentedFormula() {
        // SplitMix64 twice, computed independently with Python integers:
        //   mix(z) = ((z ^ z>>30) * 0xBF58476D1CE4E5B9) ... ; z = mix(seed + γ(step+1)); z = mix(z + γ(layer+2)); u = (z>>11)/2^53
        assertThat(Gate.uniform(0, 0, -1)).isEqualTo(HAND_0_0_STEP);
        assertThat(Gate.uniform(7, 3, 5)).isEqualTo(HAND_7_3_5);
    }

    // Python: M = 2**64 - 1; mix as above with "& M" after each product; u(0, 0, -1) and u(7, 3, 5)
    static final double HAND_0_0_STEP = 0.6524484863740322;
    static final double HAND_7_3_5 = 0.10874258642400325;

    @Test
    void sameSeedSameGatesInAnyOrder() {
        Gate g = Gate.bernoulli(0.3, Gate.Mode.STEP_LAYER, 42);
        double[] forward = new double[200];
        for (int t = 0; t < 200; t++) {
            forward[t] = g.value(t, t % 7);
        }
        for (int t = 199; t >= 0; t--) {
            assertThat(Gate.bernoulli(0.3, Gate.Mode.STEP_LAYER, 42).value(t, t % 7)).isEqualTo(forward[t]);
        }
        Gate other = Gate.bernoulli(0.3, Gate.Mode.STEP_LAYER, 43);
        int differ = 0;
        for (int t = 0; t < 200; t++) {
            differ += other.value(t, t % 7) != forward[t] ? 1 : 0;
        }
        assertThat(differ).isGreaterThan(40);
    }

    @Test
    void openRateIsP() {
        for (double p : new double[] {0.1, 0.3, 0.7}) {
            Gate g = Gate.bernoulli(p, Gate.Mode.STEP, 11);
            int open = 0;
            int n = 20000;
            for (int t = 0; t < n; t++) {
                open += (int) g.value(t, 0);
            }
            // binomial standard deviation at n = 20000 is <= 0.0036
            assertThat(open / (double) n).as("p=" + p).isBetween(p - 0.015, p + 0.015);
        }
    }

    @Test
    void stepModeSharesTheDrawAcrossLayersStepLayerModeDoesNot() {
        Gate step = Gate.bernoulli(0.5, Gate.Mode.STEP, 3);
        Gate layer = Gate.bernoulli(0.5, Gate.Mode.STEP_LAYER, 3);
        int layerDiffers = 0;
        for (int t = 0; t < 100; t++) {
            for (int l = 1; l < 24; l++) {
                assertThat(step.value(t, l)).isEqualTo(step.value(t, 0));
                layerDiffers += layer.value(t, l) != layer.value(t, 0) ? 1 : 0;
            }
        }
        assertThat(layerDiffers).isBetween(1000, 1300); // ≈ half of 2300
    }

    @Test
    void extremesAndSequences() {
        Gate closed = Gate.bernoulli(0, Gate.Mode.STEP, 1);
        assertThat(closed.isClosed()).isTrue();
        assertThat(closed.value(5, 2)).isEqualTo(0.0);
        assertThat(Gate.parse("1", Gate.Mode.STEP, 0)).isSameAs(Gate.open());
        Gate seq = Gate.parse("seq:1,1,0,1", Gate.Mode.STEP, 0);
        assertThat(new double[] {seq.value(0, 0), seq.value(2, 0), seq.value(3, 9), seq.value(6, 0)})
                .containsExactly(1, 0, 1, 0);
        assertThat(seq.spec()).isEqualTo("seq:1,1,0,1");
        assertThat(Gate.parse("0.3", Gate.Mode.STEP_LAYER, 9).spec()).isEqualTo("bernoulli:0.3,step-layer,seed=9");
        assertThatThrownBy(() -> Gate.bernoulli(1.2, Gate.Mode.STEP, 0)).hasMessageContaining("0 <= p <= 1");
        assertThatThrownBy(() -> Gate.sequence(1, 2)).hasMessageContaining("0 or 1");
        assertThatThrownBy(() -> Gate.Mode.parse("token")).hasMessageContaining("step or step-layer");
    }
}
