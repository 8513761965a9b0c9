package org.musicrfm.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.activations.ActivationFiles;
import org.musicrfm.activations.SourceModel;
import org.musicrfm.eval.AggregateProbe;
import org.musicrfm.rfm.benchmark.BenchmarkSplit;
import org.musicrfm.rfm.benchmark.ConceptTable;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;
import org.musicrfm.audio.SampleFormat;
import org.musicrfm.dataset.Concept;
import org.musicrfm.jobs.JobOutputs;
import org.musicrfm.jobs.classify.ClassifyJob;
import org.musicrfm.jobs.classify.ClassifyJobConfig;
import org.musicrfm.jobs.classify.ClassifyJobResult;
import org.musicrfm.jobs.extract.ExtractJob;
import org.musicrfm.jobs.extract.ExtractJobConfig;
import org.musicrfm.jobs.musicbench.MusicBenchJob;
import org.musicrfm.jobs.musicbench.MusicBenchJobConfig;
import org.musicrfm.model.io.Dtype;
import org.musicrfm.model.io.RandomCheckpoint;
import org.musicrfm.rfm.benchmark.BenchmarkUnits;

/**
 * The classify job on real Spark local[2]: SynTheory notes (48 clips) extracted by the tiny random
 * model with mean and last-token pooling, then the same table with a planted class signal on every
 * layer but 0; and the MusicBench sample (mode, tempo) through musicbench, extract and classify.
 */
class ClassifyJobTest {

    static final List<String> ALL = List.of("aggregate", "rfm_mean", "rfm_last", "linear", "ffn");

    @TempDir
    static Path tmp;
    static Path model;
    static Path extracted;
    static Path planted;
    static int layers;

    @BeforeAll
    static void prepare() throws Exception {
        model = RandomCheckpoint.write(RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY),
                tmp.resolve("tiny-model"), 11L, Dtype.F32);
        Path syn = tmp.resolve("syntheory");
        SparkSession spark = TestSpark.local();
        SynTheoryJob(spark, syn);
        extracted = tmp.resolve("extract");
        ExtractJobConfig d = ExtractJobConfig.defaults(syn.resolve("metadata").toString(), model.toString(),
                extracted.toString());
        ExtractJob.run(spark, new ExtractJobConfig(d.dataset(), null, d.model(), d.reading(), List.of("mean", "last"),
                false, List.of(), 4, 12, 4.0, "cpu", "float32", d.output(), false, 1, -1));
        layers = SourceModel.read(extracted).numLayers();
        planted = plant(extracted, tmp.resolve("planted"));
    }

    static void SynTheoryJob(SparkSession spark, Path syn) throws Exception {
        org.musicrfm.jobs.syntheory.SynTheoryJob.run(spark, new org.musicrfm.jobs.syntheory.SynTheoryJobConfig(
                List.of(Concept.NOTES), 48, null, syn.toString(), 32_000, 1, SampleFormat.PCM_16,
                "/usr/share/sounds/sf2/TimGM6mb.sf2", 0L, 8));
    }

    /**
     * The extracted table with each vector replaced by seeded N(0, 1) noise, plus, on every layer but
     * 0, 4 on the coordinate of the clip's pitch class: a signal every method should find on layers
     * ≥ 1 and none can find on layer 0.
     */
    static Path plant(Path from, Path to) throws Exception {
        SourceModel.read(from).write(to);
        for (int layer = 0; layer < layers; layer++) {
            Path part = ActivationFiles.partition(from.resolve("activations"), "notes", layer);
            List<GenericRecord> rows = ActivationFiles.readAll(part);
            for (GenericRecord r : rows) {
                @SuppressWarnings("unchecked")
                int d = ((List<Float>) r.get("vector")).size();
                SplittableRandom rnd = new SplittableRandom(r.get("clip_id").toString().hashCode() * 31L + layer
                        + r.get("pooling").toString().hashCode());
                List<Float> v = new ArrayList<>(d);
                for (int j = 0; j < d; j++) {
                    v.add((float) gauss(rnd));
                }
                if (layer > 0) {
                    int pc = ((Number) r.get("root_note_pitch_class")).intValue();
                    v.set(pc, v.get(pc) + 4f);
                }
                r.put("vector", v);
            }
            ActivationFiles.write(ActivationFiles.partition(to.resolve("activations"), "notes", layer)
                    .resolve("part-0.parquet"), rows.get(0).getSchema(), rows);
        }
        return to;
    }

    static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @AfterAll
    static void stop() {
        TestSpark.stopActive();
    }

    /** Budget 2, 3 RFM iterations, k = 12 directions per layer (one per class), all layers, 100 FFN epochs. */
    static ClassifyJobConfig config(Path acts, List<String> targets, List<String> methods, Path out) {
        return new ClassifyJobConfig(acts.toString(), targets, methods, 2, 3, 12, 0, 0L, 0L, false, 100,
                out.toString(), false);
    }

    static List<Row> table(Path out) {
        return TestSpark.shared().read().parquet(out.resolve(ClassifyJob.TABLE).toString())
                .orderBy("method", "row", "layer").collectAsList();
    }

    static Row best(List<Row> rows, String method) {
        return rows.stream().filter(r -> r.getAs("method").equals(method) && r.getAs("row").equals("best"))
                .findFirst().orElseThrow();
    }

    @Test
    void everyMethodFindsThePlantedClassesAndNoneOnTheLayerWithout() throws Exception {
        Path out = tmp.resolve("classify-planted");
        ClassifyJobResult r = ClassifyJob.run(TestSpark.local(), config(planted, List.of("notes"), ALL, out));
        assertThat(r.units()).isEqualTo(5);
        assertThat(r.reused()).isZero();
        List<Row> rows = table(out);
        Map<String, Long> perMethod = rows.stream().filter(x -> x.getAs("row").equals("layer"))
                .collect(Collectors.groupingBy(x -> x.getAs("method"), TreeMap::new, Collectors.counting()));
        assertThat(perMethod).containsExactlyEntriesOf(new TreeMap<>(Map.of("aggregate", 1L, "ffn", (long) layers,
                "linear", (long) layers, "rfm_last", (long) layers, "rfm_mean", (long) layers)));
        assertThat(rows).hasSize(4 * layers + 1 + 5);
        for (Row x : rows) {
            assertThat(x.<String>getAs("metric")).isEqualTo("accuracy");
            // 12 classes of 4 clips: 2 train, 1 validation, 1 test each
            assertThat(new int[] {x.getAs("n_train"), x.getAs("n_val"), x.getAs("n_test")}).containsExactly(24, 12, 12);
            assertThat(x.<Integer>getAs("trials")).isEqualTo(2);
        }
        double chance = 1.0 / 12;
        for (String m : ALL) {
            Row b = best(rows, m);
            // planted signal: every method beats chance (0.083) on test by at least 0.5
            assertThat(b.<Double>getAs("test")).as("%s best test accuracy", m).isGreaterThanOrEqualTo(chance + 0.5);
            assertThat(b.<Double>getAs("test")).isEqualTo(b.<Double>getAs("test_accuracy"));
            if (!m.equals("aggregate")) {
                assertThat(b.<Integer>getAs("layer")).as("%s best layer", m).isPositive();
                Row layer0 = rows.stream().filter(x -> x.getAs("method").equals(m) && x.getAs("row").equals("layer")
                        && x.<Integer>getAs("layer") == 0).findFirst().orElseThrow();
                assertThat(layer0.<Double>getAs("test")).as("%s layer 0 (noise only)", m).isLessThanOrEqualTo(chance + 0.25);
            } else {
                assertThat(b.<Integer>getAs("layer")).isEqualTo(-1);
                assertThat(b.<String>getAs("params")).startsWith("layers=[0, 1");
            }
        }
        assertThat(best(rows, "rfm_mean").<Long>getAs("flops")).isPositive();
        assertThat(best(rows, "aggregate").<Long>getAs("flops")).isPositive();
        assertThat(best(rows, "ffn").<String>getAs("params")).contains("trial=");

        // the aggregate is persisted for the evaluation: its layers, classes, kernel and test score are the row's
        Path saved = out.resolve(ClassifyJob.AGGREGATES).resolve(AggregateProbe.fileName("notes", "root_note_pitch_class"));
        AggregateProbe agg = AggregateProbe.load(saved);
        Row aggRow = best(rows, "aggregate");
        assertThat(agg.layers()).isEqualTo(java.util.stream.IntStream.range(0, layers).boxed().toList());
        assertThat(agg.classes()).hasSize(12);
        assertThat(agg.fit().scores()).containsEntry("test_accuracy", aggRow.<Double>getAs("test"))
                .containsEntry("val_accuracy", aggRow.<Double>getAs("val"));
        assertThat(aggRow.<String>getAs("params")).contains(String.format(java.util.Locale.ROOT, "q=%.4f;p=%.4f",
                agg.fit().kernel().exponent(), agg.fit().kernel().p()));
        assertThat(agg.fit().trainPoints().rows()).isEqualTo(24);
        assertThat(agg.fit().trainPoints().cols()).isEqualTo(12 * layers);
        assertThat(agg.provenance().fingerprint()).isEqualTo(SourceModel.read(planted).fingerprint());
        assertThat(agg.provenance().pooling()).isEqualTo("mean");
        // read back, it scores the benchmark's test accuracy on the same split's test clips
        Path acts = planted.resolve("activations");
        String label = "root_note_pitch_class";
        BenchmarkSplit split = BenchmarkSplit.of(ConceptTable.load(acts, "notes", 0, "mean", label), false, 0L, "test");
        assertThat(agg.classes()).isEqualTo(split.classes());
        Map<Integer, Mat> testActs = new java.util.HashMap<>();
        Mat onehot = null;
        for (int l = 0; l < layers; l++) {
            BenchmarkSplit.Parts p = split.parts(ConceptTable.load(acts, "notes", l, "mean", label), Precision.FLOAT32,
                    "test");
            testActs.put(l, p.test().to(Precision.FLOAT64));
            onehot = p.targets().test();
        }
        int[] predicted = agg.predict(testActs);
        int hits = 0;
        for (int i = 0; i < predicted.length; i++) {
            hits += onehot.get(i, predicted[i]) == 1.0 ? 1 : 0;
        }
        assertThat(predicted).hasSize(12);
        assertThat((double) hits / predicted.length).isEqualTo(aggRow.<Double>getAs("test"));

        // A rerun with the same inputs does nothing; one lost unit is recomputed to the same rows (FFN included:
        // deterministic under its seed), the other four are reused.
        assertThat(ClassifyJob.run(TestSpark.shared(), config(planted, List.of("notes"), ALL, out)).skipped()).isTrue();
        Files.delete(out.resolve(JobOutputs.MARKER));
        Files.delete(BenchmarkUnits.folder(out, "notes", "root_note_pitch_class").resolve("ffn.done"));
        ClassifyJobResult again = ClassifyJob.run(TestSpark.shared(), config(planted, List.of("notes"), ALL, out));
        assertThat(again.reused()).isEqualTo(4);
        List<Row> rerun = table(out);
        assertThat(strip(rerun)).isEqualTo(strip(rows));
    }

    /** Rows without their timings. */
    static List<List<Object>> strip(List<Row> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (Row r : rows) {
            List<Object> v = new ArrayList<>();
            for (String c : List.of("concept", "label", "method", "row", "layer", "metric", "val", "test", "params")) {
                v.add(r.getAs(c));
            }
            out.add(v);
        }
        return out;
    }

    @Test
    void badInputsFailOnTheDriverBeforeAnyOutput() throws Exception {
        Path meanOnly = tmp.resolve("mean-only");
        SourceModel.read(extracted).write(meanOnly);
        for (int layer = 0; layer < layers; layer++) {
            List<GenericRecord> rows = ActivationFiles.readAll(ActivationFiles.partition(
                    extracted.resolve("activations"), "notes", layer));
            rows.removeIf(r -> !r.get("pooling").toString().equals("mean"));
            ActivationFiles.write(ActivationFiles.partition(meanOnly.resolve("activations"), "notes", layer)
                    .resolve("part-0.parquet"), rows.get(0).getSchema(), rows);
        }
        Path out = tmp.resolve("bad");
        assertThatThrownBy(() -> ClassifyJob.run(TestSpark.shared(), config(meanOnly, List.of("notes"),
                List.of("rfm_last"), out)))
                .hasMessageContaining("method rfm_last needs 'last'-pooled activations, the table has [mean]");
        assertThatThrownBy(() -> ClassifyJob.run(TestSpark.shared(), config(extracted, List.of("notes:nope"),
                List.of("linear"), out)))
                .hasMessageContaining("no label column 'nope'");
        assertThatThrownBy(() -> ClassifyJob.run(TestSpark.shared(), config(extracted, List.of("chords"),
                List.of("linear"), out)))
                .hasMessageContaining("no activations for concept 'chords'").hasMessageContaining("[notes]");
        assertThatThrownBy(() -> config(extracted, List.of("notes"), List.of("svm"), out))
                .hasMessageContaining("unknown method 'svm'");
        assertThat(out).doesNotExist();
    }

    @Test
    void musicBenchModeAndTempoKeepRecordingsTogetherAndScoreTempoByNormalizedMse() throws Exception {
        SparkSession spark = TestSpark.local();
        MusicBenchSample sample = MusicBenchSample.write(tmp.resolve("MusicBench"));
        Path dataset = tmp.resolve("musicbench-table");
        List<String> json = List.of(MusicBenchSample.TRAIN, MusicBenchSample.TEST_A, MusicBenchSample.TEST_B).stream()
                .map(f -> sample.root.resolve(f).toString()).toList();
        MusicBenchJob.run(spark, new MusicBenchJobConfig(json, sample.root.resolve("datashare").toString(), 0.5, true,
                dataset.toString(), 4));
        Path acts = tmp.resolve("musicbench-acts");
        ExtractJobConfig d = ExtractJobConfig.defaults(dataset.resolve("metadata").toString(), model.toString(),
                acts.toString());
        ExtractJob.run(spark, new ExtractJobConfig(d.dataset(), null, d.model(), d.reading(), List.of("mean", "last"),
                false, List.of(), 4, 8, 10.0, "cpu", "float32", d.output(), false, 1, -1));
        Path out = tmp.resolve("classify-musicbench");
        ClassifyJob.run(spark, config(acts, List.of("musicbench:mode", "musicbench:bpm"), ALL, out));
        assertThat(out.resolve(ClassifyJob.AGGREGATES).resolve(AggregateProbe.fileName("musicbench", "mode")))
                .isRegularFile();
        assertThat(out.resolve(ClassifyJob.AGGREGATES).resolve(AggregateProbe.fileName("musicbench", "bpm")))
                .as("regression aggregates are not persisted").doesNotExist();
        List<Row> rows = spark.read().parquet(out.resolve(ClassifyJob.TABLE).toString()).collectAsList();
        assertThat(rows).hasSize(2 * (4 * layers + 1 + 5));
        long withKey = sample.clips().stream().filter(l -> l.keyProb() >= 0.5).count();
        long withBpm = sample.clips().stream().filter(l -> l.bpm() != null).count();
        for (Row r : rows) {
            int n = r.<Integer>getAs("n_train") + r.<Integer>getAs("n_val") + r.<Integer>getAs("n_test");
            if (r.getAs("label").equals("mode")) {
                assertThat(r.<String>getAs("metric")).isEqualTo("accuracy");
                assertThat(n).isEqualTo((int) withKey);
                assertThat(r.<Double>getAs("test")).isBetween(0.0, 1.0);
            } else {
                assertThat(r.<String>getAs("metric")).isEqualTo("nmse");
                assertThat(n).isEqualTo((int) withBpm);
                assertThat(r.<Double>getAs("test")).isEqualTo(r.<Double>getAs("test_nmse")).isPositive();
                assertThat(r.<Double>getAs("test_accuracy")).isNaN();
            }
        }
    }
}
