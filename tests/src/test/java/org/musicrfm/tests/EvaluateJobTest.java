package org.musicrfm.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.activations.SourceModel;
import org.musicrfm.audio.Audio;
import org.musicrfm.audio.ModelInput;
import org.musicrfm.audio.SampleFormat;
import org.musicrfm.audio.WavFiles;
import org.musicrfm.dataset.PitchClass;
import org.musicrfm.eval.AggregateProbe;
import org.musicrfm.eval.ClapScore;
import org.musicrfm.eval.ClipEvaluator;
import org.musicrfm.eval.ClipModels;
import org.musicrfm.eval.ClipResult;
import org.musicrfm.eval.EvalClip;
import org.musicrfm.eval.FrechetDistance;
import org.musicrfm.eval.Mmd;
import org.musicrfm.eval.Probe;
import org.musicrfm.eval.ProbeProvenance;
import org.musicrfm.eval.ProbeSet;
import org.musicrfm.jobs.evaluate.EvaluateJob;
import org.musicrfm.jobs.evaluate.EvaluateJobConfig;
import org.musicrfm.jobs.evaluate.EvaluateJobResult;
import org.musicrfm.model.clap.ClapRandomCheckpoint;
import org.musicrfm.model.io.Dtype;
import org.musicrfm.model.io.RandomCheckpoint;
import org.musicrfm.model.musicgen.MusicgenModel;
import org.musicrfm.model.musicgen.Pooling;
import org.musicrfm.model.musicgen.Reading;
import org.musicrfm.rfm.aggregate.LayerProjection;
import org.musicrfm.rfm.backend.KernelSpec;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;
import org.musicrfm.rfm.probe.ProbeKind;

/**
 * The evaluate job on real Spark with tiny random MusicGen and CLAP checkpoints and a generations
 * table of synthetic WAVs: its metrics equal the library's, a planted difference shows in FD and
 * MMD, bad clips go to errors/, local[2] and local-cluster agree, re-runs resume per clip.
 */
class EvaluateJobTest {

    static final int PER_CONDITION = 5;
    static final String SAME = "notes:C|eta=0.1";
    static final String PLANTED = "notes:C|eta=0.9";

    @TempDir
    static Path tmp;
    static Path model;
    static Path otherModel;
    static Path clap;
    static Path sweep;
    static Path probes;
    static Path otherProbes;
    static String missingId;
    static Path aggregate;
    static String silentId;

    @BeforeAll
    static void prepare() throws Exception {
        model = RandomCheckpoint.write(RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY),
                tmp.resolve("tiny-model"), 11L, Dtype.F32);
        otherModel = RandomCheckpoint.write(RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY),
                tmp.resolve("tiny-model-other"), 12L, Dtype.F32);
        clap = ClapRandomCheckpoint.write(ClapRandomCheckpoint.presetConfig(ClapRandomCheckpoint.Preset.TINY),
                ClapRandomCheckpoint.presetPreprocessor(ClapRandomCheckpoint.Preset.TINY), tmp.resolve("tiny-clap"), 5L,
                Dtype.F32);
        sweep = tmp.resolve("sweep");
        Files.createDirectories(sweep.resolve("audio"));
        SplittableRandom rng = new SplittableRandom(3);
        List<Row> rows = new ArrayList<>();
        for (String condition : List.of("unsteered", SAME, PLANTED)) {
            for (int i = 0; i < PER_CONDITION; i++) {
                String id = condition.equals("unsteered") ? "u" + i : condition.equals(SAME) ? "s" + i : "p" + i;
                // unsteered and SAME: one distribution of harmonic tones; PLANTED: white noise bursts
                Audio a = condition.equals(PLANTED) ? noise(rng, 0.7) : tone(220 * Math.pow(2, rng.nextInt(4) / 12.0), rng);
                WavFiles.write(sweep.resolve("audio/" + id + ".wav"), a, SampleFormat.PCM_16);
                rows.add(row(id, condition, i));
            }
        }
        missingId = "x-missing";
        silentId = "x-silent";
        rows.add(row(missingId, SAME, 0));
        WavFiles.write(sweep.resolve("audio/" + silentId + ".wav"), new Audio(new float[32_000], 32_000, 1),
                SampleFormat.PCM_16);
        rows.add(row(silentId, SAME, 1));
        SparkSession spark = TestSpark.local();
        spark.createDataFrame(rows, DataTypes.createStructType(List.of(
                DataTypes.createStructField("unit_id", DataTypes.StringType, false),
                DataTypes.createStructField("condition", DataTypes.StringType, false),
                DataTypes.createStructField("concept", DataTypes.StringType, true),
                DataTypes.createStructField("target", DataTypes.StringType, true),
                DataTypes.createStructField("eta", DataTypes.DoubleType, false),
                DataTypes.createStructField("prompt", DataTypes.StringType, false),
                DataTypes.createStructField("prompt_index", DataTypes.IntegerType, false),
                DataTypes.createStructField("seed", DataTypes.LongType, false),
                DataTypes.createStructField("seconds", DataTypes.DoubleType, false),
                DataTypes.createStructField("path", DataTypes.StringType, false))))
                .write().parquet(sweep.resolve("generations").toString());
        probes = writeProbe(model, tmp.resolve("probes"));
        aggregate = writeAggregate(model, probes);
        otherProbes = writeProbe(otherModel, tmp.resolve("probes-other"));
    }

    @AfterAll
    static void stop() {
        TestSpark.stopActive();
    }

    static Row row(String id, String condition, int i) {
        boolean steered = !condition.equals("unsteered");
        double eta = condition.equals(SAME) ? 0.1 : condition.equals(PLANTED) ? 0.9 : 0.0;
        return RowFactory.create(id, condition, steered ? "notes" : null, steered ? "C" : null, eta,
                "prompt " + i, i, (long) i, 1.0, "audio/" + id + ".wav");
    }

    static Audio tone(double f0, SplittableRandom rng) {
        float[] s = new float[32_000];
        double phase = rng.nextDouble() * 2 * Math.PI;
        for (int n = 0; n < s.length; n++) {
            double t = n / 32_000.0;
            s[n] = (float) (0.4 * Math.sin(2 * Math.PI * f0 * t + phase) + 0.2 * Math.sin(4 * Math.PI * f0 * t)
                    + 0.01 * (rng.nextDouble() - 0.5));
        }
        return new Audio(s, 32_000, 1);
    }

    static Audio noise(SplittableRandom rng, double amp) {
        float[] s = new float[32_000];
        for (int n = 0; n < s.length; n++) {
            s[n] = (float) (amp * (rng.nextDouble() * 2 - 1) * ((n / 4000) % 2 == 0 ? 1 : 0.1));
        }
        return new Audio(s, 32_000, 1);
    }

    /** A 12-class notes probe of layer 1 whose training points are real pooled activations of tones on {@code m}. */
    static Path writeProbe(Path m, Path dir) throws Exception {
        SourceModel src = SourceModel.of(m);
        SplittableRandom rng = new SplittableRandom(9);
        int n = 12;
        float[][] points = new float[n][];
        try (MusicgenModel mg = MusicgenModel.load(m, org.musicrfm.model.ModelOptions.cpu())) {
            for (int i = 0; i < n; i++) {
                float[] in = ModelInput.prepare(tone(130.81 * Math.pow(2, i / 12.0), rng), 1.0);
                points[i] = mg.extract(mg.encodeAudio(new float[][] {in}), Reading.DECODER_ONLY,
                        java.util.EnumSet.of(Pooling.MEAN), new int[] {1}).get(Pooling.MEAN, 0, 0);
            }
        }
        double[][] coef = new double[n][12];
        for (int i = 0; i < n; i++) {
            coef[i][i] = 1.0;
        }
        List<String> classes = new ArrayList<>();
        for (int pc = 0; pc < 12; pc++) {
            classes.add(PitchClass.sharpName(pc));
        }
        TreeMap<String, Double> scores = new TreeMap<>(Map.of("val", 0.5));
        Probe.Fit fit = new Probe.Fit(ProbeKind.MULTICLASS, classes, Double.NaN, Double.NaN,
                KernelSpec.mahalanobis(10.0, 1.0), 1e-3, false, 0, 0, 0L, Mat.fromRows(points, Precision.FLOAT64),
                Mat.fromRows(coef, Precision.FLOAT64), null, null, null, scores);
        ProbeProvenance prov = new ProbeProvenance("tiny", src.compatibilityKey(), src.fingerprint(), src.hiddenSize(),
                src.numLayers(), "decoder_only", "mean", "syntheory", "notes", "root_note_pitch_class", 0L, 0L, "test");
        new Probe(prov, 1, fit).write(dir.resolve("notes.layer1.probe.safetensors"));
        return dir;
    }

    /**
     * A 12-class notes aggregate over layers 0 and 1 whose training points are the projections of
     * real pooled activations of one tone per pitch class on {@code m} (K_{p,q} with p = 1.5, q = 1).
     */
    static Path writeAggregate(Path m, Path dir) throws Exception {
        SourceModel src = SourceModel.of(m);
        SplittableRandom rng = new SplittableRandom(19);
        int n = 12;
        float[][][] points = new float[2][n][];
        try (MusicgenModel mg = MusicgenModel.load(m, org.musicrfm.model.ModelOptions.cpu())) {
            for (int i = 0; i < n; i++) {
                float[] in = ModelInput.prepare(tone(130.81 * Math.pow(2, i / 12.0), rng), 1.0);
                var a = mg.extract(mg.encodeAudio(new float[][] {in}), Reading.DECODER_ONLY,
                        java.util.EnumSet.of(Pooling.MEAN), new int[] {0, 1});
                points[0][i] = a.get(Pooling.MEAN, 0, 0);
                points[1][i] = a.get(Pooling.MEAN, 1, 0);
            }
        }
        int d = src.hiddenSize();
        List<Mat> dirs = new ArrayList<>();
        for (int l = 0; l < 2; l++) {
            double[][] v = new double[d][3];
            for (double[] row : v) {
                for (int k = 0; k < 3; k++) {
                    row[k] = rng.nextDouble() * 2 - 1;
                }
            }
            dirs.add(Mat.fromRows(v, Precision.FLOAT64));
        }
        LayerProjection projection = new LayerProjection(List.of(0, 1), dirs);
        Mat train = projection.features(Map.of(0, Mat.fromRows(points[0], Precision.FLOAT64),
                1, Mat.fromRows(points[1], Precision.FLOAT64)));
        double[][] coef = new double[n][12];
        for (int i = 0; i < n; i++) {
            coef[i][i] = 1.0;
        }
        List<String> classes = new ArrayList<>();
        for (int pc = 0; pc < 12; pc++) {
            classes.add(PitchClass.sharpName(pc));
        }
        AggregateProbe.Fit fit = new AggregateProbe.Fit(classes, projection, KernelSpec.lpq(1.0, 1.5, 1.0), 1e-3,
                false, 0, 0, 0L, train, Mat.fromRows(coef, Precision.FLOAT64), null, new TreeMap<>(Map.of("val_accuracy",
                0.5)));
        ProbeProvenance prov = new ProbeProvenance("tiny", src.compatibilityKey(), src.fingerprint(), src.hiddenSize(),
                src.numLayers(), "decoder_only", "mean", "syntheory", "notes", "root_note_pitch_class", 0L, 0L, "test");
        Path file = dir.resolve(AggregateProbe.fileName("notes", "root_note_pitch_class"));
        new AggregateProbe(prov, fit).write(file);
        return file;
    }

    static EvaluateJobConfig config(Path out) {
        EvaluateJobConfig d = EvaluateJobConfig.defaults(sweep.resolve("generations").toString(), probes.toString(),
                model.toString(), clap.toString(), out.toString());
        return new EvaluateJobConfig(d.generations(), null, null, d.probes(), d.model(), d.clap(), "clap", 0, 10, 5,
                200, 0.95, 0L, 3, "cpu", "float32", 1, d.output());
    }

    static Map<String, Row> byKey(SparkSession spark, Path table, String... key) {
        Map<String, Row> out = new HashMap<>();
        for (Row r : spark.read().parquet(table.toString()).collectAsList()) {
            StringBuilder k = new StringBuilder();
            for (String c : key) {
                k.append(String.valueOf((Object) r.getAs(c))).append('|');
            }
            assertThat(out.put(k.toString(), r)).as("duplicate key %s in %s", k, table).isNull();
        }
        return out;
    }

    static double[][] embeddings(Map<String, Row> emb, String prefix) {
        return embeddingsOf(emb, prefix, "clap");
    }

    static double[][] embeddingsOf(Map<String, Row> emb, String prefix, String kind) {
        List<double[]> out = new ArrayList<>();
        new TreeMap<>(emb).forEach((k, r) -> {
            if (k.startsWith(prefix) && k.endsWith("|" + kind + "|")) {
                List<Float> v = r.getList(r.fieldIndex("vector"));
                double[] d = new double[v.size()];
                for (int i = 0; i < d.length; i++) {
                    d[i] = v.get(i);
                }
                out.add(d);
            }
        });
        return out.toArray(new double[0][]);
    }

    @Test
    void jobMatchesLibraryFindsThePlantedDifferenceListsBadClipsAndAgreesOnLocalCluster() throws Exception {
        SparkSession spark = TestSpark.local();
        Path out = tmp.resolve("eval-local");
        EvaluateJobResult r = EvaluateJob.run(spark, config(out));
        assertThat(r.clips()).isEqualTo(3 * PER_CONDITION + 2);
        assertThat(r.evaluated()).isEqualTo(r.clips());
        assertThat(r.errors()).isEqualTo(2);

        Map<String, Row> errors = byKey(spark, out.resolve("errors"), "unit_id");
        assertThat(errors.keySet()).containsExactlyInAnyOrder(missingId + "|", silentId + "|");
        assertThat(errors.get(missingId + "|").<String>getAs("message")).contains(missingId + ".wav");
        assertThat(errors.get(silentId + "|").<String>getAs("message")).contains("silent").contains(silentId + ".wav");
        assertThat(errors.get(silentId + "|").<String>getAs("stage")).isEqualTo("read");

        // per clip: the library on the same inputs gives the same numbers
        Map<String, Row> clips = byKey(spark, out.resolve("clip_metrics"), "unit_id");
        assertThat(clips).hasSize(3 * PER_CONDITION);
        ClipModels.Loaded models = ClipModels.get(model.toAbsolutePath().toString(), clap.toAbsolutePath().toString(),
                "cpu", "float32", 1);
        ProbeSet set = ProbeSet.of(probes);
        assertThat(set.aggregateFor("notes")).isEqualTo(aggregate.toAbsolutePath().toString());
        java.util.Set<Integer> aggregatePredictions = new java.util.HashSet<>();
        Map<String, Integer> traceRows = new HashMap<>();
        Map<String, Row> traces = byKey(spark, out.resolve("traces"), "unit_id", "frame", "class");
        traces.values().forEach(t -> traceRows.merge(t.<String>getAs("unit_id"), 1, Integer::sum));
        for (Row c : clips.values()) {
            String id = c.getAs("unit_id");
            String cond = c.getAs("condition");
            boolean steered = !cond.equals("unsteered");
            EvalClip clip = new EvalClip(id, sweep.resolve("audio/" + id + ".wav").toString(),
                    "prompt " + id.substring(1), cond, steered ? "notes" : null, steered ? "C" : null,
                    c.<Double>getAs("eta"), false);
            ClipResult lib = ClipEvaluator.evaluate(clip, models, set, EvaluateJob.settings(config(out)));
            assertThat(lib.failed()).as(id).isFalse();
            assertThat(c.<Double>getAs("clap_score")).as(id).isEqualTo(lib.clapScore());
            assertThat(c.<String>getAs("probe_prediction")).as(id).isEqualTo(lib.probePrediction());
            assertThat(c.<Double>getAs("probe_target_probability")).as(id).isEqualTo(lib.probeTargetProbability());
            assertThat(c.<String>getAs("key_estimate")).as(id).isEqualTo(lib.keyEstimate());
            assertThat(c.<Double>getAs("tempo_estimate_bpm")).as(id).isEqualTo(lib.tempoEstimateBpm());
            assertThat(c.<Double>getAs("pc_target_share")).as(id).isEqualTo(lib.pcTargetShare());
            assertThat(c.<String>getAs("aggregate_prediction")).as(id).isEqualTo(lib.aggregatePrediction());
            assertThat(c.<Double>getAs("aggregate_target_probability")).as(id)
                    .isEqualTo(lib.aggregateTargetProbability());
            assertThat(c.<Boolean>getAs("aggregate_correct")).as(id).isEqualTo(lib.aggregateCorrect());
            if (steered) {
                // the saved aggregate called directly on the clip's layer-0 and layer-1 mean activations
                AggregateProbe agg = AggregateProbe.load(aggregate);
                Audio audio = WavFiles.read(Path.of(clip.path())).toMono();
                long[][][] codes = models.musicgen().encodeAudio(new float[][] {ModelInput.prepare(audio,
                        audio.seconds())});
                Map<Integer, Mat> acts = new HashMap<>();
                for (int layer : new int[] {0, 1}) {
                    acts.put(layer, Mat.fromRows(new float[][] {models.musicgen().extract(codes, Reading.DECODER_ONLY,
                            java.util.EnumSet.of(Pooling.MEAN), new int[] {layer}).get(Pooling.MEAN, 0, 0)},
                            Precision.FLOAT64));
                }
                int predicted = agg.predict(acts)[0];
                assertThat(c.<String>getAs("aggregate_prediction")).as(id)
                        .isEqualTo(PitchClass.sharpName(predicted));
                assertThat(c.<Double>getAs("aggregate_target_probability")).as(id)
                        .isEqualTo(agg.probabilities(acts)[0][0]);
                assertThat(c.<Boolean>getAs("aggregate_correct")).as(id).isEqualTo(predicted == 0);
                aggregatePredictions.add(predicted);
                // the probe's reading from the shared forward pass equals its own pass (probe set without the aggregate)
                ClipResult alone = ClipEvaluator.evaluate(clip, models, new ProbeSet(set.files()),
                        EvaluateJob.settings(config(out)));
                assertThat(alone.aggregatePrediction()).isNull();
                assertThat(lib.probePrediction()).as(id).isEqualTo(alone.probePrediction());
                assertThat(lib.probeTargetProbability()).as(id).isEqualTo(alone.probeTargetProbability());
                assertThat(lib.traces()).as(id).isEqualTo(alone.traces());
                assertThat(lib.probePrediction()).as(id).isNotNull();
                // 1 s at 50 frames/s, windows of 10 every 5 frames: 9 windows x 12 classes
                assertThat(traceRows.get(id)).as(id).isEqualTo(lib.traces().size()).isEqualTo(9 * 12);
            } else {
                assertThat(c.<String>getAs("probe_prediction")).as(id).isNull();
                assertThat(c.<String>getAs("aggregate_prediction")).as(id).isNull();
                assertThat(c.<Double>getAs("aggregate_target_probability")).as(id).isNull();
                assertThat(traceRows).doesNotContainKey(id);
            }
        }

        // per condition: FD, MMD and the CLAP interval from the library on the job's embeddings and scores
        Map<String, Row> emb = byKey(spark, out.resolve("embeddings"), "unit_id", "kind");
        double[][] unsteered = embeddings(emb, "u");
        Map<String, Row> metrics = byKey(spark, out.resolve("metrics"), "condition");
        assertThat(metrics.keySet()).containsExactlyInAnyOrder("unsteered|", SAME + "|", PLANTED + "|");
        for (String[] cond : new String[][] {{SAME, "s"}, {PLANTED, "p"}}) {
            Row m = metrics.get(cond[0] + "|");
            double[][] own = embeddings(emb, cond[1]);
            assertThat(m.<Long>getAs("n")).isEqualTo(PER_CONDITION);
            assertThat(m.<Double>getAs("fd")).as(cond[0]).isEqualTo(FrechetDistance.between(own, unsteered).value());
            assertThat(m.<Double>getAs("mmd")).as(cond[0]).isEqualTo(Mmd.between(own, unsteered).scaled());
            double[] scores = clips.values().stream().filter(c -> c.<String>getAs("condition").equals(cond[0]))
                    .sorted(java.util.Comparator.comparing(c -> c.<String>getAs("unit_id")))
                    .mapToDouble(c -> c.<Double>getAs("clap_score")).toArray();
            ClapScore.Summary s = ClapScore.summarize(scores, 0.95, 200, 0L);
            assertThat(m.<Double>getAs("clap_mean")).isCloseTo(s.mean(), within(1e-12));
            assertThat(m.<String>getAs("embedding_kind")).isEqualTo("clap");
            assertThat(m.<String>getAs("reference")).isEqualTo("unsteered");
            long correct = clips.values().stream().filter(c -> c.<String>getAs("condition").equals(cond[0])
                    && Boolean.TRUE.equals(c.getAs("probe_correct"))).count();
            assertThat(m.<Double>getAs("probe_accuracy")).isEqualTo((double) correct / PER_CONDITION);
            long aggCorrect = clips.values().stream().filter(c -> c.<String>getAs("condition").equals(cond[0])
                    && Boolean.TRUE.equals(c.getAs("aggregate_correct"))).count();
            assertThat(m.<Double>getAs("aggregate_accuracy")).as(cond[0])
                    .isEqualTo((double) aggCorrect / PER_CONDITION);
        }
        assertThat(metrics.get("unsteered|").<Double>getAs("aggregate_accuracy")).isNull();
        assertThat(aggregatePredictions).as("the aggregate's classes differ between clips").hasSizeGreaterThan(1);
        assertThat(metrics.get("unsteered|").<Double>getAs("fd")).isNull();
        double fdSame = metrics.get(SAME + "|").getAs("fd");
        double fdPlanted = metrics.get(PLANTED + "|").getAs("fd");
        double mmdSame = metrics.get(SAME + "|").getAs("mmd");
        double mmdPlanted = metrics.get(PLANTED + "|").getAs("mmd");
        assertThat(fdPlanted).as("FD planted vs same").isGreaterThan(5 * fdSame);
        assertThat(mmdPlanted).as("MMD planted vs same").isGreaterThan(5 * Math.max(mmdSame, 1e-6));

        // resumable: nothing to do, then only a changed clip
        assertThat(EvaluateJob.run(spark, config(out)).skipped()).isTrue();
        WavFiles.write(sweep.resolve("audio/s0.wav"), tone(311.13, new SplittableRandom(1)), SampleFormat.PCM_16);
        Files.setLastModifiedTime(sweep.resolve("audio/s0.wav"), java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() + 5000));
        EvaluateJobResult again = EvaluateJob.run(spark, config(out));
        assertThat(again.skipped()).isFalse();
        assertThat(again.evaluated()).isEqualTo(1);

        // local-cluster: two executor JVMs write the same tables
        Path cl = tmp.resolve("eval-cluster");
        SparkSession cluster = TestSpark.localCluster();
        EvaluateJob.run(cluster, config(cl));
        for (String[] t : new String[][] {{"embeddings", "unit_id", "kind"}, {"clip_metrics", "unit_id"},
                {"metrics", "condition"}, {"traces", "unit_id", "frame", "class"}, {"errors", "unit_id"}}) {
            String[] key = java.util.Arrays.copyOfRange(t, 1, t.length);
            Map<String, Row> a = byKey(cluster, out.resolve(t[0]), key);
            Map<String, Row> b = byKey(cluster, cl.resolve(t[0]), key);
            assertThat(b.keySet()).as(t[0]).isEqualTo(a.keySet());
            a.forEach((k, row) -> assertThat(b.get(k).toString()).as(t[0] + " " + k).isEqualTo(row.toString()));
        }
    }

    @Test
    void corruptOrForeignAggregateFilesAreRefusedBeforeWork() throws Exception {
        SparkSession spark = TestSpark.local();
        Path dir = tmp.resolve("probes-bad-aggregate");
        Files.createDirectories(dir);
        Files.copy(probes.resolve("notes.layer1.probe.safetensors"), dir.resolve("notes.layer1.probe.safetensors"));
        Path bad = dir.resolve(AggregateProbe.fileName("notes", "root_note_pitch_class"));
        byte[] bytes = Files.readAllBytes(aggregate);
        Files.write(bad, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        EvaluateJobConfig c = config(tmp.resolve("eval-bad-aggregate"));
        EvaluateJobConfig truncated = new EvaluateJobConfig(c.generations(), null, null, dir.toString(), c.model(),
                c.clap(), c.embedding(), c.seconds(), c.traceWidth(), c.traceHop(), c.resamples(), c.confidence(),
                c.seed(), c.clipsPerTask(), c.device(), c.dtype(), c.threads(), c.output());
        assertThatThrownBy(() -> EvaluateJob.run(spark, truncated)).hasMessageContaining(bad.toString());
        assertThat(tmp.resolve("eval-bad-aggregate")).doesNotExist();
        // a probe file under the aggregate's name is not an aggregate model
        Files.copy(probes.resolve("notes.layer1.probe.safetensors"), bad, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> EvaluateJob.run(spark, truncated)).hasMessageContaining(bad.toString())
                .hasMessageContaining("not an aggregate model file");
        assertThat(tmp.resolve("eval-bad-aggregate")).doesNotExist();
    }

    @Test
    void probesOfAnotherModelAreRefusedBeforeWork() {
        SparkSession spark = TestSpark.local();
        Path out = tmp.resolve("eval-refused");
        EvaluateJobConfig c = config(out);
        EvaluateJobConfig wrong = new EvaluateJobConfig(c.generations(), null, null, otherProbes.toString(), c.model(),
                c.clap(), c.embedding(), c.seconds(), c.traceWidth(), c.traceHop(), c.resamples(), c.confidence(),
                c.seed(), c.clipsPerTask(), c.device(), c.dtype(), c.threads(), c.output());
        assertThatThrownBy(() -> EvaluateJob.run(spark, wrong))
                .hasMessageContaining("probes of another model")
                .hasMessageContaining("notes.layer1.probe.safetensors");
        assertThat(out).doesNotExist();
    }

    @Test
    void encodecAndMusicgenLayerEmbeddingsAgainstAReferenceFolder() throws Exception {
        SparkSession spark = TestSpark.local();
        int encodecDim = com.google.gson.JsonParser.parseString(Files.readString(model.resolve("config.json")))
                .getAsJsonObject().getAsJsonObject("audio_encoder").get("hidden_size").getAsInt();
        Path ref = tmp.resolve("reference-wavs");
        Files.createDirectories(ref);
        SplittableRandom rng = new SplittableRandom(21);
        for (int i = 0; i < 3; i++) {
            WavFiles.write(ref.resolve("r" + i + ".wav"), tone(220, rng), SampleFormat.PCM_16);
        }
        for (String kind : List.of("encodec", "musicgen_layer_1")) {
            Path out = tmp.resolve("eval-" + kind);
            EvaluateJob.run(spark, config(out).withReference(ref.toString()).withEmbedding(kind));
            Map<String, Row> emb = byKey(spark, out.resolve("embeddings"), "unit_id", "kind");
            assertThat(emb).containsKey("reference:r0.wav|" + kind + "|");
            Map<String, Row> metrics = byKey(spark, out.resolve("metrics"), "condition");
            for (Row m : metrics.values()) {
                assertThat(m.<String>getAs("embedding_kind")).isEqualTo(kind);
                assertThat(m.<String>getAs("reference")).isEqualTo(ref.toString());
                assertThat(m.<Double>getAs("fd")).as(kind + " " + m.getAs("condition")).isNotNull().isPositive();
            }
            // FD against the reference folder's embeddings, by the library, on the job's vectors
            double[][] refs = embeddingsOf(emb, "reference:", kind);
            double[][] planted = embeddingsOf(emb, "p", kind);
            assertThat(refs).hasNumberOfRows(3);
            assertThat(refs[0]).hasSize(kind.equals("encodec") ? encodecDim : SourceModel.of(model).hiddenSize());
            assertThat(metrics.get(PLANTED + "|").<Double>getAs("fd"))
                    .isEqualTo(FrechetDistance.between(planted, refs).value());
        }
    }
}
