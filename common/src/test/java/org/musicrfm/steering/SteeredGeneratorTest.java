package org.musicrfm.steering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.musicrfm.model.TinyModel;
import org.musicrfm.model.musicgen.MusicgenModel;

/** Sampling arithmetic, seeded reproducibility, durations; steered sampling agrees cached and uncached. */
class SteeredGeneratorTest {

    @Test
    void topKTemperatureSamplingByHand() {
        float[] x = {0f, (float) Math.log(3), -5f, (float) Math.log(3)};
        SteeredGenerator.Settings k2 = new SteeredGenerator.Settings(3, 2, 1, 0, true);
        // top-2 keeps both log 3 entries (weights 3, 3): u < 0.5 -> index 1, else index 3
        assertThat(SteeredGenerator.sample(x, 0, 4, k2, 0.49)).isEqualTo(1);
        assertThat(SteeredGenerator.sample(x, 0, 4, k2, 0.51)).isEqualTo(3);
        SteeredGenerator.Settings k3 = new SteeredGenerator.Settings(3, 3, 1, 0, true);
        // top-3: weights 1, 3, 3 of 7: u·7 < 1 -> 0, < 4 -> 1, else 3
        assertThat(SteeredGenerator.sample(x, 0, 4, k3, 0.1)).isEqualTo(0);
        assertThat(SteeredGenerator.sample(x, 0, 4, k3, 0.5)).isEqualTo(1);
        assertThat(SteeredGenerator.sample(x, 0, 4, k3, 0.6)).isEqualTo(3);
        // temperature 2: weights 1, √3, √3 of 1 + 2√3 = 4.46: u = 0.2 -> 0.89 < 1 -> 0; u = 0.25 -> 1.12 -> 1
        SteeredGenerator.Settings t2 = new SteeredGenerator.Settings(3, 3, 2, 0, true);
        assertThat(SteeredGenerator.sample(x, 0, 4, t2, 0.2)).isEqualTo(0);
        assertThat(SteeredGenerator.sample(x, 0, 4, t2, 0.25)).isEqualTo(1);
        assertThat(SteeredGenerator.argMax(x, 0, 4)).isEqualTo(1); // first of the tied maxima
        assertThat(SteeredGenerator.maxNewTokens(1.0, 4)).isEqualTo(53); // 50 frames
        assertThat(SteeredGenerator.maxNewTokens(0.26, 4)).isEqualTo(16); // 13 frames, the fixture's
    }

    @Test
    void samplingIsReproducibleFromTheSeedAndSteeringAgreesCachedAndUncached() {
        MusicgenModel model = TinyModel.get();
        List<String> prompts = List.of("calm piano song in C major", "a fast jazz beat with drums");
        SteeringPlan plan = SteeringPlan.of(SteeringDirection.builder("q", SteeredGenerationTest.fixtureDirections())
                .eta(1.2).schedule(Schedule.parse("exp-decay:0.9")).gate(Gate.bernoulli(0.3, Gate.Mode.STEP, 5)).build());
        SteeredGenerator.Settings s = new SteeredGenerator.Settings(3, 50, 1.0, 11, true);
        long[] a = SteeredGenerationTest.flatten(SteeredGenerator.generate(model, prompts, 0.2, s, plan));
        long[] again = SteeredGenerationTest.flatten(SteeredGenerator.generate(model, prompts, 0.2, s, plan));
        long[] uncached = SteeredGenerationTest.flatten(SteeredGenerator.generate(model, prompts, 0.2, s.withCached(false), plan));
        long[] otherSeed = SteeredGenerationTest.flatten(SteeredGenerator.generate(model, prompts, 0.2,
                new SteeredGenerator.Settings(3, 50, 1.0, 12, true), plan));
        assertThat(a).hasSize(2 * 4 * 10).containsExactly(again).containsExactly(uncached);
        assertThat(otherSeed).isNotEqualTo(a);
    }

    @Test
    void badRequestsAreClearErrors() {
        MusicgenModel model = TinyModel.get();
        SteeredGenerator.Settings s = SteeredGenerator.Settings.greedy();
        assertThatThrownBy(() -> SteeredGenerator.generate(model, List.of("piano"), 6.0, s, SteeringPlan.none()))
                .hasMessageContaining("beyond the model's 256");
        assertThatThrownBy(() -> SteeredGenerator.generate(model, List.of(" "), 1.0, s, SteeringPlan.none()))
                .hasMessageContaining("non-empty");
        assertThatThrownBy(() -> SteeredGenerator.maxNewTokens(0, 4)).hasMessageContaining("expected > 0");
        SteeringPlan wide = SteeringPlan.of(SteeringDirection.builder("w", java.util.Map.of(5, new float[32])).build());
        assertThatThrownBy(() -> SteeredGenerator.generate(model, List.of("piano"), 0.1, s, wide))
                .hasMessageContaining("block 5");
        assertThatThrownBy(() -> new SteeredGenerator.Settings(0.5, 250, 1, 0, true)).hasMessageContaining("guidance");
    }
}
