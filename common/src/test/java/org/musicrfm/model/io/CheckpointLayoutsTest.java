package org.musicrfm.model.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.musicrfm.Fixtures;

/** Every stored layout of the tiny MusicGen gives the same unified names, shapes and exact values. */
class CheckpointLayoutsTest {

    @ParameterizedTest
    @ValueSource(strings = {"musicgen-sharded", "musicgen-legacy-weightnorm", "musicgen-bin-sharded"})
    void layoutEqualsTheSingleSafetensorsCopyExactly(String folder) throws Exception {
        Path ref = Fixtures.hfTiny().resolve("musicgen");
        try (Checkpoint a = Checkpoint.open(ref); Checkpoint b = Checkpoint.open(Fixtures.hfTiny().resolve(folder))) {
            assertThat(b.names()).hasSize(195).containsExactlyElementsOf(a.names());
            long elements = 0;
            for (String name : a.names()) {
                TensorInfo ia = a.info(name);
                TensorInfo ib = b.info(name);
                assertThat(ib.shape()).as(name).containsExactly(ia.shape());
                assertThat(ib.dtype()).as(name).isEqualTo("F32");
                float[] va = a.readFloats(name);
                float[] vb = b.readFloats(name);
                assertThat(firstDifference(va, vb)).as(name + ": first differing index").isEqualTo(-1);
                elements += va.length;
            }
            assertThat(elements).isEqualTo(4_304_808 / 4);
        }
    }

    /** Index of the first element whose float bits differ, or -1 (AssertJ is slow on large arrays). */
    static int firstDifference(float[] a, float[] b) {
        if (a.length != b.length) {
            return Math.min(a.length, b.length);
        }
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                return i;
            }
        }
        return -1;
    }

    @ParameterizedTest
    @ValueSource(strings = {"musicgen", "musicgen-sharded", "musicgen-legacy-weightnorm", "musicgen-bin-sharded"})
    void detectsTheLayout(String folder) throws Exception {
        try (Checkpoint c = Checkpoint.open(Fixtures.hfTiny().resolve(folder))) {
            Checkpoint.Layout expected = switch (folder) {
                case "musicgen-sharded" -> Checkpoint.Layout.SAFETENSORS_SHARDED;
                case "musicgen-bin-sharded" -> Checkpoint.Layout.TORCH_BIN_SHARDED;
                default -> Checkpoint.Layout.SAFETENSORS;
            };
            assertThat(c.layout()).isEqualTo(expected);
            int files = switch (folder) {
                case "musicgen-sharded" -> 5;
                case "musicgen-bin-sharded" -> 2;
                default -> 1;
            };
            assertThat(c.weightFiles()).hasSize(files);
            assertThat(List.copyOf(c.names())).contains("audio_encoder.encoder.layers.0.conv.weight_g");
        }
    }
}
