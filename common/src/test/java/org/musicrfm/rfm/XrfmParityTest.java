package org.musicrfm.rfm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.musicrfm.Fixtures;
import org.musicrfm.rfm.backend.CpuBackend;
import org.musicrfm.rfm.backend.KernelSpec;
import org.musicrfm.rfm.backend.RfmBackend;
import org.musicrfm.rfm.torch.TorchBackend;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;

/**
 * Parity with the public xRFM (fixtures/rfm-xrfm, float64 references): M after every iteration,
 * the best iteration (exact), test predictions, the best model's AGOP and its top eigenvector.
 * Errors are ‖port − ref‖_F / ‖ref‖_F over whole arrays. Both backends run: native BLAS/LAPACK,
 * and libtorch through DJL (on the CPU here; the same code runs on a GPU).
 */
class XrfmParityTest {

    private static final Map<Precision, TorchBackend> TORCH = new EnumMap<>(Precision.class);

    @AfterAll
    static void closeTorch() {
        TORCH.values().forEach(TorchBackend::close);
    }

    private static RfmBackend backend(String kind, Precision precision) {
        return kind.equals("cpu")
                ? new CpuBackend(precision, org.musicrfm.rfm.linalg.Parallel.shared())
                : TORCH.computeIfAbsent(precision, p -> new TorchBackend(p, ai.djl.Device.cpu()));
    }

    @ParameterizedTest
    @CsvSource({
        "cpu, binary_q1, FLOAT64, 1e-7",
        "cpu, binary_q1.2_centered, FLOAT64, 1e-7",
        "cpu, multiclass4, FLOAT64, 1e-7",
        "cpu, regression, FLOAT64, 1e-7",
        "cpu, binary_q1, FLOAT32, 2e-3",
        "cpu, binary_q1.2_centered, FLOAT32, 2e-3",
        "cpu, multiclass4, FLOAT32, 2e-3",
        "cpu, regression, FLOAT32, 2e-3",
        "torch, binary_q1, FLOAT64, 1e-7",
        "torch, binary_q1.2_centered, FLOAT64, 1e-7",
        "torch, multiclass4, FLOAT64, 1e-7",
        "torch, regression, FLOAT64, 1e-7",
        "torch, binary_q1, FLOAT32, 2e-3",
        "torch, binary_q1.2_centered, FLOAT32, 2e-3",
        "torch, multiclass4, FLOAT32, 2e-3",
        "torch, regression, FLOAT32, 2e-3",
    })
    void matchesXrfm(String backendKind, String name, Precision precision, double tol) throws IOException {
        Path file = Fixtures.rfm().resolve(name + ".safetensors");
        RfmFixture st = RfmFixture.read(file);
        int iters = Integer.parseInt(st.meta("iters"));
        TuningMetric metric = switch (st.meta("metric")) {
            case "mse" -> TuningMetric.MSE;
            case "accuracy" -> TuningMetric.ACCURACY;
            default -> throw new IllegalArgumentException(file + ": unknown metric " + st.meta("metric"));
        };
        RfmConfig config = RfmConfig.of(
                        KernelSpec.mahalanobis(Double.parseDouble(st.meta("bandwidth")), Double.parseDouble(st.meta("exponent"))),
                        Double.parseDouble(st.meta("reg")), iters, Boolean.parseBoolean(st.meta("center_grads").toLowerCase()),
                        metric)
                .withProbabilityMode(ProbabilityMode.CLAMP); // xRFM's accuracy argmaxes clamped probabilities

        Rfm rfm = new Rfm(backend(backendKind, precision));
        RfmModel model = rfm.fit(st.matrix("X_train", precision), st.matrix("y_train", Precision.FLOAT64),
                st.matrix("X_val", precision), st.matrix("y_val", Precision.FLOAT64), config);

        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "%s %s %s:", backendKind, name, precision));
        double worstM = 0;
        for (int i = 0; i < iters; i++) {
            double e = model.mHistory().get(i).relativeError(st.matrix("M_after_iter." + i, Precision.FLOAT64));
            worstM = Math.max(worstM, e);
            report.append(String.format(Locale.ROOT, " M%d %.2e", i, e));
        }
        double pred = model.predict(st.matrix("X_test", precision)).relativeError(st.matrix("pred_test", Precision.FLOAT64));
        double agop = model.bestAgop().relativeError(st.matrix("agop_best_model", Precision.FLOAT64));
        Directions dirs = ConceptDirections.compute(model, 5, st.matrix("X_train", Precision.FLOAT64),
                st.meta("task").equals("multiclass") ? null : st.vector("y_train"));
        double[] ref = st.vector("top_eigenvector");
        double cos = Math.abs(cosine(dirs.direction(0), ref));
        double eig = Mat.column(dirs.eigenvalues(), Precision.FLOAT64)
                .relativeError(st.matrix("top_eigenvalues", Precision.FLOAT64));
        report.append(String.format(Locale.ROOT, " | best_iter %d (ref %s) | pred %.2e | agop %.2e | eigvals %.2e | 1-|cos| %.2e",
                model.bestIter(), st.meta("best_iter"), pred, agop, eig, 1 - cos));
        System.out.println(report);

        assertThat(model.bestIter()).isEqualTo(Integer.parseInt(st.meta("best_iter")));
        assertThat(worstM).isLessThan(tol);
        assertThat(pred).isLessThan(tol);
        assertThat(agop).isLessThan(tol);
        assertThat(eig).isLessThan(tol);
        assertThat(cos).isGreaterThan(0.999);
        if (!st.meta("task").equals("multiclass")) {
            assertThat(cosine(dirs.direction(0), ref)).as("sign fixed by Pearson correlation").isPositive();
        }
    }

    private static double cosine(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }
}
