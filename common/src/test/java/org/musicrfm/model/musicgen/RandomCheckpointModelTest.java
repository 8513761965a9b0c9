package org.musicrfm.model.musicgen;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.model.ModelOptions;
import org.musicrfm.model.io.Dtype;
import org.musicrfm.model.io.RandomCheckpoint;

/** A random tiny checkpoint with its synthetic tokenizer runs end to end through the façade (F16 storage too). */
class RandomCheckpointModelTest {

    @Test
    void textAudioAndExtractionRunOnARandomCheckpoint(@TempDir Path dir) throws Exception {
        Path folder = RandomCheckpoint.write(RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY),
                dir.resolve("tiny"), 42, Dtype.F16);
        try (MusicgenModel model = MusicgenModel.load(folder, ModelOptions.cpu())) {
            MusicgenDecoderConfig dec = model.config().decoder();
            int hop = model.config().audioEncoder().hopLength();
            int frames = 10;
            float[] clip = new float[hop * frames];
            for (int i = 0; i < clip.length; i++) {
                clip[i] = (float) Math.sin(i * 0.01);
            }
            long[][][] codes = model.encodeAudio(new float[][] {clip, clip});
            assertThat(codes[0]).hasDimensions(dec.numCodebooks(), frames);
            assertThat(codes[1]).isDeepEqualTo(codes[0]);
            assertThat(model.decodeAudio(codes)[0]).hasSize(hop * frames);
            Activations a = model.extract(codes, Reading.EMPTY_TEXT, EnumSet.of(Pooling.MEANSTD));
            assertThat(a.get(Pooling.MEANSTD, 2, 1)).hasSize(2 * dec.hiddenSize());
            try (NDManager scope = model.newScope()) {
                TextConditioning text = model.encodeText(scope, List.of("a calm piano", "drums"));
                assertThat(text.states().getShape().get(0)).isEqualTo(2);
                // [B=2, K, T] -> delayed, one step per codebook and a start column: [2·K, T + K]
                int rows = 2 * dec.numCodebooks();
                int steps = frames + dec.numCodebooks();
                NDArray ids = model.codesArray(scope, DelayPattern.apply(codes, dec.bosTokenId(), dec.padTokenId()))
                        .reshape(rows, steps);
                NDArray logits = model.forward(ids, text, null, null);
                assertThat(logits.getShape().getShape()).containsExactly(rows, steps, dec.vocabSize());
                float[] v = logits.toFloatArray();
                for (float x : v) {
                    assertThat(Float.isFinite(x)).isTrue();
                }
            }
        }
    }
}
