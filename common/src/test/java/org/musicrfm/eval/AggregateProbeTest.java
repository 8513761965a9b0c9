package org.musicrfm.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.rfm.TuningMetric;
import org.musicrfm.rfm.aggregate.AggregateConfig;
import org.musicrfm.rfm.aggregate.AggregateModel;
import org.musicrfm.rfm.aggregate.AggregateSpace;
import org.musicrfm.rfm.aggregate.LayerAggregator;
import org.musicrfm.rfm.aggregate.LayerProbe;
import org.musicrfm.rfm.aggregate.LayerSplits;
import org.musicrfm.rfm.backend.CpuBackend;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;
import org.musicrfm.rfm.probe.ProbeTargets;

/**
 * A fitted layer-aggregation model written and read back predicts exactly what the fitted model
 * does; damaged files are refused naming the file.
 */
class AggregateProbeTest {

    static final int DIM = 5;
    static final int TRAIN = 60;
    static final int VAL = 20;
    static final int TEST = 20;

    @TempDir
    Path tmp;

    /** Three classes; layer 0 carries the class on axes 0 and 1, layer 2 on axis 3 (opposite sign). */
    static AggregateModel fit(int trials) {
        Random r = new Random(5);
        int n = TRAIN + VAL + TEST;
        int[] labels = new int[n];
        double[][][] x = new double[2][n][DIM];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int l = 0; l < 2; l++) {
                for (int j = 0; j < DIM; j++) {
                    x[l][i][j] = 0.4 * r.nextGaussian();
                }
            }
            x[0][i][0] += labels[i] == 0 ? 1 : 0;
            x[0][i][1] += labels[i] == 1 ? 1 : 0;
            x[1][i][3] -= labels[i] == 2 ? 1 : 0;
        }
        int[] layers = {0, 2};
        List<LayerSplits> data = new ArrayList<>();
        List<LayerProbe> probes = new ArrayList<>();
        for (int l = 0; l < 2; l++) {
            data.add(new LayerSplits(layers[l], rows(x[l], 0, TRAIN), rows(x[l], TRAIN, TRAIN + VAL),
                    rows(x[l], TRAIN + VAL, n)));
            double[][] dirs = new double[DIM][3];
            for (int j = 0; j < DIM; j++) {
                for (int k = 0; k < 3; k++) {
                    dirs[j][k] = j == k + l ? 1.0 : 0.1 * (j - k);
                }
            }
            probes.add(new LayerProbe(layers[l], Mat.fromRows(dirs, Precision.FLOAT64), 0.5, TuningMetric.ACCURACY));
        }
        ProbeTargets targets = ProbeTargets.multiclass(Arrays.copyOfRange(labels, 0, TRAIN),
                Arrays.copyOfRange(labels, TRAIN, TRAIN + VAL), Arrays.copyOfRange(labels, TRAIN + VAL, n), 3);
        AggregateConfig config = new AggregateConfig(2, 0, trials, 3, false, 11L, AggregateSpace.paper(), null);
        return new LayerAggregator(CpuBackend.float64()).fit(probes, data, targets, config);
    }

    static Mat rows(double[][] x, int from, int to) {
        return Mat.fromRows(Arrays.copyOfRange(x, from, to), Precision.FLOAT64);
    }

    static ProbeProvenance provenance() {
        return new ProbeProvenance("tiny", "key-1", "fp-1", DIM, 3, "decoder_only", "mean", "syntheory", "bits",
                "bit_class", 0L, 11L, "test");
    }

    static Map<Integer, Mat> queries(int n, long seed) {
        Random r = new Random(seed);
        Map<Integer, Mat> q = new LinkedHashMap<>();
        for (int layer : new int[] {0, 2}) {
            double[][] v = new double[n][DIM];
            for (double[] row : v) {
                for (int j = 0; j < DIM; j++) {
                    row[j] = r.nextGaussian();
                }
            }
            q.put(layer, Mat.fromRows(v, Precision.FLOAT64));
        }
        return q;
    }

    @Test
    void roundTripPredictsExactlyAsTheFittedModel() throws IOException {
        try (AggregateModel model = fit(6)) {
            AggregateProbe written = AggregateProbe.of(model, List.of("a", "b", "c"), provenance());
            Path file = tmp.resolve(AggregateProbe.fileName("bits", "bit_class"));
            written.write(file);
            assertThat(Probe.sidecar(file)).exists();
            AggregateProbe loaded = AggregateProbe.load(file);
            assertThat(loaded.layers()).containsExactly(0, 2);
            assertThat(loaded.classes()).containsExactly("a", "b", "c");
            assertThat(loaded.fit().kernel()).isEqualTo(written.fit().kernel());
            assertThat(loaded.fit().kernel().p()).isEqualTo(model.best().params().p());
            assertThat(loaded.fit().kernel().exponent()).isEqualTo(model.best().params().q());
            assertThat(loaded.fit().trainPoints().rows()).isEqualTo(TRAIN);
            assertThat(loaded.fit().trainPoints().cols()).isEqualTo(4);
            assertThat(loaded.fit().scores()).containsEntry("test_accuracy", model.test().accuracy());
            assertThat(loaded.provenance()).isEqualTo(provenance());
            Map<Integer, Mat> q = queries(30, 3);
            double[] expected = model.predict(q).toRowMajor();
            assertThat(loaded.outputs(q).toRowMajor()).containsExactly(expected);
            assertThat(written.outputs(q).toRowMajor()).containsExactly(expected);
            double[][] p = model.probabilities(q);
            assertThat(loaded.probabilities(q)).isDeepEqualTo(p);
            // the outputs are not constant: the model tells the query clips apart
            int[] labels = loaded.predict(q);
            assertThat(Arrays.stream(labels).distinct().count()).isGreaterThan(1);
        }
    }

    /** The stored K_{p,q} predictor with a learned (full, non-identity) M equals the fitted system's. */
    @Test
    void storedPredictorWithALearnedMEqualsTheFittedSystem() {
        CpuBackend b = CpuBackend.float64();
        Random r = new Random(8);
        int n = 40;
        int d = 4;
        double[][] x = new double[n][d];
        double[][] y = new double[n][2];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = r.nextGaussian();
            }
            y[i][x[i][0] + 0.5 * x[i][2] > 0 ? 0 : 1] = 1;
        }
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i][j] = r.nextGaussian();
            }
        }
        double[][] m = new double[d][d]; // AᵀA: symmetric PSD
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    m[i][j] += a[k][i] * a[k][j];
                }
            }
        }
        Mat xm = Mat.fromRows(x, Precision.FLOAT64);
        Mat mm = Mat.fromRows(m, Precision.FLOAT64);
        org.musicrfm.rfm.backend.KernelSpec spec = org.musicrfm.rfm.backend.KernelSpec.lpq(3.0, 1.5, 1.1);
        var system = b.solve(b.points(xm), Mat.fromRows(y, Precision.FLOAT64), mm, spec, 1e-3);
        Mat q = queries(15, 4).get(0).colSlice(0, d);
        double[] fitted = system.predict(b.points(q)).toRowMajor();
        double[] stored = b.predictor(xm, mm, system.predictor().coefficients(), spec).predict(b.points(q))
                .toRowMajor();
        assertThat(stored).containsExactly(fitted);
        double[] identity = b.predictor(xm, null, system.predictor().coefficients(), spec).predict(b.points(q))
                .toRowMajor();
        assertThat(identity).as("M matters").isNotEqualTo(fitted);
    }

    @Test
    void damagedOrForeignFilesAreRefusedNamingTheFile() throws IOException {
        Path file = tmp.resolve(AggregateProbe.fileName("bits", "bit_class"));
        try (AggregateModel model = fit(2)) {
            AggregateProbe.of(model, List.of("a", "b", "c"), provenance()).write(file);
        }
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = tmp.resolve("truncated" + AggregateProbe.SUFFIX);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> AggregateProbe.load(truncated)).isInstanceOf(IOException.class)
                .hasMessageContaining(truncated.toString());
        Path garbage = tmp.resolve("garbage" + AggregateProbe.SUFFIX);
        Files.writeString(garbage, "not a safetensors file");
        assertThatThrownBy(() -> AggregateProbe.load(garbage)).isInstanceOf(IOException.class)
                .hasMessageContaining(garbage.toString());
        assertThatThrownBy(() -> AggregateProbe.load(tmp.resolve("absent" + AggregateProbe.SUFFIX)))
                .isInstanceOf(IOException.class).hasMessageContaining("absent" + AggregateProbe.SUFFIX);
        assertThatThrownBy(() -> AggregateProbe.of(fit(1), List.of("a", "b"), provenance()))
                .hasMessageContaining("3 outputs for 2 classes");
    }
}
