package org.musicrfm.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.musicrfm.model.ModelOptions;
import org.musicrfm.model.encodec.EncodecConfig;
import org.musicrfm.model.io.Dtype;
import org.musicrfm.model.io.RandomCheckpoint;
import org.musicrfm.model.musicgen.DelayPattern;
import org.musicrfm.model.musicgen.MusicgenDecoderConfig;
import org.musicrfm.model.musicgen.MusicgenModel;
import org.musicrfm.model.musicgen.Pooling;
import org.musicrfm.model.musicgen.Reading;
import org.musicrfm.model.musicgen.TextConditioning;

/**
 * Throughput of the model runtime on a random checkpoint with real MusicGen shapes (not a test):
 * measured sgemm rate of this machine, teacher-forced clips per second for 4 s clips (200 frames)
 * and EnCodec encoding speed, each beside the floor that the sgemm rate allows. Writes a markdown
 * report.
 *
 * <p>usage: {@code ModelBenchmark [size=small] [batch=2] [iters=3] [checkpointDir] [report.md]}
 */
public final class ModelBenchmark {

    private static final int FRAMES = 200;

    public static void main(String[] args) throws Exception {
        String size = args.length > 0 ? args[0] : "small";
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int iters = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path ckpt = Path.of(args.length > 3 ? args[3] : System.getProperty("java.io.tmpdir") + "/musicrfm-bench-" + size);
        Path report = Path.of(args.length > 4 ? args[4] : "docs/benchmarks-model.md");
        List<String> out = new ArrayList<>();
        String loadBefore = loadAverage();

        if (!Files.isRegularFile(ckpt.resolve("config.json"))) {
            long t0 = System.nanoTime();
            JsonObject cfg = RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.parse(size));
            RandomCheckpoint.write(cfg, ckpt, 1234, Dtype.F32);
            System.out.printf("wrote %s in %.1f s%n", ckpt, secs(t0));
        }
        List<String> sgemmLines = new ArrayList<>();
        double gflopsBefore = sgemm(sgemmLines, "before");
        double interleavedRate;

        long t0 = System.nanoTime();
        try (MusicgenModel model = MusicgenModel.load(ckpt, ModelOptions.cpu())) {
            double loadS = secs(t0);
            MusicgenDecoderConfig dc = model.config().decoder();
            EncodecConfig ec = model.config().audioEncoder();
            int threads = ai.djl.pytorch.jni.JniUtils.getNumThreads();
            out.add(0, String.format("# Model runtime benchmark (%s-shaped random checkpoint, CPU, float32)%n", size));
            out.add(1, String.format("Machine: %d CPU cores visible to the JVM, PyTorch %s through DJL with %d intra-op "
                            + "threads; load average before `%s`, after `%s` (shared with other builds: "
                            + "numbers are noisy lower bounds). Checkpoint load: %.1f s. Batch %d, %d timed rounds "
                            + "after one warm-up, the workloads interleaved in each round, best round reported.%n",
                    Runtime.getRuntime().availableProcessors(), Engine.getEngine("PyTorch").getVersion(), threads,
                    loadBefore, "%LOAD_AFTER%", loadS, batch, iters));
            Random r = new Random(5);
            long[][][] codes = new long[batch][dc.numCodebooks()][FRAMES];
            for (long[][] c : codes) {
                for (long[] row : c) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = r.nextInt(dc.vocabSize());
                    }
                }
            }
            long[][][] delayed = DelayPattern.apply(codes, dc.bosTokenId(), dc.padTokenId());
            int s = FRAMES + dc.numCodebooks();
            long[][] tok = new long[batch][12];
            long[][] mask = new long[batch][12];
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < 12; i++) {
                    tok[b][i] = i == 11 ? 1 : 100 + r.nextInt(1000);
                    mask[b][i] = 1;
                }
            }
            float[][] audio = clips(r, batch, FRAMES * ec.hopLength());
            float[][] audio4 = clips(r, 4 * batch, FRAMES * ec.hopLength());
            final int n = 2048;
            NDManager gemm = NDManager.newBaseManager();
            NDArray ga = gemm.randomNormal(new Shape(n, n));
            NDArray gb = gemm.randomNormal(new Shape(n, n));
            List<Runnable> work = List.of(
                    // the sgemm probe, sampled in the same rounds as the workloads
                    () -> ga.matMul(gb).close(),
                    // MusicRFM's reading: decoder alone, every layer mean-pooled
                    () -> model.extract(codes, Reading.DECODER_ONLY, EnumSet.of(Pooling.MEAN)),
                    // SynTheory's reading: full model with the empty prompt
                    () -> model.extract(codes, Reading.EMPTY_TEXT, EnumSet.of(Pooling.MEAN)),
                    // the full teacher-forced forward with a text prompt, delay pattern and logits
                    () -> {
                        try (NDManager scope = model.newScope()) {
                            TextConditioning text = model.encodeTokens(scope, tok, mask);
                            NDArray ids = model.codesArray(scope, delayed).reshape(-1, s);
                            model.forward(ids, text, null, null).toFloatArray();
                        }
                    },
                    () -> model.encodeAudio(audio),
                    () -> model.encodeAudio(audio4));
            System.gc(); // the loader's float[] garbage is not part of any measurement
            double[] t0s = bestInterleaved(iters, work);
            gemm.close();
            interleavedRate = 2.0 * n * n * n / t0s[0] / 1e9;
            sgemmLines.add(String.format("interleaved with the workloads, n=%d: %.1f GFLOP/s;", n, interleavedRate));
            double[] t = Arrays.copyOfRange(t0s, 1, t0s.length);
            out.add("## Teacher-forced decoder (4 s clips, 200 frames)\n");
            out.add("| what | s / batch | clips / s | GFLOP / clip | floor clips / s at sgemm rate | of floor |");
            out.add("|---|---|---|---|---|---|");
            row(out, "extraction, decoder only, all " + dc.numHiddenLayers() + " layers mean-pooled", batch, t[0],
                    decoderGflop(dc, FRAMES, 0, false));
            row(out, "extraction, empty text (cross attention on), all layers mean-pooled", batch, t[1],
                    decoderGflop(dc, FRAMES, 1, false));
            row(out, "forward with 12-token prompt, delay pattern (204 steps), logits", batch, t[2],
                    decoderGflop(dc, s, 12, true));
            // EnCodec, at the batch and at 4x the batch (the LSTM's recurrent product is bandwidth-bound per step)
            out.add("\n## EnCodec encode (4 s clips at " + ec.samplingRate() + " Hz)\n");
            out.add("| clips / batch | s / batch | audio s / s | GFLOP / clip | floor audio s / s at sgemm rate | of floor |");
            out.add("|---|---|---|---|---|---|");
            double encG = encodecGflop(ec, audio[0].length);
            double clipS = audio[0].length / (double) ec.samplingRate();
            for (int i = 0; i < 2; i++) {
                int eb = i == 0 ? batch : 4 * batch;
                double tenc = t[3 + i];
                double audioS = eb * clipS;
                // floor in audio seconds per second: (GFLOP/s / GFLOP per clip) clips/s times 4 s per clip
                out.add(String.format("| %d | %.2f | %.1f | %.1f | %%FLOOR %s %s |", eb, tenc, audioS / tenc, encG,
                        Double.toString(audioS / tenc), Double.toString(encG / clipS)));
            }
        }
        double gflopsAfter = sgemm(sgemmLines, "after");
        double gflops = Math.max(Math.max(gflopsBefore, gflopsAfter), interleavedRate);
        out.add(2, String.format("sgemm (float32 n×n products through DJL/PyTorch, best of 10 each): %s the floors use "
                + "the best, **%.1f GFLOP/s**.%n", String.join(" ", sgemmLines), gflops));
        out.replaceAll(line -> line.contains("%FLOOR") ? floors(line, gflops) : line);
        out.add("\n## How the floors are computed\n");
        out.add("FLOPs count matrix products only (2 per multiply-add): per decoder position and layer the "
                + "self-attention projections 8H², scores and weighted sum 4TH (the full T×T product is computed), "
                + "cross attention 4H² + 4SH plus 4H² per text token for its keys and values, the feed-forward 4HF; "
                + "LM heads 2KHV per position when logits are produced. EnCodec: every convolution "
                + "(2·out_len·C_out·C_in·k; transposed ones as their polyphase equivalent), the LSTM (2 layers × "
                + "T × 16H²). The floor is that count divided by the measured sgemm rate; real runs also pay for "
                + "layer norms, softmax, GELU/ELU, the LSTM's sequential steps and memory traffic.");
        out.add("\n## Notes\n");
        out.add("- The machine is shared (see the load averages): iterations of the same work vary by up to 5x; the "
                + "best iteration is the least disturbed one, and the sgemm rate is measured before and after the runs.");
        out.add("- Extraction rows include everything `MusicgenModel.extract` does per batch: copying codes in, the "
                + "forward, pooling on the device and copying the pooled vectors out; the empty-text row also runs T5 on "
                + "`</s>`. The forward row includes T5 on the prompt and the logits' copy to Java.");
        out.add("- EnCodec: the LSTM's hidden-to-hidden product runs once per frame and reads its whole weight each "
                + "time, so it is bound by memory bandwidth, not by FLOPs; larger batches amortize it.");
        out.add("- Regenerate with `ModelBenchmark small <batch> <iters> <checkpoint dir> docs/benchmarks-model.md` "
                + "(test classpath); the random checkpoint is written once by `RandomCheckpoint` (seed 1234).");
        String text = String.join("\n", out).replace("%LOAD_AFTER%", loadAverage()) + "\n";
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, text, StandardCharsets.UTF_8);
        System.out.println(text);
    }

    private static void row(List<String> out, String what, int batch, double s, double gflopPerClip) {
        out.add(String.format("| %s | %.2f | %.2f | %.1f | %%FLOOR %s %s |", what, s, batch / s, gflopPerClip,
                Double.toString(batch / s), Double.toString(gflopPerClip)));
    }

    /** Replaces a row's {@code %FLOOR rate gflopPerUnit} placeholder by the floor and the achieved share. */
    private static String floors(String line, double gflops) {
        int i = line.indexOf("%FLOOR");
        String[] p = line.substring(i).replace("|", "").trim().split(" ");
        double rate = Double.parseDouble(p[1]);
        double floor = gflops / Double.parseDouble(p[2]);
        return line.substring(0, i) + String.format("%.2f | %.0f %% |", floor, 100 * rate / floor);
    }

    /** Decoder GFLOP per clip: {@code t} positions, {@code textTokens} > 0 adds cross attention. */
    static double decoderGflop(MusicgenDecoderConfig c, int t, int textTokens, boolean logits) {
        double h = c.hiddenSize();
        double perPos = 8 * h * h + 4.0 * t * h + 4 * h * c.ffnDim();
        if (textTokens > 0) {
            perPos += 4 * h * h + 4.0 * textTokens * h;
        }
        double total = c.numHiddenLayers() * (perPos * t + (textTokens > 0 ? 4 * h * h * textTokens : 0));
        if (logits) {
            total += 2.0 * c.numCodebooks() * h * c.vocabSize() * t;
        }
        return total / 1e9;
    }

    /** EnCodec encoder GFLOP for one mono clip of {@code samples}. */
    static double encodecGflop(EncodecConfig c, int samples) {
        double f = 0;
        long len = samples;
        f += conv(len, c.audioChannels(), c.numFilters(), c.kernelSize());
        int scale = c.numFilters();
        int[] ratios = c.upsamplingRatios();
        for (int i = ratios.length - 1; i >= 0; i--) {
            f += c.numResidualLayers() * (conv(len, scale, scale / c.compress(), c.residualKernelSize())
                    + conv(len, scale / c.compress(), scale, 1));
            len = (len + ratios[i] - 1) / ratios[i];
            f += conv(len, scale, scale * 2, 2 * ratios[i]);
            scale *= 2;
        }
        f += c.numLstmLayers() * len * 16.0 * scale * scale;
        f += conv(len, scale, c.hiddenSize(), c.lastKernelSize());
        return f / 1e9;
    }

    private static double conv(long outLen, int in, int out, int k) {
        return 2.0 * outLen * in * out * k;
    }

    /** Best GFLOP/s of float32 n×n matrix products through DJL (the engine's own BLAS). */
    private static double sgemm(List<String> out, String when) {
        double best = 0;
        StringBuilder sb = new StringBuilder();
        try (NDManager m = NDManager.newBaseManager()) {
            for (int n : new int[] {2048}) {
                NDArray a = m.randomNormal(new Shape(n, n));
                NDArray b = m.randomNormal(new Shape(n, n));
                a.matMul(b).close();
                double bestN = Double.MAX_VALUE;
                for (int i = 0; i < 10; i++) {
                    long t0 = System.nanoTime();
                    NDArray c = a.matMul(b);
                    c.toFloatArray(); // forces completion on any device
                    bestN = Math.min(bestN, secs(t0));
                    c.close();
                }
                double g = 2.0 * n * n * n / bestN / 1e9;
                best = Math.max(best, g);
                sb.append(String.format("%s the runs, n=%d: %.1f GFLOP/s;", when, n, g));
            }
        }
        out.add(sb.toString());
        return best;
    }

    private static float[][] clips(Random r, int n, int samples) {
        float[][] audio = new float[n][samples];
        for (float[] a : audio) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) (0.3 * Math.sin(i * 0.05) + 0.05 * r.nextGaussian());
            }
        }
        return audio;
    }

    /** One warm-up each, then {@code iters} rounds running every workload once; the best time of each. */
    private static double[] bestInterleaved(int iters, List<Runnable> work) {
        work.forEach(Runnable::run);
        double[] best = new double[work.size()];
        Arrays.fill(best, Double.MAX_VALUE);
        double[][] all = new double[work.size()][iters];
        for (int i = 0; i < iters; i++) {
            for (int w = 0; w < work.size(); w++) {
                long t0 = System.nanoTime();
                work.get(w).run();
                all[w][i] = secs(t0);
                best[w] = Math.min(best[w], all[w][i]);
            }
        }
        for (double[] a : all) {
            System.out.println("iterations (s): " + Arrays.toString(a));
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

    private ModelBenchmark() {}
}
