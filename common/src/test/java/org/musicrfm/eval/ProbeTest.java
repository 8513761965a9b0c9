package org.musicrfm.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.musicrfm.rfm.ClassProbabilities;
import org.musicrfm.rfm.ProbabilityMode;
import org.musicrfm.rfm.RfmModel;
import org.musicrfm.rfm.backend.CpuBackend;
import org.musicrfm.rfm.backend.RfmBackend;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;
import org.musicrfm.rfm.search.LayerData;
import org.musicrfm.rfm.search.ProbeSearch;
import org.musicrfm.rfm.probe.ProbeTargets;
import org.musicrfm.rfm.search.SearchSpace;
import org.musicrfm.rfm.search.TrialResult;

/** A probe persisted the way the training job does it reproduces the fitted model's outputs exactly. */
class ProbeTest {

    @TempDir
    Path tmp;

    static final ProbeProvenance PROVENANCE = new ProbeProvenance("tiny", "key-a", "fp-a", 6, 2, "decoder_only", "mean",
            "syn", "notes", "root_note_pitch_class", 3L, 5L, "test");
    static final ActivationSource SOURCE = new ActivationSource("key-a", "fp-a", "decoder_only", "mean", 1);

    @ParameterizedTest(name = "{0} float64={1} iters={2}")
    @CsvSource({"MULTICLASS,false,3", "MULTICLASS,true,3", "MULTICLASS,false,0", "REGRESSION,false,2",
            "REGRESSION,true,2"})
    void storedProbeReproducesTheFittedModel(String kind, boolean float64, int iters) throws IOException {
        boolean regression = kind.equals("REGRESSION");
        Random rng = new Random(21);
        int d = 6;
        Data train = data(rng, 45, d);
        Data val = data(rng, 15, d);
        Data test = data(rng, 15, d);
        RfmBackend backend = float64 ? CpuBackend.float64() : CpuBackend.float32();
        Precision p = backend.precision();
        LayerData layer = LayerData.prepare(backend, Mat.fromRows(train.x, p), Mat.fromRows(val.x, p),
                Mat.fromRows(test.x, p), true);
        ProbeTargets targets = regression ? ProbeTargets.regression(train.value, val.value, test.value)
                : ProbeTargets.multiclass(train.label, val.label, test.label, 3);
        ProbeSearch search = new ProbeSearch(backend, new ProbeSearch.Settings(iters, null, ProbabilityMode.SOFTMAX,
                false, false));
        String target = regression ? "bpm" : "*";
        List<TrialResult> trials = search.search(9L, "notes", target, 1, 3, SearchSpace.paper(), layer, targets);
        TrialResult best = search.best(trials, targets.kind());
        ProbeWriter writer = new ProbeWriter(tmp.toString(), SaveProbes.ALL, target,
                regression ? List.of() : List.of("C", "D", "E"), PROVENANCE);
        List<String> testIds = new ArrayList<>();
        for (int i = 0; i < test.x.length; i++) {
            testIds.add("clip" + i);
        }
        Mat expected;
        try (RfmModel model = search.fit(best.task(), layer, targets, true)) {
            expected = model.predict(layer.test());
            writer.stage(1, target, model, best, layer.train().host(), regression ? train.value : null, testIds,
                    layer.test());
        }
        List<Path> published = writer.publish(1).stream().map(org.musicrfm.io.Location::localPath).toList();
        assertThat(published).containsExactly(tmp.resolve("probes").resolve(ProbeWriter.fileName("notes", 1)));
        assertThat(Probe.sidecar(published.get(0))).isRegularFile();
        assertThat(tmp.resolve(".probes-staging")).doesNotExist();

        Probe probe = Probe.load(published.get(0));
        Mat fresh = probe.outputs(Mat.fromRows(test.x, Precision.FLOAT64));
        assertThat(fresh.toRowMajor()).as("outputs on the test split").containsExactly(expected.toRowMajor());
        assertThat(probe.fit().testOutputs().toRowMajor()).containsExactly(expected.toRowMajor());
        assertThat(probe.fit().testClipIds()).isEqualTo(testIds);
        assertThat(probe.precision()).isEqualTo(p);
        assertThat(probe.fit().bestIter()).isEqualTo(best.bestIter());
        assertThat(probe.fit().kernel().bandwidth()).isEqualTo(best.task().params().bandwidth());
        if (regression) {
            double[] bpm = probe.regress(SOURCE, Mat.fromRows(test.x, Precision.FLOAT64));
            double mean = 0;
            for (double v : train.value) {
                mean += v;
            }
            mean /= train.value.length;
            assertThat(probe.fit().targetMean()).isCloseTo(mean, within(1e-9));
            assertThat(bpm[0]).isCloseTo(probe.fit().targetMean() + probe.fit().targetStd() * expected.get(0, 0),
                    within(1e-12));
        } else {
            int[] labels = probe.predict(SOURCE, Mat.fromRows(test.x, Precision.FLOAT64));
            assertThat(labels).containsExactly(ClassProbabilities.labels(expected, ProbabilityMode.SOFTMAX));
            double[][] prob = probe.probabilities(SOURCE, Mat.fromRows(test.x, Precision.FLOAT64));
            assertThat(prob[0]).containsExactly(ClassProbabilities.of(expected, ProbabilityMode.SOFTMAX)[0]);
            // the clusters are well separated: the probe classifies held-out points
            int right = 0;
            for (int i = 0; i < labels.length; i++) {
                right += labels[i] == test.label[i] ? 1 : 0;
            }
            assertThat(right).isGreaterThanOrEqualTo(12);
            assertThat(probe.classes()).containsExactly("C", "D", "E");
        }
    }

    @org.junit.jupiter.api.Test
    void activationsFromAnotherModelReadingPoolingOrLayerAreRefused() throws IOException {
        Probe probe = smallProbe();
        Mat x = Mat.fromRows(new double[][] {{0, 0, 0, 0, 0, 0}}, Precision.FLOAT64);
        assertThatThrownBy(() -> probe.predict(new ActivationSource("key-b", "fp-a", "decoder_only", "mean", 1), x))
                .hasMessageContaining("compatibility key key-a").hasMessageContaining("compatibility key key-b");
        assertThatThrownBy(() -> probe.predict(new ActivationSource("key-a", "fp-b", "decoder_only", "mean", 1), x))
                .hasMessageContaining("fingerprint fp-a").hasMessageContaining("fingerprint fp-b");
        assertThatThrownBy(() -> probe.predict(new ActivationSource("key-a", "fp-a", "empty_text", "mean", 1), x))
                .hasMessageContaining("'decoder_only' reading").hasMessageContaining("'empty_text'");
        assertThatThrownBy(() -> probe.probabilities(new ActivationSource("key-a", "fp-a", "decoder_only", "last", 1), x))
                .hasMessageContaining("'mean' pooling").hasMessageContaining("'last'");
        assertThatThrownBy(() -> probe.predict(new ActivationSource("key-a", "fp-a", "decoder_only", "mean", 0), x))
                .hasMessageContaining("reads block 1").hasMessageContaining("block 0");
        assertThatThrownBy(() -> probe.predict(SOURCE, Mat.fromRows(new double[][] {{0, 0}}, Precision.FLOAT64)))
                .hasMessageContaining("activations have 2 features").hasMessageContaining("expects 6");
        Path notAProbe = tmp.resolve("x.safetensors");
        Files.write(notAProbe, new byte[] {2, 0, 0, 0, 0, 0, 0, 0, '{', '}'});
        assertThatThrownBy(() -> Probe.load(notAProbe)).hasMessageContaining("is not a probe file");
    }

    private Probe smallProbe() {
        Random rng = new Random(2);
        Data train = data(rng, 12, 6);
        Mat x = Mat.fromRows(train.x, Precision.FLOAT64);
        Mat alpha = Mat.zeros(12, 3, Precision.FLOAT64);
        return new Probe(PROVENANCE, 1, new Probe.Fit(org.musicrfm.rfm.probe.ProbeKind.MULTICLASS, List.of("C", "D", "E"),
                Double.NaN, Double.NaN, org.musicrfm.rfm.backend.KernelSpec.mahalanobis(5, 1), 1e-3, false, 0, 0, 0L, x, alpha,
                null, null, null, new java.util.TreeMap<>()));
    }

    record Data(double[][] x, int[] label, double[] value) {}

    /** Three well-separated clusters; the regression value is 60 + 40·label + noise (a tempo-like target). */
    static Data data(Random rng, int n, int d) {
        double[][] x = new double[n][d];
        int[] label = new int[n];
        double[] value = new double[n];
        for (int i = 0; i < n; i++) {
            label[i] = i % 3;
            for (int j = 0; j < d; j++) {
                x[i][j] = rng.nextGaussian() * 0.5 + (j == label[i] ? 3.0 : 0.0);
            }
            value[i] = 60 + 40 * label[i] + rng.nextGaussian();
        }
        return new Data(x, label, value);
    }

}
