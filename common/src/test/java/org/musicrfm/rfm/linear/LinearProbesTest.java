package org.musicrfm.rfm.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.musicrfm.rfm.linalg.Blas;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;
import org.musicrfm.rfm.probe.ProbeTargets;

/** Ridge and logistic baselines against worked examples and their optimality conditions. */
class LinearProbesTest {

    private final Random rnd = new Random(3);

    private Mat gaussian(int r, int c) {
        Mat m = Mat.zeros(r, c, Precision.FLOAT64);
        for (int k = 0; k < m.size(); k++) {
            m.put(k, rnd.nextGaussian());
        }
        return m;
    }

    @Test
    void ridgeOnOneFeature() {
        // x̄ = 2, ȳ = 5/3, Sxy = 1, Sxx = 2, σ² = 2/3: with standardized x the fitted change at
        // x = 3 is Sxy·(x − x̄) / (Sxx + λσ²) = 1 / (2 + 2/3) = 0.375 for λ = 1
        Mat x = Mat.fromRows(new double[][] {{1}, {2}, {3}}, Precision.FLOAT64);
        Mat y = Mat.fromRows(new double[][] {{1}, {2}, {2}}, Precision.FLOAT64);
        Mat out = RidgeProbe.fit(x, y, 1.0).outputs(x);
        assertThat(out.get(2, 0)).isCloseTo(5.0 / 3.0 + 0.375, within(1e-14));
        assertThat(out.get(1, 0)).isCloseTo(5.0 / 3.0, within(1e-14));
        assertThat(out.get(0, 0)).isCloseTo(5.0 / 3.0 - 0.375, within(1e-14));
    }

    @Test
    void ridgeSatisfiesTheNormalEquationsInPrimalAndDualForm() {
        for (int[] shape : new int[][] {{40, 8}, {8, 40}}) {
            Mat x = gaussian(shape[0], shape[1]);
            Mat y = gaussian(shape[0], 2);
            double lambda = 0.7;
            LinearModel m = RidgeProbe.fit(x, y, lambda);
            Mat z = m.scaling().apply(x);
            // Zᵀ(Z·W + b − y) + λW = 0
            Mat resid = m.outputs(x);
            for (int k = 0; k < resid.size(); k++) {
                resid.put(k, resid.at(k) - y.at(k));
            }
            Mat grad = Blas.mul(true, z, false, resid);
            for (int k = 0; k < grad.size(); k++) {
                assertThat(grad.at(k) + lambda * m.weights().at(k)).isCloseTo(0.0, within(1e-10));
            }
            // intercept = mean residual-free: Σ residuals = 0
            for (int j = 0; j < 2; j++) {
                double s = 0;
                for (int i = 0; i < shape[0]; i++) {
                    s += resid.get(i, j);
                }
                assertThat(s).isCloseTo(0.0, within(1e-10));
            }
        }
    }

    @Test
    void binaryLogisticOnTwoPoints() {
        // x = (−1, 1), y = (0, 1): by symmetry b = 0, and ∂/∂w [mean CE + λw²/2] = −σ(−w) + λw = 0
        double lambda = 0.1;
        double lo = 0;
        double hi = 10;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (-1.0 / (1.0 + Math.exp(mid)) + lambda * mid < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Mat x = Mat.fromRows(new double[][] {{-1}, {1}}, Precision.FLOAT64);
        LinearModel m = LogisticProbe.fit(x, new int[] {0, 1}, 2, lambda, LogisticProbe.Options.defaults());
        assertThat(m.weights().get(0, 0)).isCloseTo(lo, within(1e-6));
        assertThat(m.intercept()[0]).isCloseTo(0.0, within(1e-6));
    }

    @Test
    void multinomialGradientMatchesFiniteDifferencesAndVanishesAtTheFit() {
        Mat z = gaussian(30, 4);
        int[] labels = new int[30];
        for (int i = 0; i < 30; i++) {
            labels[i] = Math.floorMod((int) Math.round(2 * z.get(i, 0) + z.get(i, 1)), 3);
        }
        Lbfgs.Objective f = LogisticProbe.multinomial(z, labels, 3, 0.05);
        double[] p = new double[15];
        for (int i = 0; i < p.length; i++) {
            p[i] = 0.3 * rnd.nextGaussian();
        }
        double[] g = new double[15];
        f.valueAndGradient(p, g);
        double h = 1e-6;
        for (int i = 0; i < p.length; i++) {
            double[] a = p.clone();
            double[] b = p.clone();
            a[i] += h;
            b[i] -= h;
            double fd = (f.valueAndGradient(a, new double[15]) - f.valueAndGradient(b, new double[15])) / (2 * h);
            assertThat(g[i]).isCloseTo(fd, within(1e-8));
        }
        // f is O(1), so a gradient much below √ε ≈ 1.5e-8 cannot be resolved in double precision
        Lbfgs.Result r = Lbfgs.minimize(f, new double[15], 10, 1000, 1e-8);
        assertThat(r.gradNorm()).isLessThan(1e-7);
    }

    @Test
    void baselinesScoreSplits() {
        int d = 6;
        Mat[] x = {gaussian(300, d), gaussian(100, d), gaussian(100, d)};
        int[][] labels = new int[3][];
        for (int s = 0; s < 3; s++) {
            labels[s] = new int[x[s].rows()];
            for (int i = 0; i < x[s].rows(); i++) {
                double v = x[s].get(i, 0) - 0.5 * x[s].get(i, 1);
                labels[s][i] = v < -0.5 ? 0 : v < 0.5 ? 1 : 2;
            }
        }
        ProbeTargets multi = ProbeTargets.multiclass(labels[0], labels[1], labels[2], 3);
        LinearProbes.Result lr = LinearProbes.logistic(x[0], x[1], x[2], multi, LinearProbes.DEFAULT_LAMBDAS, null);
        assertThat(lr.test().accuracy()).isGreaterThan(0.85); // linearly separable up to noise-free thresholds
        LinearProbes.Result ridge = LinearProbes.ridge(x[0], x[1], x[2], multi, LinearProbes.DEFAULT_LAMBDAS, null,
                org.musicrfm.rfm.ProbabilityMode.SOFTMAX);
        // λ is the grid's first with the best validation accuracy, and the test accuracy is that fit's, counted here
        double bestVal = -1;
        double wantLambda = Double.NaN;
        double wantTest = Double.NaN;
        for (double lambda : LinearProbes.DEFAULT_LAMBDAS) {
            LinearModel fit = RidgeProbe.fit(x[0], multi.train(), lambda);
            double val = argmaxAccuracy(fit.outputs(x[1]), labels[1]);
            if (val > bestVal) {
                bestVal = val;
                wantLambda = lambda;
                wantTest = argmaxAccuracy(fit.outputs(x[2]), labels[2]);
            }
        }
        assertThat(ridge.lambda()).isEqualTo(wantLambda);
        assertThat(ridge.val().accuracy()).isEqualTo(bestVal);
        assertThat(ridge.test().accuracy()).isEqualTo(wantTest);
        assertThat(wantTest).as("better than the 1/3 of a guess").isGreaterThan(0.5);
        ProbeTargets bin = ProbeTargets.binary(labels[0], labels[1], labels[2], 2);
        assertThat(LinearProbes.logistic(x[0], x[1], x[2], bin, LinearProbes.DEFAULT_LAMBDAS, null).test().auc())
                .isGreaterThan(0.95);
    }

    /** The fraction of rows whose largest output is at the row's label. */
    private static double argmaxAccuracy(Mat outputs, int[] labels) {
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            int arg = 0;
            for (int k = 1; k < outputs.cols(); k++) {
                if (outputs.get(i, k) > outputs.get(i, arg)) {
                    arg = k;
                }
            }
            right += arg == labels[i] ? 1 : 0;
        }
        return right / (double) labels.length;
    }
}
