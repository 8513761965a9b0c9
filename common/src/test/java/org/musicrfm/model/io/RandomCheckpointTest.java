package org.musicrfm.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.Fixtures;
import org.musicrfm.model.io.RandomCheckpoint.Preset;

class RandomCheckpointTest {

    @TempDir
    Path tmp;

    @Test
    void tinyPresetHasTheFixtureLayoutSavePretrainedNamesAndMarkers() throws Exception {
        Path out = RandomCheckpoint.write(RandomCheckpoint.presetConfig(Preset.TINY), tmp.resolve("tiny"), 7, Dtype.F32);
        assertThat(out).isEqualTo(tmp.resolve("tiny").toAbsolutePath());
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted()).containsExactly("README.txt", "config.json",
                    "generation_config.json", "model.safetensors", "tokenizer.json");
        }
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.count()).as("no partial folder left").isEqualTo(1);
        }
        assertThat(Files.readString(out.resolve("README.txt"))).startsWith("SYNTHETIC MODEL - RANDOM WEIGHTS");
        try (Checkpoint fixture = Checkpoint.open(Fixtures.hfTiny().resolve("musicgen"));
             Checkpoint c = Checkpoint.open(out);
             SafetensorsFile raw = SafetensorsFile.open(out.resolve("model.safetensors"))) {
            assertThat(RandomCheckpoint.isSynthetic(c.config())).isTrue();
            assertThat(RandomCheckpoint.isSynthetic(fixture.config())).isFalse();
            assertThat(c.names()).containsExactlyElementsOf(fixture.names());
            for (String n : fixture.names()) {
                assertThat(c.info(n).shape()).as(n).containsExactly(fixture.info(n).shape());
                assertThat(c.storedName(n)).as(n).isEqualTo(fixture.storedName(n));
            }
            assertThat(raw.names()).contains("audio_encoder.encoder.layers.0.conv.parametrizations.weight.original0");
            // values follow the documented init
            assertThat(c.readFloats("decoder.model.decoder.layers.0.self_attn_layer_norm.weight")).containsOnly(1f);
            assertThat(c.readFloats("decoder.model.decoder.layers.0.self_attn_layer_norm.bias")).containsOnly(0f);
            assertThat(c.readFloats("audio_encoder.quantizer.layers.2.codebook.embed"))
                    .containsExactly(c.readFloats("audio_encoder.quantizer.layers.2.codebook.embed_avg"));
            assertThat(std(c.readFloats("decoder.model.decoder.layers.1.fc1.weight"))).isBetween(0.018, 0.022);
            assertThat(std(c.readFloats("text_encoder.shared.weight"))).isBetween(0.9, 1.1);
            float[] g = c.readFloats("audio_encoder.decoder.layers.3.conv.weight_g"); // transposed conv [64, 1, 1]
            float[] v = c.readFloats("audio_encoder.decoder.layers.3.conv.weight_v"); // [64, 32, 16]
            double norm0 = 0;
            for (int i = 0; i < 32 * 16; i++) {
                norm0 += v[i] * v[i];
            }
            assertThat(g[0]).isEqualTo((float) Math.sqrt(norm0));
            // He-normal: std sqrt(2 / fan_in), fan_in = in * k / stride = 64 * 16 / 8
            assertThat(std(v)).isBetween(Math.sqrt(2.0 / 128) * 0.95, Math.sqrt(2.0 / 128) * 1.05);
            assertThat(ModelIdentity.of(c).compatibleWith(ModelIdentity.of(fixture))).isTrue();
        }
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherWeightsF16HalvesTheSize() throws Exception {
        JsonObject cfg = RandomCheckpoint.presetConfig(Preset.TINY);
        Path a = RandomCheckpoint.write(cfg, tmp.resolve("a"), 42, Dtype.F32);
        Path b = RandomCheckpoint.write(cfg, tmp.resolve("b"), 42, Dtype.F32);
        Path c = RandomCheckpoint.write(cfg, tmp.resolve("c"), 43, Dtype.F32);
        Path h = RandomCheckpoint.write(cfg, tmp.resolve("h"), 42, Dtype.F16);
        for (String f : List.of("config.json", "generation_config.json", "tokenizer.json", "README.txt",
                "model.safetensors")) {
            assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
        }
        assertThat(Files.mismatch(a.resolve("model.safetensors"), c.resolve("model.safetensors"))).isNotEqualTo(-1);
        long dataF32 = 4_304_808;
        assertThat(Files.size(a.resolve("model.safetensors"))).isBetween(dataF32, dataF32 + 30_000);
        assertThat(Files.size(h.resolve("model.safetensors"))).isBetween(dataF32 / 2, dataF32 / 2 + 30_000);
        ModelIdentity ia = ModelIdentity.of(a);
        ModelIdentity ic = ModelIdentity.of(c);
        ModelIdentity ih = ModelIdentity.of(h);
        assertThat(ia).isEqualTo(ModelIdentity.of(b));
        assertThat(ic.compatibleWith(ia)).isTrue();
        assertThat(ih.compatibleWith(ia)).isTrue();
        assertThat(ic.fingerprint()).isNotEqualTo(ia.fingerprint());
        assertThat(ih.fingerprint()).isNotEqualTo(ia.fingerprint());
        try (Checkpoint f16 = Checkpoint.open(h); Checkpoint f32 = Checkpoint.open(a)) {
            assertThat(f16.info("enc_to_dec_proj.weight").dtype()).isEqualTo("F16");
            float[] x = f32.readFloats("enc_to_dec_proj.weight");
            float[] y = f16.readFloats("enc_to_dec_proj.weight");
            for (int i = 0; i < x.length; i++) {
                assertThat(y[i]).isEqualTo(HalfFloat.toFloat(HalfFloat.fromFloat(x[i])));
            }
        }
    }

    @Test
    void refusesNonEmptyFoldersAndAcceptsAnEmptyOne() throws Exception {
        JsonObject cfg = RandomCheckpoint.presetConfig(Preset.TINY);
        Path full = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> RandomCheckpoint.write(cfg, full, 1, Dtype.F32))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("not empty");
        assertThat(Files.readString(full.resolve("keep.txt"))).isEqualTo("mine");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        RandomCheckpoint.write(cfg, empty, 1, Dtype.F32);
        assertThat(empty.resolve("model.safetensors")).exists();
        JsonObject bad = cfg.deepCopy();
        bad.remove("decoder");
        assertThatThrownBy(() -> RandomCheckpoint.write(bad, tmp.resolve("bad"), 1, Dtype.F32))
                .hasMessageContaining("\"decoder\"");
        assertThat(tmp.resolve("bad")).doesNotExist();
    }

    @Test
    void fullSizePresetsHaveTheRealShapes() {
        MusicgenLayout small = MusicgenLayout.of(RandomCheckpoint.presetConfig(Preset.SMALL));
        long h = 1024;
        long decoder = 4 * 2049 * h + 24 * (8 * h * h + 2 * h * 4096 + 3 * 2 * h) + 2 * h + 4 * 2048 * h;
        long t5 = 32128L * 768 + 12 * (4L * 768 * 768 + 2L * 768 * 3072 + 2 * 768) + 32 * 12 + 768;
        long proj = 1024L * 768 + 1024;
        long encodec = small.tensors().stream().filter(t -> t.name().startsWith("audio_encoder."))
                .mapToLong(TensorSpec::elementCount).sum();
        assertThat(small.elementCount()).isEqualTo(decoder + t5 + proj + encodec);
        assertThat(small.encodec().numQuantizers()).isEqualTo(4);
        assertThat(shape(small, "audio_encoder.quantizer.layers.3.codebook.embed")).containsExactly(2048, 128);
        assertThat(shape(small, "audio_encoder.encoder.layers.12.conv.weight_v")).containsExactly(1024, 512, 16);
        assertThat(shape(small, "audio_encoder.encoder.layers.13.lstm.weight_ih_l1")).containsExactly(4096, 1024);
        assertThat(shape(small, "enc_to_dec_proj.weight")).containsExactly(1024, 768);
        assertThat(shape(small, "decoder.model.decoder.embed_tokens.3.weight")).containsExactly(2049, 1024);
        MusicgenLayout medium = MusicgenLayout.of(RandomCheckpoint.presetConfig(Preset.MEDIUM));
        assertThat(shape(medium, "decoder.model.decoder.layers.47.fc1.weight")).containsExactly(6144, 1536);
        assertThat(medium.decoder().numAttentionHeads()).isEqualTo(24);
        MusicgenLayout large = MusicgenLayout.of(RandomCheckpoint.presetConfig(Preset.LARGE));
        assertThat(shape(large, "decoder.model.decoder.layers.47.fc2.weight")).containsExactly(2048, 8192);
        assertThat(shape(large, "enc_to_dec_proj.weight")).containsExactly(2048, 768);
        assertThat(large.decoder().numAttentionHeads()).isEqualTo(32);
    }

    private static long[] shape(MusicgenLayout l, String name) {
        return l.tensors().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().shape();
    }

    private static double std(float[] v) {
        double s = 0;
        double s2 = 0;
        for (float x : v) {
            s += x;
            s2 += (double) x * x;
        }
        double m = s / v.length;
        return Math.sqrt(s2 / v.length - m * m);
    }
}
