package org.musicrfm.rfm.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.musicrfm.rfm.linalg.Blas;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Parallel;
import org.musicrfm.rfm.linalg.Precision;

/**
 * The CPU kernel systems against a direct, pair-by-pair computation: K from explicit differences,
 * α from (K + reg·I)α = y, predictions, and AGOP gradients by central finite differences of the
 * kernel (so the closed-form gradients are checked, not just re-evaluated).
 */
class CpuKernelSystemTest {

    private static final int N = 40;
    private static final int D = 5;
    private static final int C = 2;
    private final Random rnd = new Random(7);
    private final Mat x = gaussian(N, D);
    private final Mat y = gaussian(N, C);
    private final Mat q = gaussian(9, D);
    private final CpuBackend backend = new CpuBackend(Precision.FLOAT64, Parallel.of(2));

    private Mat gaussian(int r, int c) {
        Mat m = Mat.zeros(r, c, Precision.FLOAT64);
        for (int k = 0; k < m.size(); k++) {
            m.put(k, rnd.nextGaussian());
        }
        return m;
    }

    /** A PSD matrix with largest entry 1, like an RFM M. */
    private Mat randomM() {
        Mat a = gaussian(D, D);
        Mat m = Blas.mul(true, a, false, a);
        return m.scaleInPlace(1.0 / m.max());
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] row(Mat m, int i) {
        double[] r = new double[m.cols()];
        for (int j = 0; j < r.length; j++) {
            r[j] = m.get(i, j);
        }
        return r;
    }

    /** k(a, b) computed from the explicit difference a − b. */
    private static BiFunction<double[], double[], Double> directKernel(KernelSpec spec, Mat m) {
        return (a, b) -> {
            double[] r = new double[a.length];
            for (int k = 0; k < r.length; k++) {
                r[k] = a[k] - b[k];
            }
            double dist;
            if (spec.type() == KernelSpec.Type.LPQ) {
                double[] t = r;
                if (m != null) {
                    Mat s = CpuLpqSystem.sqrtPsd(m);
                    t = new double[r.length];
                    for (int i = 0; i < r.length; i++) {
                        for (int k = 0; k < r.length; k++) {
                            t[i] += s.get(i, k) * r[k];
                        }
                    }
                }
                double sum = 0;
                for (double v : t) {
                    sum += Math.pow(Math.abs(v), spec.p());
                }
                dist = Math.pow(sum, 1.0 / spec.p());
            } else {
                double s = 0;
                for (int i = 0; i < r.length; i++) {
                    if (m == null) {
                        s += r[i] * r[i];
                    } else if (m.cols() == 1) {
                        s += r[i] * m.get(i, 0) * r[i];
                    } else {
                        for (int k = 0; k < r.length; k++) {
                            s += r[i] * m.get(i, k) * r[k];
                        }
                    }
                }
                dist = Math.sqrt(s);
            }
            return Math.exp(-Math.pow(dist, spec.exponent()) / Math.pow(spec.bandwidth(), spec.exponent()));
        };
    }

    private void checkAgainstDirect(KernelSpec spec, Mat m, boolean center, double agopTol) {
        double reg = 1e-2;
        BiFunction<double[], double[], Double> k = directKernel(spec, m);
        try (KernelSystem sys = backend.solve(backend.points(x), y, m, spec, reg)) {
            assertThat(sys.report().method()).isEqualTo(SolveReport.Method.CHOLESKY);
            Mat alpha = sys.alpha();
            // (K + reg·I)·α = y
            for (int i = 0; i < N; i++) {
                for (int l = 0; l < C; l++) {
                    double s = reg * alpha.get(i, l);
                    for (int j = 0; j < N; j++) {
                        s += k.apply(row(x, i), row(x, j)) * alpha.get(j, l);
                    }
                    assertThat(s).isCloseTo(y.get(i, l), org.assertj.core.data.Offset.offset(1e-9));
                }
            }
            Mat pred = sys.predictor().predict(backend.points(q));
            for (int a = 0; a < q.rows(); a++) {
                for (int l = 0; l < C; l++) {
                    double s = 0;
                    for (int j = 0; j < N; j++) {
                        s += k.apply(row(q, a), row(x, j)) * alpha.get(j, l);
                    }
                    assertThat(pred.get(a, l)).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-10));
                }
            }
            // gradients at training points, self-pairs excluded, by central differences
            Mat grads = Mat.zeros(N * C, D, Precision.FLOAT64);
            double h = spec.type() == KernelSpec.Type.LPQ && spec.p() < 2.0 ? 1e-7 : 1e-5; // |t|^p, p < 2, is rough near 0
            for (int j = 0; j < N; j++) {
                for (int dim = 0; dim < D; dim++) {
                    double[] zp = row(x, j);
                    double[] zm = row(x, j);
                    zp[dim] += h;
                    zm[dim] -= h;
                    for (int i = 0; i < N; i++) {
                        if (i == j) {
                            continue;
                        }
                        double dk = (k.apply(row(x, i), zp) - k.apply(row(x, i), zm)) / (2 * h);
                        for (int l = 0; l < C; l++) {
                            grads.set(l * N + j, dim, grads.get(l * N + j, dim) + alpha.get(i, l) * dk);
                        }
                    }
                }
            }
            if (center) {
                for (int dim = 0; dim < D; dim++) {
                    double mean = 0;
                    for (int r = 0; r < N * C; r++) {
                        mean += grads.get(r, dim);
                    }
                    mean /= N * C;
                    for (int r = 0; r < N * C; r++) {
                        grads.set(r, dim, grads.get(r, dim) - mean);
                    }
                }
            }
            Mat expected = Blas.mul(true, grads, false, grads);
            Mat agop = sys.agop(center);
            if (m != null && m.cols() == 1) {
                Mat diag = Mat.zeros(D, 1, Precision.FLOAT64);
                for (int i = 0; i < D; i++) {
                    diag.set(i, 0, expected.get(i, i));
                }
                expected = diag;
            }
            assertThat(agop.relativeError(expected)).isLessThan(agopTol);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void mahalanobisFullM(boolean center) {
        checkAgainstDirect(KernelSpec.mahalanobis(3.0, 1.0), randomM(), center, 1e-8);
        checkAgainstDirect(KernelSpec.mahalanobis(2.0, 1.3), randomM(), center, 1e-8);
    }

    @Test
    void mahalanobisIdentityAndDiagonalM() {
        checkAgainstDirect(KernelSpec.mahalanobis(3.0, 0.8), null, false, 1e-8);
        Mat diag = Mat.zeros(D, 1, Precision.FLOAT64);
        for (int i = 0; i < D; i++) {
            diag.set(i, 0, 0.2 + 0.8 * i / (D - 1.0));
        }
        checkAgainstDirect(KernelSpec.mahalanobisDiagonal(2.5, 1.1), diag, true, 1e-8);
    }

    @Test
    void lpqKernel() {
        checkAgainstDirect(KernelSpec.lpq(3.0, 1.5, 0.9), null, false, 1e-7);
        checkAgainstDirect(KernelSpec.lpq(3.0, 1.0, 1.0), randomM(), true, 1e-7);
        checkAgainstDirect(KernelSpec.lpq(2.0, 2.0, 1.2), randomM(), false, 1e-7);
    }

    @Test
    void cachedIdentityDistancesGiveIdenticalResults() {
        for (Precision p : Precision.values()) {
            CpuBackend b = new CpuBackend(p, Parallel.of(2));
            KernelSpec spec = KernelSpec.mahalanobis(4.0, 1.1);
            Points train = b.points(x);
            Points query = b.points(q);
            Mat fresh;
            Mat freshPred;
            try (KernelSystem s = b.solve(train, y, null, spec, 1e-3)) {
                fresh = s.agop(true);
                freshPred = s.predictor().predict(query);
            }
            train.cacheIdentityDistances(train);
            query.cacheIdentityDistances(train);
            try (KernelSystem s = b.solve(train, y, null, spec, 1e-3)) {
                assertThat(s.agop(true)).isEqualTo(fresh);
                assertThat(s.predictor().predict(query)).isEqualTo(freshPred);
            }
        }
    }

    @Test
    void duplicatePointsWithoutRidgeFallBackToTheGershgorinShift() {
        Mat dup = Mat.zeros(N, D, Precision.FLOAT64);
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < D; k++) {
                dup.set(i, k, x.get(i / 2, k)); // every point twice: K is exactly singular
            }
        }
        try (KernelSystem s = backend.solve(backend.points(dup), y, null, KernelSpec.mahalanobis(3.0, 1.0), 0.0)) {
            assertThat(s.report().method()).isEqualTo(SolveReport.Method.SHIFTED_LU);
            // shift = 1% of the largest absolute row sum of K
            double maxRowSum = 0;
            BiFunction<double[], double[], Double> k = directKernel(KernelSpec.mahalanobis(3.0, 1.0), null);
            for (int i = 0; i < N; i++) {
                double sum = 0;
                for (int j = 0; j < N; j++) {
                    sum += k.apply(row(dup, i), row(dup, j));
                }
                maxRowSum = Math.max(maxRowSum, sum);
            }
            assertThat(s.report().shift()).isCloseTo(0.01 * maxRowSum, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void indefiniteMatrixIsSolvedByLu() {
        // [[1, 2], [2, 1]] is symmetric, nonsingular and indefinite: Cholesky fails, LU solves.
        Mat packed = Mat.fromRows(new double[][] {{1, 0}, {2, 1}}, Precision.FLOAT64);
        Mat rhs = Mat.fromRows(new double[][] {{3}, {3}}, Precision.FLOAT64);
        CpuSolver.Solution s = CpuSolver.solve(packed, rhs,
                () -> Mat.fromRows(new double[][] {{1, 2}, {2, 1}}, Precision.FLOAT64));
        assertThat(s.report().method()).isEqualTo(SolveReport.Method.LU);
        assertThat(s.alpha().get(0, 0)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(s.alpha().get(1, 0)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-15));
    }
}
