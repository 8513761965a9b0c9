package org.musicrfm.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.musicrfm.Fixtures;

class SafetensorsFileTest {

    private static final Path MUSICGEN = Fixtures.hfTiny().resolve("musicgen/model.safetensors");
    private static final Path DTYPES = Fixtures.hfTiny().resolve("dtypes.safetensors");

    @Test
    void readsHeaderAndValuesOfTheTinyMusicgen() throws Exception {
        try (SafetensorsFile f = SafetensorsFile.open(MUSICGEN)) {
            assertThat(f.names()).hasSize(195);
            assertThat(f.metadata()).containsEntry("format", "pt");
            TensorInfo g = f.info("audio_encoder.decoder.layers.0.conv.parametrizations.weight.original0");
            assertThat(g.dtype()).isEqualTo("F32");
            assertThat(g.shape()).containsExactly(64, 1, 1);
            float[] v = f.readFloats(g.name());
            assertThat(v).hasSize(64);
            // values read with Python's struct from the same file
            assertThat(v[0]).isEqualTo(0.5457957983016968f);
            assertThat(v[1]).isEqualTo(0.6173979043960571f);
            assertThat(v[63]).isEqualTo(0.5927774906158447f);
            double sum = 0;
            for (float x : v) {
                sum += x;
            }
            assertThat(sum).isCloseTo(37.013997316360474, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void widensF16AndBf16ExactlyAndReadsI64() throws Exception {
        try (SafetensorsFile f = SafetensorsFile.open(DTYPES)) {
            assertThat(f.info("x.f16").dtype()).isEqualTo("F16");
            assertThat(f.info("x.bf16").dtype()).isEqualTo("BF16");
            assertThat(f.readFloats("x.f16")).containsExactly(f.readFloats("x.f16_as_f32"));
            assertThat(f.readFloats("x.bf16")).containsExactly(f.readFloats("x.bf16_as_f32"));
            float[] x = f.readFloats("x.f32");
            assertThat(x[0]).isEqualTo(-2.405794382095337f);
            assertThat(x[14]).isEqualTo(0.608647346496582f);
            assertThat(f.readLongs("ids.i64")).containsExactly(0, 1, 2, 3, 4, 5);
            assertThat(f.info("ids.i64").shape()).containsExactly(2, 3);
        }
    }

    @Test
    void wrongKindOfReadAndMissingTensorNameTheTensor() throws Exception {
        try (SafetensorsFile f = SafetensorsFile.open(DTYPES)) {
            assertThatThrownBy(() -> f.readFloats("ids.i64")).hasMessageContaining("ids.i64").hasMessageContaining("I64");
            assertThatThrownBy(() -> f.readLongs("x.f32")).hasMessageContaining("x.f32");
            assertThatThrownBy(() -> f.info("nope")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("missing tensor nope").hasMessageContaining("dtypes.safetensors");
        }
    }
}
