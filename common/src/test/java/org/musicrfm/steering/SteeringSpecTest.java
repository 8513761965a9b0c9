package org.musicrfm.steering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.musicrfm.model.io.RandomCheckpoint;
import org.musicrfm.model.musicgen.MusicgenConfig;
import org.musicrfm.steering.SteeringSpec.Combination;
import org.musicrfm.steering.SteeringSpec.DirectionSpec;

/** The typed steering spec: knob checks naming the field, layers, components and gate sequences, its JSON. */
class SteeringSpecTest {

    private static DirectionSpec direction(String gateSequence, String layers, List<Integer> components) {
        return new DirectionSpec("notes", "C", 0.45, "exp:0.95", "constant", 1.0, "step", "both", gateSequence, layers,
                components);
    }

    @Test
    void eightKnobDirectionSteersEveryLayerWithTheTopComponentAndKeepsItsJson() {
        DirectionSpec d = new DirectionSpec("notes", "C", 0.3, "exp:0.95,1", "constant", 0.3, "step", "both");
        assertThat(d.components()).containsExactly(0);
        assertThat(d.layerSet()).isNull();
        assertThat(d.gateText()).isEqualTo("0.3");
        JsonObject x = new SteeringSpec(List.of(d), null, null).toJson().getAsJsonArray("directions").get(0)
                .getAsJsonObject();
        assertThat(x.keySet()).containsExactly("pack", "target", "eta", "weighting", "schedule", "gate_p", "gate_mode",
                "cfg_rows");
    }

    @Test
    void layersComponentsAndGateSequenceAreCheckedAndRecorded() {
        SteeringSpec s = new SteeringSpec(List.of(direction("seq:1,0,1", "0-2,5", List.of(0, 1))), Combination.SIMULTANEOUS,
                null);
        s.validateKnobs(SteeringSpec.MAX_ETA, "steer");
        DirectionSpec d = s.directions().get(0);
        assertThat(d.layerSet()).containsExactly(0, 1, 2, 5);
        assertThat(d.gateText()).isEqualTo("seq:1,0,1");
        JsonObject x = s.toJson().getAsJsonArray("directions").get(0).getAsJsonObject();
        assertThat(x.get("gate").getAsString()).isEqualTo("seq:1,0,1");
        assertThat(x.get("layers").getAsString()).isEqualTo("0-2,5");
        assertThat(x.getAsJsonArray("components")).hasSize(2);

        assertThatThrownBy(() -> new SteeringSpec(List.of(direction(null, "3-1", null)), null, null)
                .validateKnobs(SteeringSpec.MAX_ETA, "steer"))
                .hasMessage("steer.directions[0].layers: '3-1': range 3-1 runs backwards");
        assertThatThrownBy(() -> new SteeringSpec(List.of(direction(null, null, List.of(-1))), null, null)
                .validateKnobs(SteeringSpec.MAX_ETA, "steer"))
                .hasMessage("steer.directions[0].components: -1 is out of range (>= 0)");
        assertThatThrownBy(() -> new SteeringSpec(List.of(direction("seq:1,2", null, null)), null, null)
                .validateKnobs(SteeringSpec.MAX_ETA, "steer"))
                .hasMessageStartingWith("steer.directions[0].gate: ");
    }

    @Test
    void etaBeyondTheLimitAndALoneCrossFadeAreRefusedNamingTheField() {
        DirectionSpec big = new DirectionSpec("notes", "C", 12, "uniform", "constant", 1, "step", "both");
        assertThatThrownBy(() -> new SteeringSpec(List.of(big), null, null).validateKnobs(SteeringSpec.MAX_ETA, "steer"))
                .hasMessage("steer.directions[0].eta: 12.0 is out of range (|eta| <= 10.0)");
        DirectionSpec one = new DirectionSpec("notes", "C", 0.3, "uniform", "constant", 1, "step", "both");
        assertThatThrownBy(() -> new SteeringSpec(List.of(one), Combination.CROSS_FADE, "2..8")
                .validateKnobs(SteeringSpec.MAX_ETA, "steer"))
                .hasMessage("steer: a cross-fade needs exactly two directions, got 1");
        assertThatThrownBy(() -> new SteeringSpec(List.of(one, one), Combination.CROSS_FADE, "8..2")
                .validateTimes("steer", 50))
                .hasMessage("steer.fade: '8..2': the end must come after the start");
    }

    /** The tiny checkpoint's config with other EnCodec upsampling ratios (hop = their product). */
    private static MusicgenConfig tinyWithRatios(int... ratios) {
        JsonObject c = RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY);
        JsonArray a = new JsonArray();
        for (int r : ratios) {
            a.add(r);
        }
        c.getAsJsonObject("audio_encoder").add("upsampling_ratios", a);
        return MusicgenConfig.from(c);
    }

    @Test
    void timesInSecondsBecomeStepsAtTheRateOfTheModelsConfig() {
        MusicgenConfig small = MusicgenConfig.from(RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY));
        MusicgenConfig slow = tinyWithRatios(8, 5, 4, 4);
        assertThat(small.audioEncoder().samplingRate()).isEqualTo(32000);
        double rate50 = Steps.perSecond(small); // 32000 / (8·5·4·2)
        double rate25 = Steps.perSecond(slow); // 32000 / (8·5·4·4)
        assertThat(rate50).isEqualTo(50.0);
        assertThat(rate25).isEqualTo(25.0);
        assertThat(Schedule.parse("linear-rise:2s", rate50)).isEqualTo(Schedule.linearRise(100));
        assertThat(Schedule.parse("linear-rise:2s", rate25)).isEqualTo(Schedule.linearRise(50));
        assertThat(Schedule.parse("exp-decay@1s..3s", rate25).spec()).isEqualTo("exp-decay:0.998@25..75");
        assertThat(Steps.parse("1500", "t", rate25)).isEqualTo(1500.0); // steps stay steps

        // a window mixing steps and seconds is ordered at the model's rate: 30 < 1 s at 50, not at 25
        DirectionSpec one = new DirectionSpec("notes", "C", 0.3, "uniform", "constant", 1, "step", "both");
        SteeringSpec mixed = new SteeringSpec(List.of(one, one), Combination.CROSS_FADE, "30..1s");
        mixed.validateTimes("steer", rate50);
        assertThatThrownBy(() -> mixed.validateTimes("steer", rate25))
                .hasMessage("steer.fade: '30..1s': the end must come after the start");
        SteeringSpec points = new SteeringSpec(List.of(new DirectionSpec("notes", "C", 0.3, "uniform",
                "points:0=0,40=1,1s=0", 1, "step", "both")), null, null);
        points.validateTimes("steer", rate50);
        assertThatThrownBy(() -> points.validateTimes("steer", rate25))
                .hasMessageStartingWith("steer.directions[0].schedule: points: steps must increase, got 40 then 25");
        assertThatThrownBy(() -> Steps.parse("1s", "t", 0)).hasMessageContaining("steps per second 0.0");
    }
}
