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
            float[] clip = new float[640 * 10];
            for (int i = 0; i < clip.length; i++) {
                clip[i] = (float) Math.sin(i * 0.01);
            }
            long[][][] codes = model.encodeAudio(new float[][] {clip, clip});
            assertThat(codes[0]).hasDimensions(4, 10);
            assertThat(codes[1]).isDeepEqualTo(codes[0]);
            assertThat(model.decodeAudio(codes)[0]).hasSize(6400);
            Activations a = model.extract(codes, Reading.EMPTY_TEXT, EnumSet.of(Pooling.MEANSTD));
            assertThat(a.get(Pooling.MEANSTD, 2, 1)).hasSize(2 * model.config().decoder().hiddenSize());
            try (NDManager scope = model.newScope()) {
                TextConditioning text = model.encodeText(scope, List.of("a calm piano", "drums"));
                assertThat(text.states().getShape().get(0)).isEqualTo(2);
                NDArray ids = model.codesArray(scope, DelayPattern.apply(codes, 2048, 2048)).reshape(8, 14);
                NDArray logits = model.forward(ids, text, null, null);
                assertThat(logits.getShape().getShape()).containsExactly(8, 14, 2048);
                float[] v = logits.toFloatArray();
                for (float x : v) {
                    assertThat(Float.isFinite(x)).isTrue();
                }
            }
        }
    }
}
