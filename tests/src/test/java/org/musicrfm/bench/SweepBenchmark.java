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
                        null, Map.of(), e, 1.0, 0L, "cpu", "float32", 1, -1, 1));
                long t0 = System.nanoTime();
                SweepJobResult res = SweepJob.run(spark, new SweepJobConfig(spec.toString(), out.toString(), null, Map.of(),
                        -1, 1.0, 0L, "cpu", "float32", 1, -1, BATCH));
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
        md.append("Date: ").append(ZonedDateTime.now()).append(". Machine: ").append(cpuModel()).append(", ")
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
        md.append(String.format(Locale.ROOT, "%nBatches of %d units (`--batch-size %d`): the 8 clips are 2 batches of 4, "
                + "so 2 executors get one batch each.%n", BATCH, BATCH));
        md.append(batchSection(spec, model, pack, rounds));
        md.append("Regenerate: `bench/sweep.sh [size] [seconds] [rounds] [report] [work dir]`.\n");
        Files.writeString(report, md.toString());
        System.out.println(md);
    }

    static final int BATCH = 4;

    /**
     * In this JVM, one model, 1 PyTorch thread: {@value #BATCH} Table 2 clips as one mixed-plan batch (4
     * conditions), as one single-plan batch (one condition, 4 seeds), and one at a time; interleaved
     * per round. Also checks that every row of the mixed batch is bit for bit its clip made alone.
     */
    static String batchSection(Path spec, Path model, Path pack, int rounds) throws Exception {
        org.musicrfm.model.TorchThreads.configure(1);
        org.musicrfm.steering.sweep.SweepSpec sw = org.musicrfm.steering.sweep.SweepSpec.read(spec);
        Map<String, SteeringPack> packs = Map.of("notes", SteeringPack.read(pack));
        List<org.musicrfm.steering.sweep.SweepUnit> units = sw.units();
        StringBuilder md = new StringBuilder();
        try (org.musicrfm.model.musicgen.MusicgenModel m = org.musicrfm.model.musicgen.MusicgenModel.load(model,
                org.musicrfm.model.ModelOptions.parse("cpu", "float32"))) {
            var g = new org.musicrfm.model.musicgen.MusicgenGenerator(m);
            var gc = org.musicrfm.model.musicgen.GenerationConfig.builder().prompt(units.get(0).prompt())
                    .seconds(sw.seconds()).guidance(sw.guidance()).topK(sw.topK()).temperature(sw.temperature()).build();
            int steps = g.steps(gc);
            List<org.musicrfm.steering.SteeredGenerator.Row> mixed = new ArrayList<>();
            List<org.musicrfm.steering.SteeredGenerator.Row> single = new ArrayList<>();
            org.musicrfm.steering.SteeringPlan first = units.get(0).steering().plan(packs, units.get(0).seed(), steps,
                    g.frameRate());
            for (int i = 0; i < BATCH; i++) {
                var u = units.get(i * (units.size() / BATCH)); // 4 distinct conditions (both targets, several η0)
                mixed.add(new org.musicrfm.steering.SteeredGenerator.Row(u.prompt(), u.seed(),
                        u.steering().plan(packs, u.seed(), steps, g.frameRate())));
                single.add(new org.musicrfm.steering.SteeredGenerator.Row(u.prompt(), u.seed(), first));
            }
            var none = org.musicrfm.model.musicgen.StepListener.NONE;
            String[] names = {"A: mixed-plan batch of 4", "B: single-plan batch of 4", "C: 4 clips one at a time"};
            List<List<Double>> t = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            org.musicrfm.steering.SteeredGenerator.generateBatch(g, gc, mixed.subList(0, 1), none); // warm-up
            org.musicrfm.model.musicgen.Generation mixedOut = null;
            List<org.musicrfm.model.musicgen.Generation> aloneOut = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < 3; k++) {
                    long t0 = System.nanoTime();
                    if (k == 0) {
                        mixedOut = org.musicrfm.steering.SteeredGenerator.generateBatch(g, gc, mixed, none);
                    } else if (k == 1) {
                        org.musicrfm.steering.SteeredGenerator.generateBatch(g, gc, single, none);
                    } else {
                        aloneOut.clear();
                        for (var row : mixed) {
                            aloneOut.add(org.musicrfm.steering.SteeredGenerator.generate(g,
                                    gc.toBuilder().prompt(row.prompt()).seed(row.seed()).build(), row.plan(), none));
                        }
                    }
                    t.get(k).add((System.nanoTime() - t0) / 1e9);
                    System.err.printf(Locale.ROOT, "round %d, %s: %.2f s%n", r, names[k], t.get(k).get(r));
                }
            }
            int sameCodes = 0;
            int sameAudio = 0;
            for (int i = 0; i < BATCH; i++) {
                sameCodes += java.util.Arrays.deepEquals(mixedOut.codes()[i], aloneOut.get(i).codes()[0]) ? 1 : 0;
                sameAudio += java.util.Arrays.equals(mixedOut.audio()[i], aloneOut.get(i).audio()[0]) ? 1 : 0;
            }
            md.append(String.format(Locale.ROOT, "%n## Mixed-plan vs single-plan batch%n%nOne JVM (the driver, after the "
                    + "Spark runs), one model, 1 PyTorch thread, %d clips of %.2f s (%d decoding steps, guidance 3, so %d "
                    + "rows per forward call): A = one batch of 4 Table 2 conditions (targets 0 and 7, η0 0.15/0.30/0.45/0.60 "
                    + "picked across the grid, each with its own gate seed), B = one batch of 4 clips under one plan (4 seeds), "
                    + "C = the same 4 clips one at a time. Interleaved A/B/C per round, after a one-clip warm-up.%n%n",
                    BATCH, sw.seconds(), steps, 2 * BATCH));
            md.append("| setting | seconds per round | mean s | spread (max−min)/mean | clips/s |\n|---|---|---|---|---|\n");
            for (int k = 0; k < 3; k++) {
                List<Double> x = t.get(k);
                double mean = x.stream().mapToDouble(Double::doubleValue).average().orElse(0);
                double spread = (x.stream().mapToDouble(Double::doubleValue).max().orElse(0)
                        - x.stream().mapToDouble(Double::doubleValue).min().orElse(0)) / mean;
                md.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.0f%% | %.3f |%n", names[k],
                        x.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList(), mean, 100 * spread,
                        BATCH / mean));
            }
            md.append(String.format(Locale.ROOT, "%nRows of the mixed batch equal to their clip made alone (C): codes "
                    + "%d/%d, audio float samples bit for bit %d/%d.%n%n", sameCodes, BATCH, sameAudio, BATCH));
        }
        return md.toString();
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

    private static String cpuModel() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst()
                    .orElse("?");
        } catch (java.io.IOException e) {
            return "?";
        }
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
