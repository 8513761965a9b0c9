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

    /**
     * The tiny checkpoint's config with EnCodec upsampling ratios 8, 5, 4, 2 (hop 320, half musicgen-small's)
     * and twice the bandwidth, so that the codec still yields the decoder's codebooks.
     */
    private static MusicgenConfig tinyWithHalfTheHop() {
        JsonObject c = RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY);
        JsonObject audio = c.getAsJsonObject("audio_encoder");
        JsonArray ratios = new JsonArray();
        JsonArray bandwidths = new JsonArray();
        for (var r : audio.getAsJsonArray("upsampling_ratios")) {
            ratios.add(ratios.size() == 3 ? r.getAsInt() / 2 : r.getAsInt());
        }
        for (var b : audio.getAsJsonArray("target_bandwidths")) {
            bandwidths.add(2 * b.getAsDouble());
        }
        audio.add("upsampling_ratios", ratios);
        audio.add("target_bandwidths", bandwidths);
        return MusicgenConfig.from(c);
    }

    @Test
    void timesInSecondsBecomeStepsAtTheRateOfTheModelsConfig() {
        MusicgenConfig small = MusicgenConfig.from(RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY));
        MusicgenConfig fast = tinyWithHalfTheHop();
        assertThat(fast.audioEncoder().upsamplingRatios()).containsExactly(8, 5, 4, 2);
        assertThat(fast.decoder().numCodebooks()).isEqualTo(small.decoder().numCodebooks());
        assertThat(small.audioEncoder().samplingRate()).isEqualTo(32000);
        assertThat(small.audioEncoder().upsamplingRatios()).containsExactly(8, 5, 4, 4); // musicgen-small's
        double rate50 = Steps.perSecond(small); // 32000 / (8·5·4·4)
        double rate100 = Steps.perSecond(fast); // 32000 / (8·5·4·2)
        assertThat(rate50).isEqualTo(50.0);
        assertThat(rate100).isEqualTo(100.0);
        assertThat(Schedule.parse("linear-rise:2s", rate50)).isEqualTo(Schedule.linearRise(100));
        assertThat(Schedule.parse("linear-rise:2s", rate100)).isEqualTo(Schedule.linearRise(200));
        assertThat(Schedule.parse("exp-decay@1s..3s", rate100).spec()).isEqualTo("exp-decay:0.998@100..300");
        assertThat(Steps.parse("1500", "t", rate100)).isEqualTo(1500.0); // steps stay steps

        // a window mixing seconds and steps is ordered at the model's rate: 1 s comes before 80 steps at 50, not at 100
        DirectionSpec one = new DirectionSpec("notes", "C", 0.3, "uniform", "constant", 1, "step", "both");
        SteeringSpec mixed = new SteeringSpec(List.of(one, one), Combination.CROSS_FADE, "1s..80");
        mixed.validateTimes("steer", rate50);
        assertThatThrownBy(() -> mixed.validateTimes("steer", rate100))
                .hasMessage("steer.fade: '1s..80': the end must come after the start");
        SteeringSpec points = new SteeringSpec(List.of(new DirectionSpec("notes", "C", 0.3, "uniform",
                "points:0=0,1s=1,80=0", 1, "step", "both")), null, null);
        points.validateTimes("steer", rate50);
        assertThatThrownBy(() -> points.validateTimes("steer", rate100))
                .hasMessageContaining("steer.directions[0].schedule: ").hasMessageContaining("steps must increase, got 100 then 80");
        assertThatThrownBy(() -> Steps.parse("1s", "t", 0)).hasMessageContaining("steps per second 0.0");
    }
}
