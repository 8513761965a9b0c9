package org.musicrfm.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.musicrfm.model.ModelOptions;
import org.musicrfm.model.clap.ClapAudioConfig;
import org.musicrfm.model.clap.ClapConfig;
import org.musicrfm.model.clap.ClapEmbedder;
import org.musicrfm.model.clap.ClapFeatureExtractor;
import org.musicrfm.model.clap.ClapRandomCheckpoint;
import org.musicrfm.model.clap.ClapTextConfig;
import org.musicrfm.model.io.Dtype;

/**
 * CLAP embedding speed at a preset's shape (random weights, CPU, float32): audio embeddings per
 * second for 10 s clips (log-mel in Java, the HTSAT forward, both) and text embeddings per second,
 * each beside the floor the measured sgemm rate allows. Rounds interleave the workloads with an
 * sgemm probe; the best round is reported. Writes a markdown report.
 *
 * <p>Usage: {@code ClapBenchmark [size=larger_clap_music] [audio batch=4] [text batch=8] [rounds=3]
 * [checkpoint dir] [report=docs/benchmarks-clap.md]}
 */
public final class ClapBenchmark {

    private static final String[] PROMPTS = {
        "calm piano song in C major", "a fast jazz beat with drums and upright bass", "loud rock guitar riff",
        "ambient synth pad with slow evolving textures", "happy pop song with bright vocals",
        "classical violin melody", "electronic dance track at 128 bpm", "sad minor chord progression on guitar",
    };

    public static void main(String[] args) throws Exception {
        String size = args.length > 0 ? args[0] : "larger_clap_music";
        int audioBatch = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int textBatch = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path ckpt = Path.of(args.length > 4 ? args[4] : System.getProperty("java.io.tmpdir") + "/musicrfm-bench-clap-" + size);
        Path report = Path.of(args.length > 5 ? args[5] : "docs/benchmarks-clap.md");
        String loadBefore = loadAverage();
        ClapRandomCheckpoint.Preset preset = ClapRandomCheckpoint.Preset.parse(size);
        if (!Files.isRegularFile(ckpt.resolve("config.json"))) {
            long t0 = System.nanoTime();
            ClapRandomCheckpoint.write(ClapRandomCheckpoint.presetConfig(preset),
                    ClapRandomCheckpoint.presetPreprocessor(preset), ckpt, 1234, Dtype.F32);
            System.out.printf("wrote %s in %.1f s%n", ckpt, secs(t0));
        }
        long t0 = System.nanoTime();
        try (ClapEmbedder embedder = ClapEmbedder.load(ckpt, ModelOptions.cpu(),
                new ClapEmbedder.Options(Math.max(audioBatch, textBatch), ClapEmbedder.LongClips.RANDOM_CROP, 0))) {
            double loadS = secs(t0);
            ClapFeatureExtractor fe = embedder.featureExtractor();
            int rate = fe.config().samplingRate();
            Random r = new Random(5);
            List<float[]> clips = new ArrayList<>();
            for (int i = 0; i < audioBatch; i++) {
                float[] c = new float[fe.config().maxSamples()];
                for (int k = 0; k < c.length; k++) {
                    c[k] = (float) (0.3 * Math.sin(k * 0.05 * (1 + i)) + 0.05 * r.nextGaussian());
                }
                clips.add(c);
            }
            List<float[]> mels = new ArrayList<>();
            for (float[] c : clips) {
                mels.add(fe.extract(c, 0).values());
            }
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < textBatch; i++) {
                texts.add(PROMPTS[i % PROMPTS.length]);
            }
            int tokens = tokenize(ckpt, embedder, texts)[0].length; // padded to the longest
            final int n = 2048;
            NDManager gemm = NDManager.newBaseManager();
            NDArray ga = gemm.randomNormal(new Shape(n, n));
            NDArray gb = gemm.randomNormal(new Shape(n, n));
            List<Runnable> work = List.of(
                    () -> ga.matMul(gb).toFloatArray(),
                    () -> clips.forEach(c -> fe.extract(c, 0)),
                    () -> embedder.embedFeatures(mels),
                    () -> embedder.audio(clips, rate),
                    () -> embedder.text(texts));
            System.gc();
            double[] best = bestInterleaved(rounds, work);
            gemm.close();
            double gflops = 2.0 * n * n * n / best[0] / 1e9;
            ClapConfig config = embedder.model().config();
            double audioGflop = htsatGflop(config.audio(), config.projectionDim(), fe.config().frames());
            double textGflop = textGflop(config.text(), config.projectionDim(), tokens);
            List<String> out = new ArrayList<>();
            out.add(String.format("# CLAP embedding benchmark (%s-shaped random checkpoint, CPU, float32)%n", size));
            out.add(String.format("%s. Machine: %d CPU cores visible to the JVM, PyTorch %s through DJL with %d intra-op "
                            + "threads; load average before `%s`, after `%s` (the cores are shared with other "
                            + "engineers' builds: numbers are noisy lower bounds). Checkpoint load: %.1f s. %d timed rounds "
                            + "after one warm-up, the workloads and an sgemm probe (float32 %d×%d) interleaved in each "
                            + "round, best round reported; sgemm **%.1f GFLOP/s**.%n",
                    ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                    Runtime.getRuntime().availableProcessors(), Engine.getEngine("PyTorch").getVersion(),
                    ai.djl.pytorch.jni.JniUtils.getNumThreads(), loadBefore, loadAverage(), loadS, rounds, n, n, gflops));
            out.add("| workload | batch | s / batch | items / s | GFLOP / item | floor items / s at sgemm rate | of floor |");
            out.add("|---|---|---|---|---|---|---|");
            out.add(row("log-mel features (Java, 10 s clip at 48 kHz)", audioBatch, best[1], Double.NaN, gflops));
            out.add(row("audio embedding, HTSAT forward from log-mel", audioBatch, best[2], audioGflop, gflops));
            out.add(row("audio embedding, 10 s waveform → unit vector (`ClapEmbedder.audio`)", audioBatch, best[3],
                    audioGflop, gflops));
            out.add(row("text embedding (`ClapEmbedder.text`, " + tokens + " tokens padded)", textBatch, best[4],
                    textGflop, gflops));
            out.add("");
            out.add("FLOPs count matrix products only (2 per multiply-add): HTSAT — the patch embedding, per Swin "
                    + "block 12·T·C² (q, k, v, output, MLP of 4C) plus 2·T·N·C (window scores and weighted sum, "
                    + "N = window²), per patch merging 8·T'·C², the bicubic stretch of the log-mel (a [1024 × 1001] "
                    + "matrix), the projection; RoBERTa — per layer and token 4H² + 2HF + 2SH, the pooler and the "
                    + "projection. The floor is that count divided by the measured sgemm rate; real runs also pay "
                    + "for layer norms, softmax, GELU, window reshapes and memory traffic, and the feature extractor "
                    + "(FFT and mel filters in Java, single-threaded) is not counted.");
            out.add("");
            out.add("Regenerate with `bench/clap.sh " + size + " " + audioBatch + " " + textBatch + " " + rounds
                    + "`; the random checkpoint (`ClapRandomCheckpoint`, seed 1234) is written once to "
                    + "`$TMPDIR/musicrfm-bench-clap-" + size + "`.");
            Files.writeString(report, String.join("\n", out) + "\n");
            System.out.println(String.join("\n", out));
        }
    }

    private static long[][] tokenize(Path ckpt, ClapEmbedder embedder, List<String> texts) throws IOException {
        try (org.musicrfm.model.clap.ClapTokenizer tok = org.musicrfm.model.clap.ClapTokenizer.load(
                ckpt.resolve("tokenizer.json"), embedder.model().config().text().padTokenId(),
                embedder.model().config().text().maxTokens())) {
            return tok.encode(texts).ids();
        }
    }

    private static String row(String what, int batch, double s, double gflopPerItem, double gflops) {
        double perS = batch / s;
        if (Double.isNaN(gflopPerItem)) {
            return String.format("| %s | %d | %.3f | %.2f | — | — | — |", what, batch, s, perS);
        }
        double floor = gflops / gflopPerItem;
        return String.format("| %s | %d | %.3f | %.2f | %.2f | %.2f | %.0f %% |", what, batch, s, perS, gflopPerItem,
                floor, 100 * perS / floor);
    }

    /** GFLOP of one HTSAT forward plus projection for a log-mel of {@code frames} frames. */
    static double htsatGflop(ClapAudioConfig a, int projection, int frames) {
        double macs = (double) a.specSize() * a.freqRatio() * frames * a.numMelBins(); // bicubic stretch as a matmul
        int[] grid = a.gridSize();
        long h = grid[0];
        long w = grid[1];
        macs += (double) h * w * a.patchEmbedsHiddenSize() * a.patchSize()[0] * a.patchSize()[1];
        long n = (long) a.windowSize() * a.windowSize();
        for (int i = 0; i < a.numStages(); i++) {
            double t = (double) h * w;
            double c = a.stageDim(i);
            macs += a.depths()[i] * (12 * t * c * c + 2 * t * n * c);
            if (i < a.numStages() - 1) {
                h = (h + 1) / 2;
                w = (w + 1) / 2;
                macs += 8.0 * h * w * c * c;
            }
        }
        macs += (double) a.numFeatures() * projection + (double) projection * projection;
        return 2 * macs / 1e9;
    }

    /** GFLOP of one RoBERTa forward over {@code tokens} tokens, pooler and projection. */
    static double textGflop(ClapTextConfig t, int projection, int tokens) {
        double h = t.hiddenSize();
        double macs = t.numHiddenLayers() * tokens * (4 * h * h + 2 * h * t.intermediateSize() + 2.0 * tokens * h);
        macs += h * h + h * projection + (double) projection * projection;
        return 2 * macs / 1e9;
    }

    private static double[] bestInterleaved(int rounds, List<Runnable> work) {
        work.forEach(Runnable::run);
        double[] best = new double[work.size()];
        Arrays.fill(best, Double.MAX_VALUE);
        double[][] all = new double[work.size()][rounds];
        for (int i = 0; i < rounds; i++) {
            for (int w = 0; w < work.size(); w++) {
                long t0 = System.nanoTime();
                work.get(w).run();
                all[w][i] = secs(t0);
                best[w] = Math.min(best[w], all[w][i]);
            }
        }
        for (double[] a : all) {
            System.out.println("rounds (s): " + Arrays.toString(a));
        }
        return best;
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private ClapBenchmark() {}
}
