package org.musicrfm.steering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.musicrfm.model.TinyModel;
import org.musicrfm.model.musicgen.Generation;
import org.musicrfm.model.musicgen.GenerationConfig;
import org.musicrfm.model.musicgen.MusicgenGenerator;
import org.musicrfm.model.musicgen.StepListener;

/** The adapter: steered sampling is reproducible from the seed and agrees cached and uncached; plans are checked. */
class SteeredGeneratorTest {

    /** Steps per second for schedule texts (musicgen-small's 32000 / 640). */
    private static final double RATE = 50;

    @Test
    void steeredSamplingIsReproducibleAndAgreesCachedAndUncached() {
        MusicgenGenerator generator = new MusicgenGenerator(TinyModel.get());
        SteeringPlan plan = SteeringPlan.of(SteeringDirection.builder("q", SteeredGenerationTest.fixtureDirections())
                .eta(1.2).schedule(Schedule.parse("exp-decay:0.9", RATE)).gate(Gate.bernoulli(0.3, Gate.Mode.STEP, 5)).build());
        GenerationConfig config = GenerationConfig.builder()
                .prompts(List.of("calm piano song in C major", "a fast jazz beat with drums")).seconds(0.2).topK(50).seed(11)
                .build();
        Generation a = SteeredGenerator.generate(generator, config, plan, StepListener.NONE);
        long[] codes = SteeredGenerationTest.flatten(a.codes());
        long[] again = SteeredGenerationTest.flatten(SteeredGenerator.generate(generator, config, plan, StepListener.NONE).codes());
        long[] uncached = SteeredGenerationTest.flatten(SteeredGenerator.generate(generator,
                config.toBuilder().kvCache(false).build(), plan, StepListener.NONE).codes());
        long[] plain = SteeredGenerationTest.flatten(SteeredGenerator.generate(generator, config, SteeringPlan.none(),
                StepListener.NONE).codes());
        assertThat(codes).hasSize(2 * 4 * 10).containsExactly(again).containsExactly(uncached);
        assertThat(plain).isNotEqualTo(codes);
        assertThat(a.audio()).hasDimensions(2, 10 * 640);
    }

    @Test
    void plansThatDoNotFitTheModelAreRefused() {
        MusicgenGenerator generator = new MusicgenGenerator(TinyModel.get());
        GenerationConfig config = GenerationConfig.builder().prompt("piano").seconds(0.1).build();
        SteeringPlan deep = SteeringPlan.of(SteeringDirection.builder("w", Map.of(5, new float[32])).build());
        assertThatThrownBy(() -> SteeredGenerator.generate(generator, config, deep, StepListener.NONE))
                .hasMessageContaining("block 5").hasMessageContaining("3 blocks");
        SteeringPlan wide = SteeringPlan.of(SteeringDirection.builder("w", Map.of(0, new float[64])).build());
        assertThatThrownBy(() -> SteeredGenerator.generate(generator, config, wide, StepListener.NONE))
                .hasMessageContaining("hidden size 64");
    }
}
