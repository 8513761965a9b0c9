package org.musicrfm.model.clap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.model.ModelOptions;
import org.musicrfm.model.io.Checkpoint;
import org.musicrfm.model.io.Dtype;
import org.musicrfm.model.io.RandomCheckpoint;

/** Random CLAP checkpoints: the layout equals save_pretrained's, they load and embed, the tokenizer works. */
class ClapRandomCheckpointTest {

    @TempDir
    Path tmp;

    private static Map<String, List<Long>> shapes(Checkpoint c) {
        Map<String, List<Long>> m = new TreeMap<>();
        for (String n : c.names()) {
            m.put(n, java.util.Arrays.stream(c.info(n).shape()).boxed().toList());
        }
        return m;
    }

    @Test
    void layoutOfTheFixtureConfigIsTheFixtureCheckpoint() throws Exception {
        try (Checkpoint fixture = Checkpoint.open(ClapFeatureExtractorTest.folder())) {
            ClapCheckpointLayout layout = ClapCheckpointLayout.of(ClapConfig.from(fixture.config()));
            Map<String, List<Long>> want = shapes(fixture);
            Map<String, List<Long>> got = new TreeMap<>();
            for (ClapCheckpointLayout.Entry e : layout.entries()) {
                got.put(e.name(), java.util.Arrays.stream(e.shape()).boxed().toList());
            }
            assertThat(got).isEqualTo(want);
            int w = ClapConfig.from(fixture.config()).audio().windowSize();
            assertThat(fixture.readLongs("audio_model.audio_encoder.layers.0.blocks.0.attention.self.relative_position_index"))
                    .containsExactly(ClapCheckpointLayout.relativePositionIndex(w));
        }
    }

    @Test
    void tinyCheckpointLoadsEmbedsAndIsReproducible() throws Exception {
        JsonObject config = ClapRandomCheckpoint.presetConfig(ClapRandomCheckpoint.Preset.TINY);
        JsonObject pre = ClapRandomCheckpoint.presetPreprocessor(ClapRandomCheckpoint.Preset.TINY);
        Path a = ClapRandomCheckpoint.write(config, pre, tmp.resolve("a"), 3, Dtype.F32);
        Path b = ClapRandomCheckpoint.write(config, pre, tmp.resolve("b"), 3, Dtype.F32);
        assertThat(Files.readAllBytes(a.resolve("model.safetensors"))).isEqualTo(Files.readAllBytes(b.resolve("model.safetensors")));
        try (Checkpoint c = Checkpoint.open(a)) {
            assertThat(RandomCheckpoint.isSynthetic(c.config())).isTrue();
        }
        try (ClapEmbedder e = ClapEmbedder.load(a, ModelOptions.cpu())) {
            float[][] audio = e.audio(List.of(new float[48_000], sine(48_000)), 48_000);
            float[][] text = e.text(List.of("calm piano song", "a fast jazz beat with drums and bass"));
            assertThat(audio).hasNumberOfRows(2);
            assertThat(text).hasNumberOfRows(2);
            for (float[] row : audio) {
                assertThat(row).hasSize(e.projectionDim());
                assertUnit(row);
            }
            for (float[] row : text) {
                assertUnit(row);
            }
        }
        assertThatThrownBy(() -> ClapRandomCheckpoint.write(config, pre, a, 4, Dtype.F32)).hasMessageContaining("not empty");
    }

    @Test
    void shiftedWindowBlocksRunInACappedModel() throws Exception {
        // depth 2 per stage: odd blocks use shifted windows and their masks (the fixture has depth 1)
        JsonObject config = ClapRandomCheckpoint.presetConfig(ClapRandomCheckpoint.Preset.TINY);
        com.google.gson.JsonArray depths = new com.google.gson.JsonArray();
        for (int i = 0; i < 4; i++) {
            depths.add(2);
        }
        config.getAsJsonObject("audio_config").add("depths", depths);
        Path dir = ClapRandomCheckpoint.write(config, ClapRandomCheckpoint.presetPreprocessor(ClapRandomCheckpoint.Preset.TINY),
                tmp.resolve("deep"), 1, Dtype.F32);
        try (ClapEmbedder e = ClapEmbedder.load(dir, ModelOptions.cpu(),
                new ClapEmbedder.Options(2, ClapEmbedder.LongClips.RANDOM_CROP, 0))) {
            List<float[]> clips = List.of(sine(48_000), sine(24_000), new float[4_800]);
            float[][] batched = e.audio(clips, 48_000);
            for (int i = 0; i < clips.size(); i++) {
                assertUnit(batched[i]);
                assertThat(org.musicrfm.model.Parity.relativeError(batched[i], e.audio(List.of(clips.get(i)), 48_000)[0]))
                        .as("clip " + i + " alone").isLessThan(1e-5);
            }
        }
    }

    @Test
    void fullSizeConfigHasLargerClapMusicShapes() {
        JsonObject c = ClapRandomCheckpoint.presetConfig(ClapRandomCheckpoint.Preset.LARGER_CLAP_MUSIC);
        ClapConfig parsed = ClapConfig.from(c);
        assertThat(parsed.audio().depths()).containsExactly(2, 2, 12, 2);
        assertThat(parsed.audio().numFeatures()).isEqualTo(1024);
        assertThat(parsed.text().hiddenSize()).isEqualTo(768);
        assertThat(parsed.projectionDim()).isEqualTo(512);
        long values = ClapCheckpointLayout.of(parsed).elementCount();
        // laion/larger_clap_music's pytorch_model.bin is about 776 MB of float32
        assertThat(values * 4).isBetween(740_000_000L, 800_000_000L);
        assertThat(ClapFeatureConfig.from(ClapRandomCheckpoint.presetPreprocessor(
                ClapRandomCheckpoint.Preset.LARGER_CLAP_MUSIC)).frequencyMin()).isEqualTo(50.0);
        assertThatThrownBy(() -> ClapRandomCheckpoint.Preset.parse("huge")).hasMessageContaining("huge");
    }

    @Test
    void syntheticTokenizerAddsSpecialsPadsAndTruncates() throws Exception {
        for (int vocab : new int[] {100, 50265}) {
            Path file = tmp.resolve("tok-" + vocab + ".json");
            org.musicrfm.model.io.SyntheticRobertaTokenizer.write(file, vocab);
            try (ClapTokenizer tok = ClapTokenizer.load(file, 1, 8)) {
                long[] ids = tok.encode("calm piano");
                assertThat(ids[0]).isZero();
                assertThat(ids[ids.length - 1]).isEqualTo(2);
                for (long id : ids) {
                    assertThat(id).isBetween(0L, vocab - 1L);
                }
                ClapTokenizer.Tokens t = tok.encode(List.of("a", "calm piano song with drums and bass"));
                assertThat(t.ids()[1]).hasSize(8); // truncated to 8, end token kept
                assertThat(t.ids()[1][7]).isEqualTo(2);
                assertThat(t.ids()[0][t.ids()[0].length - 1]).isEqualTo(1); // padded with <pad>
                assertThat(t.mask()[0][t.mask()[0].length - 1]).isZero();
            }
        }
        Path big = tmp.resolve("tok-50265.json");
        try (ClapTokenizer tok = ClapTokenizer.load(big, 1, 512)) {
            assertThat(tok.decode(tok.encode("calm piano, 120 bpm!"))).isEqualTo("calm piano, 120 bpm!");
            assertThat(tok.encode("piano").length).as("merged pieces, not single bytes").isLessThan(7);
        }
    }

    private static float[] sine(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 48_000.0));
        }
        return x;
    }

    private static void assertUnit(float[] row) {
        double s = 0;
        for (float v : row) {
            assertThat(Float.isFinite(v)).isTrue();
            s += v * v;
        }
        assertThat(Math.sqrt(s)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }
}
