package org.musicrfm.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.musicrfm.model.BlockHook;
import org.musicrfm.model.ModelOptions;
import org.musicrfm.model.io.Dtype;
import org.musicrfm.model.io.RandomCheckpoint;
import org.musicrfm.model.musicgen.GenerationConfig;
import org.musicrfm.model.musicgen.MusicgenDecoderConfig;
import org.musicrfm.model.musicgen.MusicgenGenerator;
import org.musicrfm.model.musicgen.MusicgenModel;
import org.musicrfm.model.musicgen.StepListener;
import org.musicrfm.steering.Schedule;
import org.musicrfm.steering.SteeringDirection;
import org.musicrfm.steering.SteeringHook;
import org.musicrfm.steering.SteeringPlan;

/**
 * Decoding speed of {@link MusicgenGenerator} on a random checkpoint with real MusicGen shapes (not a
 * test): steps per second at batch 1 and 8 (classifier-free guidance: 2 and 16 rows, KV cache, top-k
 * 250 sampling), with and without an active hook adding a vector to every block, beside the floor
 * that this machine's measured memory bandwidth and sgemm rate allow (each step reads every decoder
 * weight once). Workloads and probes are interleaved over rounds (shared machine). Writes markdown.
 *
 * <p>usage: {@code GenerationBenchmark [size=small] [seconds=1] [rounds=3] [checkpointDir] [report.md] [longSeconds=10]}
 * (bench/generation.sh)
 */
public final class GenerationBenchmark {

    /** Steps per second for schedule texts (musicgen-small's 32000 / 640). */
    private static final double RATE = 50;

    private static final String PROMPT = "calm piano song in C major";

    private record Workload(String name, int batch, String hook) {}

    public static void main(String[] args) throws Exception {
        String size = args.length > 0 ? args[0] : "small";
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path ckpt = Path.of(args.length > 3 ? args[3] : System.getProperty("java.io.tmpdir") + "/musicrfm-gen-bench-" + size);
        Path report = Path.of(args.length > 4 ? args[4] : "docs/benchmarks-generation.md");
        double longSeconds = args.length > 5 ? Double.parseDouble(args[5]) : 10;
        String loadBefore = uptime();
        if (!Files.isRegularFile(ckpt.resolve("config.json"))) {
            JsonObject cfg = RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.parse(size));
            RandomCheckpoint.write(cfg, ckpt, 2468, Dtype.F32);
        }
        List<Workload> work = List.of(new Workload("batch 1, no hook", 1, "none"),
                new Workload("batch 1, hook: + vector on every block", 1, "add"),
                new Workload("batch 1, SteeringHook: 1 direction × every block, exp-decay", 1, "steer"),
                new Workload("batch 8, no hook", 8, "none"),
                new Workload("batch 8, hook: + vector on every block", 8, "add"));
        Map<String, double[]> times = new LinkedHashMap<>();
        List<Double> bandwidth = new ArrayList<>();
        List<Double> sgemm = new ArrayList<>();
        List<Double> streaming = new ArrayList<>();
        List<String> out = new ArrayList<>();
        try (MusicgenModel model = MusicgenModel.load(ckpt, ModelOptions.cpu());
             NDManager hooks = model.newScope()) {
            MusicgenGenerator generator = new MusicgenGenerator(model);
            MusicgenDecoderConfig dc = model.config().decoder();
            int h = dc.hiddenSize();
            int layers = model.numLayers();
            NDArray[] vectors = new NDArray[layers];
            Random r = new Random(3);
            Map<Integer, float[]> dirs = new TreeMap<>();
            for (int l = 0; l < layers; l++) {
                float[] v = SteeringBenchmark.unit(r, h);
                dirs.put(l, v);
                vectors[l] = hooks.create(v, new Shape(1, 1, h)).mul(0.5f);
            }
            BlockHook add = (layer, hidden, c) -> hidden.add(vectors[layer]);
            SteeringPlan plan = SteeringPlan.of(SteeringDirection.builder("q", dirs).eta(0.45)
                    .schedule(Schedule.parse("exp-decay", RATE)).build());
            GenerationConfig base = GenerationConfig.builder().seconds(seconds).seed(1).build();
            int steps = generator.steps(base);
            System.gc(); // the loader's float[] garbage is not part of any measurement
            for (int b : new int[] {1, 8}) { // warm-up at full length
                run(generator, base.toBuilder().prompts(prompts(b)).build(), null);
            }
            for (int round = 0; round < rounds; round++) {
                bandwidth.add(memoryBandwidth());
                sgemm.add(sgemm());
                streaming.add(streamingGemm(h, dc.ffnDim()));
                for (int w = 0; w < work.size(); w++) {
                    Workload wl = work.get((w + round) % work.size()); // rotate the order each round
                    GenerationConfig c = base.toBuilder().prompts(prompts(wl.batch())).build();
                    double t;
                    if (wl.hook().equals("steer")) {
                        try (SteeringHook hook = plan.hook(hooks)) {
                            t = run(generator, c, hook);
                        }
                    } else {
                        t = run(generator, c, wl.hook().equals("add") ? add : null);
                    }
                    times.computeIfAbsent(wl.name(), k -> new double[rounds])[round] = t;
                    System.out.printf(Locale.ROOT, "round %d %-62s %.2f s  %.2f steps/s%n", round, wl.name(), t, steps / t);
                }
            }
            String longRun = longSeconds > 0 ? longRun(generator, base, longSeconds) : "";
            String loadAfter = uptime();
            double bw = max(bandwidth);
            double gflops = max(sgemm);
            double stream = max(streaming);
            double bytes1 = stepBytes(dc, 2, steps);
            double bytes8 = stepBytes(dc, 16, steps);
            out.add(String.format(Locale.ROOT, "# Generation benchmark (%s-shaped random checkpoint, CPU, float32)%n", size));
            out.add(String.format(Locale.ROOT, "Machine: %d CPU cores visible to the JVM, PyTorch %s through DJL with %d "
                            + "intra-op threads, OpenJDK %s. `uptime` before: `%s`; after: `%s`. The machine is shared "
                            + "with other builds: the workloads and the probes are interleaved over %d rounds (order "
                            + "rotated each round) so that load hits all alike; best and median reported.%n",
                    Runtime.getRuntime().availableProcessors(), Engine.getEngine("PyTorch").getVersion(),
                    ai.djl.pytorch.jni.JniUtils.getNumThreads(), System.getProperty("java.version"), loadBefore, loadAfter,
                    rounds));
            out.add(String.format(Locale.ROOT, "Generation: `MusicgenGenerator.generateCodes`, %.1f s of audio = %d decoding "
                    + "steps, classifier-free guidance 3 (rows = 2 × batch), top-k 250 sampling, KV cache, one %d-token "
                    + "prompt per row; %d layers of width %d, ffn %d. Times include T5 on the prompts and the sampling in "
                    + "Java, not EnCodec decoding.%n", seconds, steps, model.tokenize(List.of(PROMPT)).length(), layers, h,
                    dc.ffnDim()));
            out.add("## Decoding speed\n");
            out.add("| workload | best s | median s | steps/s (best) | steps/s (median) | frames/s of audio, all rows (median) "
                    + "| overhead vs no hook: median of per-round ratios | best vs best |");
            out.add("|---|---|---|---|---|---|---|---|");
            for (Workload wl : work) {
                double[] t = times.get(wl.name());
                double[] plain = times.get("batch " + wl.batch() + ", no hook");
                double[] ratio = new double[rounds];
                for (int i = 0; i < rounds; i++) {
                    ratio[i] = t[i] / plain[i] - 1;
                }
                boolean none = wl.hook().equals("none");
                out.add(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.1f | %s | %s |", wl.name(), min(t),
                        median(t), steps / min(t), steps / median(t), wl.batch() * steps / median(t),
                        none ? "—" : String.format(Locale.ROOT, "%+.1f %%", 100 * median(ratio)),
                        none ? "—" : String.format(Locale.ROOT, "%+.1f %%", 100 * (min(t) / min(plain) - 1))));
            }
            out.add("");
            out.add("## The floor\n");
            out.add(String.format(Locale.ROOT, "Probes (best of %d rounds, interleaved with the workloads): memory "
                            + "bandwidth **%.1f GB/s** (Java, %d threads summing an int[] of 512 MiB; rounds: %s); sgemm "
                            + "**%.1f GFLOP/s** (DJL/PyTorch float32 2048×2048 product; rounds: %s); weight streaming "
                            + "**%.1f GB/s** (DJL/PyTorch: [2, %d] × [%d, %d] products over 24 distinct weight matrices, "
                            + "%.0f MiB, a batch-1 step's access pattern; rounds: %s).%n", rounds, bw,
                    Runtime.getRuntime().availableProcessors(), fmt(bandwidth), gflops, fmt(sgemm), stream, h, h,
                    dc.ffnDim(), 24.0 * 4 * h * dc.ffnDim() / (1 << 20), fmt(streaming)));
            out.add("Per decoding step every decoder weight is read once: self-attention 4H², cross-attention query and "
                    + "output 2H² (its keys and values of the text are cached), feed-forward 2HF, per layer, plus the "
                    + "4 LM heads K·H·V; plus the KV cache (2 · rows · t · H per layer, averaged over the steps). FLOPs: 2 "
                    + "per weight per row, plus attention 4·t·H per row and layer.\n");
            out.add("| batch (rows) | MB read / step | GFLOP / step | floor ms / step at measured bandwidth | floor ms / step "
                    + "at sgemm rate | floor steps/s (max of the two) | engine floor steps/s (weights at the streaming "
                    + "rate) | measured steps/s (median) | of floor | of engine floor |");
            out.add("|---|---|---|---|---|---|---|---|---|---|");
            for (int b : new int[] {1, 8}) {
                double bytes = b == 1 ? bytes1 : bytes8;
                double flops = stepFlops(dc, 2 * b, steps);
                double msBw = 1000 * bytes / (bw * 1e9);
                double msFl = 1000 * flops / (gflops * 1e9);
                double floor = 1000 / Math.max(msBw, msFl);
                double engine = 1000 / Math.max(1000 * bytes / (stream * 1e9), msFl);
                double measured = steps / median(times.get("batch " + b + ", no hook"));
                out.add(String.format(Locale.ROOT, "| %d (%d) | %.0f | %.2f | %.1f | %.1f | %.2f | %.2f | %.2f | %.0f %% | %.0f %% |",
                        b, 2 * b, bytes / 1e6, flops / 1e9, msBw, msFl, floor, engine, measured, 100 * measured / floor,
                        100 * measured / engine));
            }
            out.add("");
            out.add(longRun);
        }
        out.add(notes());
        String text = String.join("\n", out) + "\n";
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, text, StandardCharsets.UTF_8);
        System.out.println(text);
    }

    /** ms per step over the course of one long generation at batch 1 and 8 (no hook): the cost of a growing cache. */
    private static String longRun(MusicgenGenerator g, GenerationConfig base, double seconds) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "## Over a long generation (%.0f s, one run each, "
                + "no hook)%n%n| batch | ms / step, steps 1-50 | middle 50 | last 50 | whole run, steps/s |%n|---|---|---|---|---|%n",
                seconds));
        for (int batch : new int[] {1, 8}) {
            GenerationConfig c = base.toBuilder().seconds(seconds).prompts(prompts(batch)).build();
            int n = g.steps(c);
            long[] at = new long[n + 1];
            at[0] = System.nanoTime();
            g.generateCodes(c, null, (done, total) -> at[done] = System.nanoTime());
            int mid = n / 2 - 25;
            String row = String.format(Locale.ROOT, "| %d | %.0f | %.0f | %.0f | %.2f |%n", batch, (at[50] - at[0]) / 50e6,
                    (at[mid + 50] - at[mid]) / 50e6, (at[n] - at[n - 50]) / 50e6, n / ((at[n] - at[0]) / 1e9));
            System.out.print(row);
            b.append(row);
        }
        return b.toString();
    }

    private static List<String> prompts(int b) {
        List<String> p = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            p.add(PROMPT);
        }
        return p;
    }

    private static double run(MusicgenGenerator g, GenerationConfig c, BlockHook hook) {
        long t0 = System.nanoTime();
        g.generateCodes(c, hook, StepListener.NONE);
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Bytes read per decoding step with {@code rows} CFG rows, KV cache averaged over {@code steps}. */
    static double stepBytes(MusicgenDecoderConfig c, int rows, int steps) {
        double h = c.hiddenSize();
        double weights = c.numHiddenLayers() * (6 * h * h + 2 * h * c.ffnDim()) + (double) c.numCodebooks() * h * c.vocabSize();
        double kv = c.numHiddenLayers() * 2.0 * rows * h * (steps + 1) / 2.0;
        return 4 * (weights + kv);
    }

    /** FLOPs per decoding step (matrix products only) with {@code rows} rows, attention averaged over {@code steps}. */
    static double stepFlops(MusicgenDecoderConfig c, int rows, int steps) {
        double h = c.hiddenSize();
        double weights = c.numHiddenLayers() * (6 * h * h + 2 * h * c.ffnDim()) + (double) c.numCodebooks() * h * c.vocabSize();
        double attention = c.numHiddenLayers() * 4.0 * h * (steps + 1) / 2.0;
        return rows * (2 * weights + attention);
    }

    /** GB/s of summing a 512 MiB int[] with one thread per core (best of 3 passes). */
    static double memoryBandwidth() throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        int[] a = BANDWIDTH_ARRAY;
        int chunk = a.length / threads;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            double best = 0;
            for (int pass = 0; pass < 4; pass++) {
                long t0 = System.nanoTime();
                List<Future<Integer>> parts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int from = t * chunk;
                    int to = t == threads - 1 ? a.length : from + chunk;
                    parts.add(pool.submit(() -> sum(a, from, to)));
                }
                int s = 0;
                for (Future<Integer> f : parts) {
                    s += f.get();
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                SINK += s;
                if (pass > 0) { // pass 0 warms the JIT
                    best = Math.max(best, 4.0 * a.length / secs / 1e9);
                }
            }
            return best;
        } finally {
            pool.shutdown();
        }
    }

    private static final int[] BANDWIDTH_ARRAY = new int[128 << 20];

    static {
        Arrays.fill(BANDWIDTH_ARRAY, 1);
    }

    private static volatile long SINK;

    private static int sum(int[] a, int from, int to) {
        int s = 0;
        for (int i = from; i < to; i++) {
            s += a[i];
        }
        return s;
    }

    /** GFLOP/s of a float32 2048 × 2048 product through DJL (best of 5). */
    static double sgemm() {
        int n = 2048;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.randomNormal(new Shape(n, n));
            NDArray b = m.randomNormal(new Shape(n, n));
            a.matMul(b).close();
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                a.matMul(b).close();
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            return 2.0 * n * n * n / best / 1e9;
        }
    }

    /** GB/s of weights read by [2, H] × [H, F] products over 24 distinct matrices (a step's access pattern). */
    static double streamingGemm(int h, int f) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(2, h));
            NDArray[] w = new NDArray[24];
            for (int i = 0; i < w.length; i++) {
                w[i] = m.randomNormal(new Shape(h, f));
            }
            double best = Double.MAX_VALUE;
            for (int pass = 0; pass < 4; pass++) {
                long t0 = System.nanoTime();
                for (NDArray wi : w) {
                    x.matMul(wi).close();
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                if (pass > 0) {
                    best = Math.min(best, secs);
                }
            }
            return 4.0 * h * f * w.length / best / 1e9;
        }
    }

    private static String notes() {
        return "## Notes\n\n"
                + "- Steps/s counts decoding steps (one new frame of every row per step; 50 steps = 1 s of audio). At "
                + "batch 8 each step advances 8 clips, so the audio produced per second is 8 × steps/s.\n"
                + "- The hook rows: `+ vector` is a `BlockHook` lambda adding a precomputed [1, 1, H] vector to every "
                + "block's output (the intervention point's own cost); `SteeringHook` is a steering plan with one "
                + "direction on every block and an exp-decay schedule (builds each step's vectors in Java, one copy to "
                + "the device, one add per block). Goal: ≤ 5 % over no hook. With no hook the decoder never builds a "
                + "context or calls anything.\n"
                + "- The floor assumes every weight crosses the memory bus once per step and the matrix products run at "
                + "the sgemm rate; real steps also pay for layer norms, softmax, GELU, per-op dispatch through DJL/JNI "
                + "(~10 ops per layer), the logits' copy to Java and sampling.\n"
                + "- Regenerate: `bench/generation.sh [size] [seconds] [rounds] [checkpoint dir] [report]`.\n";
    }

    private static String fmt(List<Double> xs) {
        StringBuilder b = new StringBuilder();
        for (double x : xs) {
            b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", x));
        }
        return b.toString();
    }

    private static double max(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    static double min(double[] x) {
        return Arrays.stream(x).min().orElse(Double.NaN);
    }

    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static String uptime() {
        return SteeringBenchmark.uptime();
    }

    private GenerationBenchmark() {}
}
