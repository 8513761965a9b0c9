package org.musicrfm.model.clap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.audio.Audio;
import org.musicrfm.audio.Resampler;
import org.musicrfm.model.ModelOptions;
import org.musicrfm.model.Parity;
import org.musicrfm.model.Reference;

/** The embedding API on the hf-tiny CLAP: parity end to end, batching, long clips, resampling, bad input. */
class ClapEmbedderTest {

    private static ClapEmbedder embedder;

    @BeforeAll
    static void load() throws Exception {
        embedder = ClapEmbedder.load(ClapFeatureExtractorTest.folder(), ModelOptions.cpu(),
                new ClapEmbedder.Options(2, ClapEmbedder.LongClips.RANDOM_CROP, 7));
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    private static float[] noise(int n, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.3 * Math.sin(i * 0.013) + 0.05 * r.nextGaussian());
        }
        return x;
    }

    @Test
    void waveformToEmbeddingMatchesTransformers() {
        float[] wav = Reference.floats("clap.waveform");
        float[][] e = embedder.audio(List.of(wav), embedder.featureExtractor().config().samplingRate());
        assertThat(e).hasNumberOfRows((int) Reference.shape("clap.audio_embeds")[0]);
        Parity.assertClose("clap.audio_embeds (waveform, embedder)", e[0], Reference.floats("clap.audio_embeds"));
        long[] shape = Reference.shape("clap.text.input_ids");
        long[] ids = Reference.longs("clap.text.input_ids");
        long[] mask = Reference.longs("clap.text.attention_mask");
        int b = (int) shape[0];
        int s = (int) shape[1];
        long[][] ids2 = new long[b][];
        long[][] mask2 = new long[b][];
        for (int i = 0; i < b; i++) {
            ids2[i] = Arrays.copyOfRange(ids, i * s, (i + 1) * s);
            mask2[i] = Arrays.copyOfRange(mask, i * s, (i + 1) * s);
        }
        float[][] t = embedder.textTokens(ids2, mask2);
        float[] flat = new float[b * t[0].length];
        for (int i = 0; i < b; i++) {
            System.arraycopy(t[i], 0, flat, i * t[0].length, t[0].length);
        }
        Parity.assertClose("clap.text_embeds (embedder)", flat, Reference.floats("clap.text_embeds"));
        float[][] logits = embedder.logitsPerAudio(e, t);
        float[] flatLogits = new float[b];
        System.arraycopy(logits[0], 0, flatLogits, 0, b);
        Parity.assertClose("clap.logits_per_audio (embedder)", flatLogits, Reference.floats("clap.logits_per_audio"));
    }

    @Test
    void batchesGiveTheSameRowsAsSingleClipsAndUnitNorms() {
        int rate = embedder.featureExtractor().config().samplingRate();
        List<float[]> clips = List.of(noise(rate, 1), noise(rate * 2 + 5, 2), noise(rate / 2, 3));
        float[][] batched = embedder.audio(clips, rate); // batch size 2: two forward passes
        for (int i = 0; i < clips.size(); i++) {
            float[] alone = embedder.audio(List.of(clips.get(i)), rate)[0];
            assertThat(Parity.relativeError(batched[i], alone)).as("clip " + i).isLessThan(1e-5);
            double norm = 0;
            for (float v : batched[i]) {
                norm += v * v;
            }
            assertThat(Math.sqrt(norm)).as("clip " + i + " norm").isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
        assertThat(Parity.relativeError(batched[0], batched[1])).as("different clips differ").isGreaterThan(1e-3);
    }

    @Test
    void longClipsCropBySeedOrAverageWindows() throws Exception {
        ClapFeatureExtractor fe = embedder.featureExtractor();
        int rate = fe.config().samplingRate();
        int max = fe.config().maxSamples();
        float[] longClip = noise(max * 2 + max / 2 + 100, 4); // 2.5 windows: the half window is kept
        float[] crop = embedder.audio(List.of(longClip), rate, new long[] {5})[0];
        int offset = fe.cropOffset(longClip.length, 5);
        float[] want = embedder.embedFeatures(List.of(fe.logMel(Arrays.copyOfRange(longClip, offset, offset + max))))[0];
        assertThat(Parity.relativeError(crop, want)).isLessThan(1e-6);
        assertThat(embedder.audio(List.of(longClip), rate, new long[] {5})[0]).containsExactly(crop);

        try (ClapEmbedder windows = ClapEmbedder.load(ClapFeatureExtractorTest.folder(), ModelOptions.cpu(),
                new ClapEmbedder.Options(2, ClapEmbedder.LongClips.WINDOW_MEAN, 7))) {
            float[] mean = windows.audio(List.of(longClip), rate)[0];
            List<float[]> parts = new ArrayList<>();
            for (int start = 0; start < longClip.length; start += max) {
                parts.add(fe.extract(Arrays.copyOfRange(longClip, start, Math.min(longClip.length, start + max)), 0)
                        .values());
            }
            assertThat(parts).hasSize(3);
            float[][] each = windows.embedFeatures(parts);
            float[] expected = new float[mean.length];
            for (float[] e : each) {
                for (int d = 0; d < e.length; d++) {
                    expected[d] += e[d] / each.length;
                }
            }
            assertThat(Parity.relativeError(mean, expected)).isLessThan(1e-6);
            assertThat(Parity.relativeError(mean, crop)).isGreaterThan(1e-4);
            // a short clip is the same in both modes
            float[] shortClip = noise(rate, 9);
            assertThat(Parity.relativeError(windows.audio(List.of(shortClip), rate)[0],
                    embedder.audio(List.of(shortClip), rate)[0])).isLessThan(1e-6);
        }
    }

    @Test
    void otherSampleRatesAreResampled() {
        int rate = embedder.featureExtractor().config().samplingRate();
        float[] at32k = noise(32_000 * 2, 6);
        float[] viaApi = embedder.audio(List.of(at32k), 32_000)[0];
        float[] resampled = Resampler.resample(new Audio(at32k, 32_000, 1), rate).samples();
        float[] direct = embedder.audio(List.of(resampled), rate)[0];
        assertThat(Parity.relativeError(viaApi, direct)).isLessThan(1e-6);
    }

    @Test
    void badInputIsRefusedBeforeAnyWork(@TempDir Path tmp) throws Exception {
        int rate = embedder.featureExtractor().config().samplingRate();
        assertThatThrownBy(() -> embedder.audio(List.of(noise(100, 1), new float[0]), rate))
                .hasMessageContaining("clip 1").hasMessageContaining("empty");
        float[] nan = noise(1000, 1);
        nan[500] = Float.POSITIVE_INFINITY;
        assertThatThrownBy(() -> embedder.audio(List.of(nan), rate)).hasMessageContaining("clip 0")
                .hasMessageContaining("sample 500");
        assertThatThrownBy(() -> embedder.text(List.of("calm piano"))).hasMessageContaining("tokenizer.json");

        Path noPre = tmp.resolve("no-preprocessor");
        Files.createDirectories(noPre);
        Files.copy(ClapFeatureExtractorTest.folder().resolve("config.json"), noPre.resolve("config.json"));
        Files.copy(ClapFeatureExtractorTest.folder().resolve("model.safetensors"), noPre.resolve("model.safetensors"));
        assertThatThrownBy(() -> ClapEmbedder.load(noPre, ModelOptions.cpu())).hasMessageContaining("preprocessor_config.json");

        Path noWeights = tmp.resolve("no-weights");
        Files.createDirectories(noWeights);
        Files.copy(ClapFeatureExtractorTest.folder().resolve("config.json"), noWeights.resolve("config.json"));
        Files.copy(ClapFeatureExtractorTest.folder().resolve("preprocessor_config.json"),
                noWeights.resolve("preprocessor_config.json"));
        assertThatThrownBy(() -> ClapEmbedder.load(noWeights, ModelOptions.cpu())).hasMessageContaining("no weights");

        Path musicgen = tmp.resolve("musicgen-not-clap");
        Files.createDirectories(musicgen);
        Files.copy(Reference.musicgenFolder().resolve("config.json"), musicgen.resolve("config.json"));
        Files.copy(Reference.musicgenFolder().resolve("model.safetensors"), musicgen.resolve("model.safetensors"));
        Files.copy(ClapFeatureExtractorTest.folder().resolve("preprocessor_config.json"),
                musicgen.resolve("preprocessor_config.json"));
        assertThatThrownBy(() -> ClapEmbedder.load(musicgen, ModelOptions.cpu())).hasMessageContaining("config.json")
                .hasMessageContaining("not a CLAP config");
        assertThatThrownBy(() -> ClapEmbedder.load(tmp.resolve("absent"), ModelOptions.cpu()))
                .hasMessageContaining("absent");
    }

    @Test
    void sharedReturnsOneInstancePerFolderAndOptions() throws Exception {
        ClapEmbedder.Options o = new ClapEmbedder.Options(4, ClapEmbedder.LongClips.RANDOM_CROP, 0);
        ClapEmbedder a = ClapEmbedder.shared(ClapFeatureExtractorTest.folder(), ModelOptions.cpu(), o);
        ClapEmbedder b = ClapEmbedder.shared(ClapFeatureExtractorTest.folder(), ModelOptions.cpu(), o);
        assertThat(a).isSameAs(b);
        a.close();
        ClapEmbedder c = ClapEmbedder.shared(ClapFeatureExtractorTest.folder(), ModelOptions.cpu(), o);
        assertThat(c).isNotSameAs(a);
        c.close();
    }
}
