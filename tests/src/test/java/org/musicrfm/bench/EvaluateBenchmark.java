package org.musicrfm.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.musicrfm.activations.SourceModel;
import org.musicrfm.audio.Audio;
import org.musicrfm.audio.SampleFormat;
import org.musicrfm.audio.WavFiles;
import org.musicrfm.dataset.PitchClass;
import org.musicrfm.eval.Probe;
import org.musicrfm.eval.ProbeProvenance;
import org.musicrfm.jobs.JobOutputs;
import org.musicrfm.jobs.SparkSessions;
import org.musicrfm.jobs.evaluate.EvaluateJob;
import org.musicrfm.jobs.evaluate.EvaluateJobConfig;
import org.musicrfm.model.clap.ClapRandomCheckpoint;
import org.musicrfm.model.io.Dtype;
import org.musicrfm.model.io.RandomCheckpoint;
import org.musicrfm.rfm.backend.KernelSpec;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;
import org.musicrfm.rfm.probe.ProbeKind;

/**
 * Speed of the evaluate job on one executor (Spark local[1]) with a small-shaped MusicGen and a
 * larger_clap_music-shaped CLAP (random weights): clips per second per round (the first round
 * includes loading the models) and the seconds per clip spent reading audio, in CLAP, in MusicGen
 * (EnCodec, the probe's forward pass and the probe) and in the model-free metrics.
 *
 * <p>Usage: {@code EvaluateBenchmark [clips=4] [seconds=10] [threads=2] [rounds=2] [musicgen dir] [clap dir]
 * [report=docs/benchmarks-evaluate.md]}
 */
public final class EvaluateBenchmark {

    public static void main(String[] args) throws Exception {
        int clips = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        String tmp = System.getProperty("java.io.tmpdir");
        Path mg = Path.of(args.length > 4 ? args[4] : tmp + "/musicrfm-bench-musicgen-small");
        Path clap = Path.of(args.length > 5 ? args[5] : tmp + "/musicrfm-bench-clap-larger_clap_music");
        Path report = Path.of(args.length > 6 ? args[6] : "docs/benchmarks-evaluate.md");
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        if (!Files.isRegularFile(mg.resolve("config.json"))) {
            RandomCheckpoint.write(RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.SMALL), mg, 7L, Dtype.F32);
        }
        if (!Files.isRegularFile(clap.resolve("config.json"))) {
            ClapRandomCheckpoint.write(ClapRandomCheckpoint.presetConfig(ClapRandomCheckpoint.Preset.LARGER_CLAP_MUSIC),
                    ClapRandomCheckpoint.presetPreprocessor(ClapRandomCheckpoint.Preset.LARGER_CLAP_MUSIC), clap, 1234L,
                    Dtype.F32);
        }
        Path work = Files.createTempDirectory("musicrfm-bench-evaluate");
        SparkSession spark = SparkSessions.getOrCreate("evaluate-bench", "local[1]");
        Path table = writeGenerations(spark, work.resolve("sweep"), clips, seconds);
        Path probes = writeProbe(mg, work.resolve("probes"));
        List<Double> rates = new ArrayList<>();
        Map<String, List<Double>> stages = new TreeMap<>();
        for (int r = 0; r < rounds; r++) {
            Path out = work.resolve("out");
            JobOutputs.deleteRecursively(out);
            EvaluateJobConfig d = EvaluateJobConfig.defaults(table.toString(), probes.toString(), mg.toString(),
                    clap.toString(), out.toString());
            long t0 = System.nanoTime();
            EvaluateJob.run(spark, d.withThreads(threads));
            double wall = (System.nanoTime() - t0) / 1e9;
            rates.add(clips / wall);
            System.out.printf(Locale.ROOT, "round %d: %d clips in %.1f s = %.3f clips/s%n", r, clips, wall, clips / wall);
            try (Stream<Path> s = Files.list(out.resolve("_clips"))) {
                for (Path f : s.toList()) {
                    JsonObject t = JsonParser.parseString(Files.readString(f)).getAsJsonObject()
                            .getAsJsonObject("result").getAsJsonObject("timings");
                    if (r > 0 || rounds == 1) {
                        t.entrySet().forEach(e -> stages.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                                .add(e.getValue().getAsDouble()));
                    }
                }
            }
        }
        spark.stop();
        StringBuilder md = new StringBuilder("# Evaluate job speed\n\n");
        md.append("`bench/evaluate.sh ").append(String.join(" ", args)).append("` on ")
                .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)).append(" UTC, ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores (shared; load before: ").append(load)
                .append("), one executor (Spark local[1]), ").append(threads).append(" PyTorch threads, CPU float32.\n");
        md.append(String.format(Locale.ROOT, "Models: small-shaped MusicGen (%s) and larger_clap_music-shaped CLAP (%s),"
                + " random weights; %d clips of %.1f s, half unsteered, half steered with a notes probe (layer 12).%n%n",
                mg.getFileName(), clap.getFileName(), clips, seconds));
        md.append("| round | clips/s per executor |\n|---|---|\n");
        for (int r = 0; r < rates.size(); r++) {
            md.append(String.format(Locale.ROOT, "| %d%s | %.3f |%n", r, r == 0 ? " (loads the models)" : "", rates.get(r)));
        }
        md.append("\nSeconds per clip by stage (warm rounds; mean, min–max):\n\n| stage | mean | min | max |\n|---|---|---|---|\n");
        stages.forEach((k, v) -> md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f |%n", k,
                v.stream().mapToDouble(x -> x).average().orElse(Double.NaN),
                v.stream().mapToDouble(x -> x).min().orElse(Double.NaN),
                v.stream().mapToDouble(x -> x).max().orElse(Double.NaN))));
        md.append("\n`clap` is the audio and prompt embeddings; `musicgen` is EnCodec encoding, the decoder-only forward"
                + " pass to the probe's layer, the probe and its trace; `metrics` is the model-free pitch-class, key,"
                + " chord and tempo estimates. Per-condition FD/MMD/bootstrap run on the driver after the clips.\n");
        Files.writeString(report, md.toString());
        System.out.print(md);
        JobOutputs.deleteRecursively(work);
    }

    static Path writeGenerations(SparkSession spark, Path sweep, int clips, double seconds) throws Exception {
        Files.createDirectories(sweep.resolve("audio"));
        SplittableRandom rng = new SplittableRandom(5);
        List<Row> rows = new ArrayList<>();
        int n = (int) Math.round(seconds * 32_000);
        for (int i = 0; i < clips; i++) {
            float[] s = new float[n];
            double f0 = 110 * Math.pow(2, rng.nextInt(24) / 12.0);
            for (int k = 0; k < n; k++) {
                double t = k / 32_000.0;
                s[k] = (float) (0.3 * Math.sin(2 * Math.PI * f0 * t) + 0.15 * Math.sin(3 * Math.PI * f0 * t)
                        + 0.02 * (rng.nextDouble() - 0.5));
            }
            String id = String.format(Locale.ROOT, "c%03d", i);
            WavFiles.write(sweep.resolve("audio/" + id + ".wav"), new Audio(s, 32_000, 1), SampleFormat.PCM_16);
            boolean steered = i % 2 == 1;
            rows.add(RowFactory.create(id, steered ? "notes:C|eta=0.5" : "unsteered", steered ? "notes" : null,
                    steered ? "C" : null, steered ? 0.5 : 0.0, "a calm piano piece " + i / 2, (long) (i / 2),
                    "audio/" + id + ".wav"));
        }
        Path table = sweep.resolve("generations");
        spark.createDataFrame(rows, DataTypes.createStructType(List.of(
                DataTypes.createStructField("unit_id", DataTypes.StringType, false),
                DataTypes.createStructField("condition", DataTypes.StringType, false),
                DataTypes.createStructField("concept", DataTypes.StringType, true),
                DataTypes.createStructField("target", DataTypes.StringType, true),
                DataTypes.createStructField("eta", DataTypes.DoubleType, false),
                DataTypes.createStructField("prompt", DataTypes.StringType, false),
                DataTypes.createStructField("seed", DataTypes.LongType, false),
                DataTypes.createStructField("path", DataTypes.StringType, false)))).write().parquet(table.toString());
        return table;
    }

    /** A 12-class probe with 96 random training points of the model's width (the cost of a real one's size). */
    static Path writeProbe(Path mg, Path dir) throws Exception {
        SourceModel src = SourceModel.of(mg);
        SplittableRandom rng = new SplittableRandom(3);
        int n = 96;
        double[][] x = new double[n][src.hiddenSize()];
        double[][] a = new double[n][12];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] = rng.nextGaussian();
            }
            a[i][i % 12] = 1;
        }
        List<String> classes = new ArrayList<>();
        for (int pc = 0; pc < 12; pc++) {
            classes.add(PitchClass.sharpName(pc));
        }
        Probe.Fit fit = new Probe.Fit(ProbeKind.MULTICLASS, classes, Double.NaN, Double.NaN,
                KernelSpec.mahalanobis(10.0, 1.0), 1e-3, false, 0, 0, 0L, Mat.fromRows(x, Precision.FLOAT64),
                Mat.fromRows(a, Precision.FLOAT64), null, null, null, new TreeMap<>(Map.of("val", 0.5)));
        ProbeProvenance p = new ProbeProvenance("bench", src.compatibilityKey(), src.fingerprint(), src.hiddenSize(),
                src.numLayers(), "decoder_only", "mean", "syntheory", "notes", "root_note_pitch_class", 0L, 0L, "bench");
        new Probe(p, 12, fit).write(dir.resolve("notes.layer12.probe.safetensors"));
        return dir;
    }
}
