package org.musicrfm.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.activations.ActivationFiles;
import org.musicrfm.activations.SourceModel;
import org.musicrfm.audio.SampleFormat;
import org.musicrfm.dataset.Concept;
import org.musicrfm.eval.ActivationSource;
import org.musicrfm.eval.ClassAccuracy;
import org.musicrfm.eval.Probe;
import org.musicrfm.eval.ProbeWriter;
import org.musicrfm.jobs.extract.ExtractJob;
import org.musicrfm.jobs.extract.ExtractJobConfig;
import org.musicrfm.jobs.syntheory.SynTheoryJob;
import org.musicrfm.jobs.syntheory.SynTheoryJobConfig;
import org.musicrfm.jobs.train.TrainJob;
import org.musicrfm.jobs.train.TrainJobConfig;
import org.musicrfm.jobs.train.TrainJobResult;
import org.musicrfm.model.io.Dtype;
import org.musicrfm.model.io.RandomCheckpoint;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;

/** Probes persisted by the train job on real Spark classify the job's own test split exactly as the job scored it. */
class ProbeJobsTest {

    @TempDir
    static Path tmp;
    static Path model;
    static Path activations;

    @BeforeAll
    static void prepare() throws Exception {
        model = RandomCheckpoint.write(RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY),
                tmp.resolve("tiny-model"), 11L, Dtype.F32);
        Path syn = tmp.resolve("syntheory");
        SparkSession spark = TestSpark.local();
        SynTheoryJob.run(spark, new SynTheoryJobConfig(List.of(Concept.NOTES), 48, null, syn.toString(),
                32_000, 1, SampleFormat.PCM_16, "/usr/share/sounds/sf2/TimGM6mb.sf2", 0L, 8));
        activations = tmp.resolve("extract");
        ExtractJobConfig d = ExtractJobConfig.defaults(syn.resolve("metadata").toString(), model.toString(),
                activations.toString());
        ExtractJob.run(spark, new ExtractJobConfig(d.dataset(), null, d.model(), d.reading(), List.of("mean"), false,
                List.of(), 4, 12, 4.0, "cpu", "float32", d.output(), false, 1, -1));
    }

    @AfterAll
    static void stop() {
        TestSpark.stopActive();
    }

    static TrainJobConfig train(Path out, String saveProbes) {
        return new TrainJobConfig(activations.toString(), "notes", "root_note_pitch_class", false, "mean", 3, 2, 2,
                0L, 0L, out.toString(), false, false, null, saveProbes);
    }

    @Test
    void everyLayersProbeReproducesTheJobsTestPredictionsAndScores() throws Exception {
        SparkSession spark = TestSpark.local();
        Path out = tmp.resolve("train-all");
        TrainJob.run(spark, train(out, "all"));
        Map<Integer, Row> multiclass = new HashMap<>();
        for (Row r : spark.read().parquet(out.resolve("results").toString()).where("target = '*'").collectAsList()) {
            multiclass.put(r.<Integer>getAs("layer"), r);
        }
        int layers = SourceModel.read(activations).numLayers();
        assertThat(multiclass).hasSize(layers);
        for (int layer = 0; layer < layers; layer++) {
            Path file = out.resolve(ProbeWriter.FOLDER).resolve(ProbeWriter.fileName("notes", layer));
            Probe probe = Probe.load(file);
            assertThat(Probe.sidecar(file)).isRegularFile();
            assertThat(probe.layer()).isEqualTo(layer);
            assertThat(probe.provenance().reading()).isEqualTo("decoder_only");
            assertThat(probe.provenance().splitSeed()).isZero();
            assertThat(probe.provenance().dataset()).isEqualTo("syntheory");
            assertThat(probe.classes()).hasSize(12);

            // the test split's activations, read back from the table, in the probe's recorded order
            Map<String, GenericRecord> byId = new HashMap<>();
            for (GenericRecord r : ActivationFiles.readAll(ActivationFiles.partition(activations.resolve("activations"),
                    "notes", layer))) {
                byId.put(r.get("clip_id").toString(), r);
            }
            List<String> ids = probe.fit().testClipIds();
            assertThat(ids).isNotEmpty();
            double[][] x = new double[ids.size()][];
            int[] target = new int[ids.size()];
            for (int i = 0; i < ids.size(); i++) {
                GenericRecord r = byId.get(ids.get(i));
                @SuppressWarnings("unchecked")
                List<Float> v = (List<Float>) r.get("vector");
                x[i] = v.stream().mapToDouble(Float::doubleValue).toArray();
                target[i] = probe.classes().indexOf(String.valueOf(r.get("root_note_pitch_class")));
            }
            Mat xm = Mat.fromRows(x, Precision.FLOAT64);
            ActivationSource source = ActivationSource.ofExtractOutput(activations, "mean", layer);
            assertThat(probe.outputs(xm).toRowMajor()).as("layer %d outputs", layer)
                    .containsExactly(probe.fit().testOutputs().toRowMajor());
            int[] predicted = probe.predict(source, xm);
            ClassAccuracy.Result acc = ClassAccuracy.of(predicted, target, probe.classes().size());
            Row job = multiclass.get(layer);
            assertThat(acc.overall()).as("layer %d test accuracy", layer).isEqualTo(job.<Double>getAs("test_accuracy"));
            assertThat(probe.fit().scores().get("test_accuracy")).isEqualTo(job.<Double>getAs("test_accuracy"));
            assertThat(probe.fit().kernel().bandwidth()).isEqualTo(job.<Double>getAs("bandwidth"));
            assertThat(probe.fit().bestIter()).isEqualTo(job.<Integer>getAs("best_iter"));
            double[][] p = probe.probabilities(source, xm);
            assertThat(p[0]).hasSize(12);
            assertThat(java.util.Arrays.stream(p[0]).sum()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
        }
    }

    @Test
    void theDefaultKeepsTheBestLayerOnlyAndNoneKeepsNothing() throws Exception {
        SparkSession spark = TestSpark.local();
        Path best = tmp.resolve("train-best");
        TrainJobResult r = TrainJob.run(spark, train(best, "best"));
        List<String> names = new ArrayList<>();
        try (var s = java.nio.file.Files.list(best.resolve(ProbeWriter.FOLDER))) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        }
        String file = ProbeWriter.fileName("notes", r.bestLayer());
        assertThat(names).containsExactlyInAnyOrder(file, file + ".json");
        Path none = tmp.resolve("train-none");
        TrainJob.run(spark, train(none, "none"));
        assertThat(none.resolve(ProbeWriter.FOLDER)).doesNotExist();
        assertThat(none.resolve(".probes-staging")).doesNotExist();
        assertThatThrownBy(() -> train(none, "some")).hasMessageContaining("--save-probes must be best, all or none, got 'some'");
    }

    @Test
    void activationsOfAnotherModelOrReadingAreRefused() throws Exception {
        JsonObject other = RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY);
        other.getAsJsonObject("decoder").addProperty("num_hidden_layers", 2);
        Path otherModel = RandomCheckpoint.write(other, tmp.resolve("other-model"), 11L, Dtype.F32);
        Path out = tmp.resolve("train-refuse");
        TrainJobResult r = TrainJob.run(TestSpark.local(), train(out, "best"));
        Probe probe = Probe.load(out.resolve(ProbeWriter.FOLDER).resolve(ProbeWriter.fileName("notes", r.bestLayer())));
        Mat x = Mat.zeros(1, probe.features(), Precision.FLOAT64);
        SourceModel o = SourceModel.of(otherModel);
        assertThatThrownBy(() -> probe.predict(new ActivationSource(o.compatibilityKey(), o.fingerprint(), "decoder_only",
                "mean", r.bestLayer()), x)).hasMessageContaining("another architecture or size")
                .hasMessageContaining(o.compatibilityKey());
        ActivationSource own = ActivationSource.ofExtractOutput(activations, "mean", r.bestLayer());
        assertThatThrownBy(() -> probe.predict(new ActivationSource(own.compatibilityKey(), own.fingerprint(),
                "empty_text", "mean", r.bestLayer()), x)).hasMessageContaining("'empty_text'");
        assertThatThrownBy(() -> probe.predict(ActivationSource.ofExtractOutput(activations, "meanstd", r.bestLayer()), x))
                .hasMessageContaining("'meanstd'");
    }
}
