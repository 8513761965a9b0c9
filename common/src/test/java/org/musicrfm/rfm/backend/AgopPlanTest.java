package org.musicrfm.rfm.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.musicrfm.rfm.linalg.Blas;
import org.musicrfm.rfm.linalg.FlopCounter;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Parallel;
import org.musicrfm.rfm.linalg.Precision;

/**
 * The AGOP formulations: the Gram form against the per-output passes (exact algebra, so float64
 * agrees to rounding), the subsampled AGOP against gradients written out point by point, and the
 * flop counts the backend reports against the formulas.
 */
class AgopPlanTest {

    private static final int N = 60;
    private static final int D = 7;
    private static final int C = 5;
    private final Random rnd = new Random(11);
    private final Mat x = gaussian(N, D);
    private final Mat y = gaussian(N, C);

    private Mat gaussian(int r, int c) {
        Mat m = Mat.zeros(r, c, Precision.FLOAT64);
        for (int k = 0; k < m.size(); k++) {
            m.put(k, rnd.nextGaussian());
        }
        return m;
    }

    private Mat randomM() {
        Mat a = gaussian(D, D);
        Mat m = Blas.mul(true, a, false, a);
        return m.scaleInPlace(1.0 / m.max());
    }

    private static Mat agop(CpuBackend backend, Mat x, Mat y, Mat m, boolean center, AgopPlan plan) {
        KernelSpec spec = KernelSpec.mahalanobis(4.0, 1.2);
        try (KernelSystem sys = backend.solve(backend.points(x), y, m, spec, 1e-2)) {
            return sys.agop(center, plan);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void gramFormEqualsPerOutputPasses(boolean center) {
        CpuBackend f64 = new CpuBackend(Precision.FLOAT64, Parallel.of(2));
        for (Mat m : new Mat[] {null, randomM()}) {
            Mat per = agop(f64, x, y, m, center, AgopPlan.perOutput());
            Mat gram = agop(f64, x, y, m, center, new AgopPlan(AgopPlan.Method.GRAM, 0, 0));
            assertThat(gram.relativeError(per)).isLessThan(1e-12);
            for (int i = 0; i < D; i++) {
                for (int j = 0; j < D; j++) {
                    assertThat(gram.get(i, j)).isEqualTo(gram.get(j, i));
                }
            }
        }
        CpuBackend f32 = new CpuBackend(Precision.FLOAT32, Parallel.of(2));
        Mat ref = agop(f64, x, y, null, center, AgopPlan.perOutput());
        Mat gram32 = agop(f32, x, y, null, center, new AgopPlan(AgopPlan.Method.GRAM, 0, 0));
        Mat per32 = agop(f32, x, y, null, center, AgopPlan.perOutput());
        // float32 rounding of the two forms, against the float64 answer
        assertThat(per32.relativeError(ref)).isLessThan(1e-5);
        assertThat(gram32.relativeError(ref)).isLessThan(1e-5);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void sampledAgopSumsTheGradientsOfTheSampledPoints(boolean center) {
        CpuBackend f64 = new CpuBackend(Precision.FLOAT64, Parallel.of(2));
        Mat m = randomM();
        KernelSpec spec = KernelSpec.mahalanobis(4.0, 1.2);
        AgopPlan plan = AgopPlan.perOutput().withSample(17, 99L);
        int[] rows = plan.rows(N);
        assertThat(rows).hasSize(17).isSorted().doesNotHaveDuplicates();
        assertThat(plan.rows(N)).isEqualTo(rows);
        assertThat(plan.withSample(17, 100L).rows(N)).isNotEqualTo(rows);
        try (KernelSystem sys = f64.solve(f64.points(x), y, m, spec, 1e-2)) {
            Mat alpha = sys.alpha().copy();
            Mat sampled = sys.agop(center, plan);
            // ∇f_l(z_j) = Σ_{i≠j} α_il·W_ij·M(z_j − x_i), W_ij = −(q/L^q)·K_ij·r^{q−2}
            double q = spec.exponent();
            double lq = Math.pow(spec.bandwidth(), q);
            Mat g = Mat.zeros(rows.length * C, D, Precision.FLOAT64);
            for (int r = 0; r < rows.length; r++) {
                int j = rows[r];
                for (int i = 0; i < N; i++) {
                    if (i == j) {
                        continue;
                    }
                    double[] diff = new double[D];
                    for (int k = 0; k < D; k++) {
                        diff[k] = x.get(j, k) - x.get(i, k);
                    }
                    double[] md = new double[D];
                    double r2 = 0;
                    for (int a = 0; a < D; a++) {
                        for (int b = 0; b < D; b++) {
                            md[a] += m.get(a, b) * diff[b];
                        }
                        r2 += diff[a] * md[a];
                    }
                    double dist = Math.sqrt(r2);
                    double kij = Math.exp(-Math.pow(dist, q) / lq);
                    double wij = -(q / lq) * kij * Math.pow(dist, q - 2);
                    for (int l = 0; l < C; l++) {
                        for (int k = 0; k < D; k++) {
                            int row = l * rows.length + r;
                            g.set(row, k, g.get(row, k) + alpha.get(i, l) * wij * md[k]);
                        }
                    }
                }
            }
            if (center) {
                for (int k = 0; k < D; k++) {
                    double mean = 0;
                    for (int r = 0; r < g.rows(); r++) {
                        mean += g.get(r, k);
                    }
                    mean /= g.rows();
                    for (int r = 0; r < g.rows(); r++) {
                        g.set(r, k, g.get(r, k) - mean);
                    }
                }
            }
            assertThat(sampled.relativeError(Blas.mul(true, g, false, g))).isLessThan(1e-10);
        }
    }

    @Test
    void autoPicksTheCheaperFormAndTheCounterSeesIt() {
        assertThat(AgopPlan.auto().useGram(7000, 2048, 12)).isTrue();
        assertThat(AgopPlan.auto().useGram(7000, 2048, 1)).isFalse();
        assertThat(AgopPlan.perOutput().useGram(7000, 2048, 12)).isFalse();
        // n = 7,000, d = 2,048, 12 classes: about 4.5× fewer flops
        assertThat(AgopPlan.perOutputFlops(7000, 2048, 12) / AgopPlan.gramFlops(7000, 2048, 12)).isBetween(4.0, 5.0);

        CpuBackend f64 = new CpuBackend(Precision.FLOAT64, Parallel.of(2));
        int n = 200;
        int d = 30;
        int c = 12;
        Mat xs = gaussian(n, d);
        Mat ys = gaussian(n, c);
        KernelSpec spec = KernelSpec.mahalanobis(5.0, 1.0);
        try (KernelSystem sys = f64.solve(f64.points(xs), ys, null, spec, 1e-1)) {
            long[] counted = new long[2];
            AgopPlan[] plans = {AgopPlan.perOutput(), new AgopPlan(AgopPlan.Method.GRAM, 0, 0)};
            for (int k = 0; k < 2; k++) {
                FlopCounter fc = new FlopCounter();
                try (FlopCounter.Scope s = fc.open()) {
                    sys.agop(false, plans[k]);
                }
                counted[k] = fc.flops();
            }
            assertThat((double) counted[0]).isCloseTo(AgopPlan.perOutputFlops(n, d, c),
                    org.assertj.core.data.Percentage.withPercentage(1));
            assertThat((double) counted[1]).isCloseTo(AgopPlan.gramFlops(n, d, c),
                    org.assertj.core.data.Percentage.withPercentage(3));
        }
    }
}
