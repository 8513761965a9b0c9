package org.musicrfm.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.musicrfm.jobs.JobOutputs;
import org.musicrfm.jobs.SparkSessions;
import org.musicrfm.jobs.sweep.SweepJob;
import org.musicrfm.jobs.sweep.SweepJobConfig;
import org.musicrfm.jobs.sweep.SweepJobResult;
import org.musicrfm.model.io.Checkpoint;
import org.musicrfm.model.io.Dtype;
import org.musicrfm.model.io.ModelIdentity;
import org.musicrfm.model.io.RandomCheckpoint;
import org.musicrfm.model.musicgen.MusicgenConfig;
import org.musicrfm.model.musicgen.MusicgenDecoderConfig;
import org.musicrfm.steering.LayerDirection;
import org.musicrfm.steering.SteeringPack;

/**
 * Sweep throughput: a Table-2-shaped sweep (2 note classes × η0 {0.15, 0.30, 0.45, 0.60}, p = 0.3,
 * exponential weighting κ = 0.95, w0 = 1) on a random checkpoint of the given size, on
 * local-cluster with 1 and then 2 executors (1 core each), interleaved, a fresh output each round.
 * Args: {@code [size=small] [seconds=0.5] [rounds=2] [report=docs/benchmarks-sweep.md] [work dir]}.
 */
public final class SweepBenchmark {

    private SweepBenchmark() {}

    public static void main(String[] args) throws Exception {
        String size = args.length > 0 ? args[0] : "small";
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 0.5;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path report = Path.of(args.length > 3 ? args[3] : "docs/benchmarks-sweep.md");
        Path work = args.length > 4 ? Path.of(args[4]) : Files.createTempDirectory("sweep-bench");
        Path model = work.resolve("model-" + size);
        if (!Files.isDirectory(model)) {
            RandomCheckpoint.write(RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.valueOf(size.toUpperCase(Locale.ROOT))),
                    model, 1L, Dtype.F32);
        }
        MusicgenDecoderConfig d;
        try (Checkpoint c = Checkpoint.open(model)) {
            d = MusicgenConfig.from(c.config()).decoder();
        }
        Path pack = work.resolve("notes.safetensors");
        writePack(model, d, pack);
        Path spec = work.resolve("table2-bench.json");
        Files.writeString(spec, """
                {"name": "bench", "model": "%s", "packs": {"notes": "%s"}, "prompts": ["a calm piano piece"],
                 "seeds_per_prompt": 1, "seconds": %s,
                 "grids": [{"targets": {"notes": ["0", "7"]}, "eta": [0.15, 0.30, 0.45, 0.60], "gate_p": 0.3,
                            "weighting": "exp:0.95,1"}]}
                """.formatted(model, pack, seconds));
        int clips = 8;
        int[] executors = {1, 2};
        List<List<double[]>> results = new ArrayList<>(); // per setting: [wall s, sum of generation s]
        for (int e : executors) {
            results.add(new ArrayList<>());
        }
        String uptimeBefore = uptime();
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < executors.length; i++) {
                int e = executors[i];
                Path out = work.resolve("out-" + e + "-" + r);
                JobOutputs.deleteRecursively(out);
                stop();
                SparkSession spark = SparkSessions.getOrCreate("sweep-bench", "local-cluster[" + e + ",1,6144]",
                        Map.of("spark.jars", System.getProperty("musicrfm.jobs.jar") + ","
                                + System.getProperty("musicrfm.common.jar"), "spark.executor.memory", "6g"));
                // warm-up outside the timing: executors start and load the model on a one-unit run
                SweepJob.run(spark, new SweepJobConfig(spec.toString(), work.resolve("warm-" + e + "-" + r).toString(),
                        null, Map.of(), e, 1.0, 0L, "cpu", "float32", 1, -1));
                long t0 = System.nanoTime();
                SweepJobResult res = SweepJob.run(spark, new SweepJobConfig(spec.toString(), out.toString(), null, Map.of(),
                        -1, 1.0, 0L, "cpu", "float32", 1, -1));
                double wall = (System.nanoTime() - t0) / 1e9;
                double gen = spark.read().parquet(out.resolve("generations").toString()).agg(
                        org.apache.spark.sql.functions.sum("generation_seconds")).first().getDouble(0);
                results.get(i).add(new double[] {wall, gen, res.generated()});
                System.err.printf(Locale.ROOT, "round %d, %d executor(s): %d clips in %.1f s (sum of clip times %.1f s)%n",
                        r, e, res.generated(), wall, gen);
            }
        }
        stop();
        StringBuilder md = new StringBuilder();
        md.append("# Sweep benchmark (random ").append(size).append("-shaped checkpoint, CPU, float32)\n\n");
        md.append("Date: ").append(ZonedDateTime.now()).append(". Machine: ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPU cores visible to the JVM, **shared with ")
                .append("other builds while this ran** (numbers are noisy; compare settings within a round). `uptime` before: `")
                .append(uptimeBefore).append("`; after: `").append(uptime()).append("`.\n\n");
        md.append(String.format(Locale.ROOT, "Sweep: Table 2 settings (2 note classes × η0 {0.15, 0.30, 0.45, 0.60}, p = 0.3, "
                + "exp weighting κ = 0.95, w0 = 1), 1 prompt, %d clips of %.2f s, guidance 3, top-k 250; local-cluster with "
                + "1 core and 1 PyTorch thread per executor; each setting gets a one-unit warm-up run first (executor start, "
                + "model load) that is not timed; settings interleaved per round.%n%n", clips, seconds));
        md.append("| executors | round | clips | wall s | clips/s | clips/s per executor | mean s per clip inside the task |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < executors.length; i++) {
            for (int r = 0; r < rounds; r++) {
                double[] x = results.get(i).get(r);
                md.append(String.format(Locale.ROOT, "| %d | %d | %.0f | %.1f | %.3f | %.3f | %.2f |%n", executors[i], r, x[2],
                        x[0], x[2] / x[0], x[2] / x[0] / executors[i], x[1] / x[2]));
            }
        }
        md.append("\nMixed-plan vs single-plan batches: not measured — the sweep generates one clip per call (no batching "
                + "of units yet), so there is no mixed batch to time.\n\n");
        md.append("Regenerate: `bench/sweep.sh [size] [seconds] [rounds] [report] [work dir]`.\n");
        Files.writeString(report, md.toString());
        System.out.println(md);
    }

    private static void stop() {
        SparkSession.getActiveSession().foreach(s -> {
            s.stop();
            return null;
        });
        SparkSession.getDefaultSession().foreach(s -> {
            s.stop();
            return null;
        });
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
    }

    private static String uptime() {
        try {
            return new String(new ProcessBuilder("uptime").start().getInputStream().readAllBytes()).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static void writePack(Path model, MusicgenDecoderConfig d, Path file) throws Exception {
        Random r = new Random(1);
        SteeringPack.Builder b = SteeringPack.builder("notes", ModelIdentity.of(model), d.hiddenSize(), d.numHiddenLayers())
                .modelName("bench").dataset("random").splitSeed(0).scoring("accuracy", false);
        for (String label : new String[] {"0", "7"}) {
            Map<Integer, LayerDirection> ls = new TreeMap<>();
            for (int l = 0; l < d.numHiddenLayers(); l++) {
                float[] v = new float[d.hiddenSize()];
                double n = 0;
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) r.nextGaussian();
                    n += v[i] * v[i];
                }
                for (int i = 0; i < v.length; i++) {
                    v[i] /= (float) Math.sqrt(n);
                }
                ls.put(l, LayerDirection.of(new float[][] {v}, new float[] {1f}, 0.5 + 0.5 * l / d.numHiddenLayers()));
            }
            b.addClass(label, ls);
        }
        b.write(file);
    }
}
