package org.musicrfm.model.musicgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.musicrfm.Fixtures;
import org.musicrfm.model.BlockHook;
import org.musicrfm.model.HookContext;
import org.musicrfm.model.Parity;
import org.musicrfm.model.Reference;
import org.musicrfm.model.TinyModel;

/**
 * Generation against transformers' {@code generate} on the fixture (greedy, guidance 3, 16 steps =
 * 13 frames, two prompts): {@code generate.codes}, {@code steer.generate.codes} (a plain hook adding
 * {@code coefficients[l] · directions[l]} to every block), {@code schedule.generate.codes} (a hook
 * reading each position's step from its {@link HookContext}) — exactly, with and without the KV
 * cache — and {@code generate.audio} (EnCodec on the generated codes).
 */
class MusicgenGeneratorTest {

    static final int STEPS = 16;

    static MusicgenGenerator generator() {
        return new MusicgenGenerator(TinyModel.get());
    }

    static GenerationConfig greedy(boolean cached) {
        return GenerationConfig.builder().maxNewTokens(STEPS).greedy(true).kvCache(cached).build();
    }

    static long[] generate(GenerationConfig config, BlockHook hook) {
        return flatten(generator().generateCodes(DecoderParityTest.rows("t5.input_ids"),
                DecoderParityTest.rows("t5.attention_mask"), config, hook, StepListener.NONE));
    }

    static long[] flatten(long[][][] codes) {
        return Arrays.stream(codes).flatMap(Arrays::stream).flatMapToLong(Arrays::stream).toArray();
    }

    /** {@code coefficients[l] · directions[l] · scale(step)} added at every position (any batch row). */
    static BlockHook fixtureHook(java.util.function.IntToDoubleFunction scale) {
        float[] q = Reference.floats("steer.directions");
        float[] coef = Reference.floats("steer.coefficients");
        int h = q.length / coef.length;
        return (layer, hidden, context) -> {
            int t = (int) hidden.getShape().get(1);
            float[] add = new float[t * h];
            for (int i = 0; i < t; i++) {
                float s = (float) scale.applyAsDouble(context.step(i));
                for (int j = 0; j < h; j++) {
                    add[i * h + j] = s * coef[layer] * q[layer * h + j];
                }
            }
            NDArray v = hidden.getManager().create(add, new Shape(1, t, h)); // [1, T, H], broadcast over rows
            return hidden.add(v);
        };
    }

    /** The fixture's schedule: η0 · max(0, 1 − t/16) · gate[t] / max(coefficients), with t counted from 1. */
    static BlockHook scheduleHook() {
        float[] coef = Reference.floats("steer.coefficients");
        float max = Float.NEGATIVE_INFINITY;
        for (float c : coef) {
            max = Math.max(max, c);
        }
        float eta = Reference.floats("schedule.eta0")[0];
        long[] gate = Reference.longs("schedule.gate");
        float inv = 1 / max;
        return fixtureHook(t -> eta * Math.max(0.0, 1.0 - t / (double) STEPS) * gate[t % gate.length] * inv);
    }

    @Test
    void greedyCodesMatchTransformersWithAndWithoutTheCache() {
        long[] want = Reference.longs("generate.codes");
        assertThat(generate(greedy(true), null)).containsExactly(want);
        assertThat(generate(greedy(false), null)).containsExactly(want);
    }

    @Test
    void constantVectorsOnEveryLayerMatchSteerGenerateCodes() {
        long[] want = Reference.longs("steer.generate.codes");
        assertThat(want).isNotEqualTo(Reference.longs("generate.codes"));
        BlockHook hook = fixtureHook(t -> 1.0);
        assertThat(generate(greedy(true), hook)).containsExactly(want);
        assertThat(generate(greedy(false), hook)).containsExactly(want);
    }

    @Test
    void decayingGatedScheduleMatchesScheduleGenerateCodes() {
        long[] want = Reference.longs("schedule.generate.codes");
        assertThat(want).isNotEqualTo(Reference.longs("generate.codes")).isNotEqualTo(Reference.longs("steer.generate.codes"));
        // transformers 5.17's decoder-call counter reads 1 at the first decoding step (docs/steering.md)
        GenerationConfig cached = greedy(true).toBuilder().firstStep(1).build();
        assertThat(generate(cached, scheduleHook())).containsExactly(want);
        assertThat(generate(cached.toBuilder().kvCache(false).build(), scheduleHook())).containsExactly(want);
        assertThat(generate(greedy(true), scheduleHook())).as("steps from 0 differ").isNotEqualTo(want);
    }

    @Test
    void generatedCodesDecodeToTheFixtureAudio() {
        long[] s = Reference.shape("generate.codes");
        long[][][] codes = MusicgenModel.unflatten(Reference.longs("generate.codes"), (int) s[1], (int) s[2], (int) s[3]);
        float[][] audio = TinyModel.get().decodeAudio(codes);
        assertThat(audio).hasDimensions(2, 13 * 640);
        float[] flat = new float[2 * 13 * 640];
        System.arraycopy(audio[0], 0, flat, 0, audio[0].length);
        System.arraycopy(audio[1], 0, flat, audio[0].length, audio[1].length);
        Parity.assertClose("generate.audio (EnCodec decode of generated codes)", flat, Reference.floats("generate.audio"));
        // generate() returns the same codes and audio in one call
        Generation g = generator().generate(GenerationConfig.builder().prompts(List.of("calm piano song in C major"))
                .maxNewTokens(STEPS).greedy(true).build(), null, StepListener.NONE);
        assertThat(g.frames()).isEqualTo(13);
        assertThat(g.sampleRate()).isEqualTo(32000);
        assertThat(g.seconds()).isEqualTo(13 / 50.0);
        assertThat(g.audio()[0]).containsExactly(TinyModel.get().decodeAudio(g.codes())[0]);
    }

    @Test
    void hookSeesTheStepLayerAndCfgRowsOfEveryPosition() {
        record Call(int layer, long rows, long length, int offset, int firstStep, int lastStep, int condRows) {}
        for (boolean cached : new boolean[] {true, false}) {
            List<Call> calls = new ArrayList<>();
            BlockHook spy = (layer, hidden, c) -> {
                long t = hidden.getShape().get(1);
                calls.add(new Call(layer, hidden.getShape().get(0), t, c.positionOffset(), c.step(0), c.step((int) t - 1),
                        c.conditionalRows(hidden.getShape().get(0))));
                return hidden;
            };
            GenerationConfig config = GenerationConfig.builder().maxNewTokens(6).greedy(true).kvCache(cached).firstStep(2)
                    .build();
            long[] codes = generate(config, spy);
            assertThat(codes).containsExactly(generate(config, null)); // an identity hook changes nothing
            assertThat(calls).hasSize(6 * 3);
            for (int step = 0; step < 6; step++) {
                for (int layer = 0; layer < 3; layer++) {
                    Call c = calls.get(step * 3 + layer);
                    // 2 prompts x 4 codebooks... the hook sees [B, T, H]: B = 2 conditional + 2 unconditional rows
                    Call want = cached ? new Call(layer, 4, 1, step, step + 2, step + 2, 2)
                            : new Call(layer, 4, step + 1, 0, 2, step + 2, 2);
                    assertThat(c).isEqualTo(want);
                }
            }
        }
        // no guidance: every row is conditional
        List<Integer> rows = new ArrayList<>();
        generate(greedy(true).toBuilder().maxNewTokens(4).guidance(1).build(), (layer, hidden, c) -> {
            rows.add(c.conditionalRows(hidden.getShape().get(0)));
            assertThat(c.isConditional(1)).isTrue();
            return hidden;
        });
        assertThat(rows).hasSize(12).containsOnly(2);
    }

    @Test
    void kvCacheAgreesAtBatchAboveOneForSampledPlainAndSteeredGeneration() {
        MusicgenGenerator g = generator();
        List<String> prompts = List.of("calm piano song in C major", "a fast jazz beat with drums", "loud rocking guitar");
        GenerationConfig config = GenerationConfig.builder().prompts(prompts).seconds(0.2).topK(50).seed(11)
                .samplesPerPrompt(2).build();
        for (BlockHook hook : new BlockHook[] {null, fixtureHook(t -> 1.5 * Math.cos(t))}) {
            long[][][] cached = g.generateCodes(config, hook, StepListener.NONE);
            long[][][] uncached = g.generateCodes(config.toBuilder().kvCache(false).build(), hook, StepListener.NONE);
            assertThat(cached.length).isEqualTo(6);
            assertThat(flatten(uncached)).containsExactly(flatten(cached));
        }
        assertThat(flatten(g.generateCodes(config, fixtureHook(t -> 1.5 * Math.cos(t)), StepListener.NONE)))
                .isNotEqualTo(flatten(g.generateCodes(config, null, StepListener.NONE)));
    }

    @Test
    void drawsDependOnPromptIndexAndSampleNotOnTheBatch() {
        MusicgenGenerator g = generator();
        List<String> prompts = List.of("calm piano song in C major", "a fast jazz beat with drums", "loud rocking guitar");
        GenerationConfig all = GenerationConfig.builder().prompts(prompts).seconds(0.3).seed(5).samplesPerPrompt(2).build();
        long[][][] batch = g.generateCodes(all, null, StepListener.NONE); // rows: p0s0 p0s1 p1s0 p1s1 p2s0 p2s1
        // prompt 2 alone, told its index, gives the same two samples
        long[][][] alone = g.generateCodes(all.toBuilder().prompts(List.of(prompts.get(2))).firstPromptIndex(2).build(), null,
                StepListener.NONE);
        assertThat(flatten(alone)).containsExactly(flatten(new long[][][] {batch[4], batch[5]}));
        assertThat(flatten(new long[][][] {batch[4]})).isNotEqualTo(flatten(new long[][][] {batch[5]}));
        long[][][] reseeded = g.generateCodes(all.toBuilder().seed(6).build(), null, StepListener.NONE);
        assertThat(flatten(reseeded)).isNotEqualTo(flatten(batch));
        int vocab = Fixtures.tinyDecoder().vocabSize(); // codes index the codebooks, padded up to the vocabulary
        for (long[][] row : batch) {
            for (long[] cb : row) {
                assertThat(cb).hasSize(15);
                assertThat(Arrays.stream(cb).allMatch(v -> v >= 0 && v < vocab)).isTrue();
            }
        }
    }

    @Test
    void lengthsAndProgress() {
        MusicgenGenerator g = generator();
        assertThat(g.frameRate()).isEqualTo(50.0);
        assertThat(g.steps(GenerationConfig.builder().seconds(1.0).build())).isEqualTo(53); // 50 frames + 3
        assertThat(g.steps(GenerationConfig.builder().seconds(0.26).build())).isEqualTo(16); // the fixture's 13 frames
        assertThat(GenerationConfig.builder().maxNewTokens(16).build().frames(4, 50)).isEqualTo(13);
        // the tiny model has 256 positions: at most 253 frames = 5.06 s
        assertThat(g.steps(GenerationConfig.builder().seconds(5.06).build())).isEqualTo(256);
        List<String> progress = new ArrayList<>();
        g.generateCodes(GenerationConfig.builder().prompt("piano").maxNewTokens(5).build(), null,
                (done, total) -> progress.add(done + "/" + total));
        assertThat(progress).containsExactly("1/5", "2/5", "3/5", "4/5", "5/5");
    }

    @Test
    void badRequestsAreClearErrors() {
        MusicgenGenerator g = generator();
        assertThatThrownBy(() -> g.steps(GenerationConfig.builder().seconds(5.1).build()))
                .hasMessageContaining("255 frames (5.10 s) need 258 positions, beyond the model's 256")
                .hasMessageContaining("at most 253 frames (5.06 s)");
        assertThatThrownBy(() -> g.generateCodes(GenerationConfig.builder().prompt("piano").seconds(6).build(), null,
                StepListener.NONE)).hasMessageContaining("beyond the model's 256");
        assertThatThrownBy(() -> GenerationConfig.builder().prompt(" ").build()).hasMessageContaining("prompt 0 is empty");
        assertThatThrownBy(() -> GenerationConfig.builder().seconds(0).build()).hasMessageContaining("seconds > 0");
        assertThatThrownBy(() -> GenerationConfig.builder().seconds(-1).build()).hasMessageContaining("seconds > 0");
        assertThatThrownBy(() -> GenerationConfig.builder().guidance(0.5).build()).hasMessageContaining("guidance 0.5");
        assertThatThrownBy(() -> GenerationConfig.builder().topK(0).build()).hasMessageContaining("top-k 0");
        assertThatThrownBy(() -> g.steps(GenerationConfig.builder().maxNewTokens(2).build())).hasMessageContaining("no frame");
        assertThatThrownBy(() -> g.generateCodes(GenerationConfig.builder().seconds(0.1).build(), null, StepListener.NONE))
                .hasMessageContaining("no prompts");
    }

    @Test
    void contextDefaultsOutsideGeneration() {
        try (NDManager m = TinyModel.get().newScope()) {
            NDArray h = m.zeros(new Shape(2, 3, 4));
            List<HookContext> seen = new ArrayList<>();
            BlockHook spy = (layer, hidden, c) -> {
                seen.add(c);
                return hidden;
            };
            spy.apply(0, h, 5);
            assertThat(seen.get(0).step(1)).isEqualTo(6);
            assertThat(seen.get(0).conditionalRows(2)).isEqualTo(2);
            spy.withLayout(new org.musicrfm.model.StepMap(3, 1), 1).apply(0, h, 4);
            assertThat(seen.get(1).step(0)).isEqualTo(3); // 1 + (4 - 3 + 1)
            assertThat(seen.get(1).isConditional(1)).isFalse();
        }
    }
}
