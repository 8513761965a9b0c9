package org.musicrfm.rfm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.musicrfm.Fixtures;
import org.musicrfm.rfm.backend.CpuBackend;
import org.musicrfm.rfm.backend.KernelSpec;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;

/** Loop bookkeeping: early stopping (xRFM's rule) and iteration counting. */
class RfmLoopTest {

    private final Rfm rfm = new Rfm(CpuBackend.float64());

    @Test
    void earlyStoppingStopsAtTheFirstFitWorseThanBestTimesMultiplier() throws IOException {
        RfmFixture st = RfmFixture.read(Fixtures.rfm().resolve("binary_q1.safetensors"));
        Mat xTr = st.matrix("X_train", Precision.FLOAT64);
        Mat yTr = st.matrix("y_train", Precision.FLOAT64);
        Mat xVa = st.matrix("X_val", Precision.FLOAT64);
        Mat yVa = st.matrix("y_val", Precision.FLOAT64);
        RfmConfig base = RfmConfig.of(KernelSpec.mahalanobis(10.0, 1.0), 1e-3, 5, false, TuningMetric.MSE);
        RfmModel full = rfm.fit(xTr, yTr, xVa, yVa, base);
        List<Double> s = full.scores();
        assertThat(s).hasSize(6);
        assertThat(full.earlyStopped()).isFalse();

        // the first fit worse than the best so far (multiplier 1) ends the loop, before its M update
        int stopAt = -1;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 5 && stopAt < 0; i++) {
            best = Math.min(best, s.get(i));
            if (s.get(i) > best) {
                stopAt = i;
            }
        }
        assertThat(stopAt).as("fixture has a fit worse than an earlier one").isPositive();
        RfmModel stopped = rfm.fit(xTr, yTr, xVa, yVa, base.withEarlyStop(true, 1.0));
        assertThat(stopped.earlyStopped()).isTrue();
        assertThat(stopped.scores()).containsExactlyElementsOf(s.subList(0, stopAt + 1));
        assertThat(stopped.mHistory()).hasSize(stopAt);
        assertThat(stopped.bestIter()).isEqualTo(full.bestIter());
        assertThat(stopped.bestAgop()).isEqualTo(full.bestAgop());

        // with xRFM's default multiplier 1.1 this run never stops early
        assertThat(rfm.fit(xTr, yTr, xVa, yVa, base.withEarlyStop(true, 1.1)).scores()).hasSize(6);
    }

    @Test
    void zeroIterationsIsPlainKernelRidge() throws IOException {
        RfmFixture st = RfmFixture.read(Fixtures.rfm().resolve("regression.safetensors"));
        RfmModel m = rfm.fit(st.matrix("X_train", Precision.FLOAT64), st.matrix("y_train", Precision.FLOAT64),
                st.matrix("X_val", Precision.FLOAT64), st.matrix("y_val", Precision.FLOAT64),
                RfmConfig.of(KernelSpec.mahalanobis(20.0, 0.9), 1e-3, 0, false, TuningMetric.R2));
        assertThat(m.bestIter()).isZero();
        assertThat(m.m()).isNull();
        assertThat(m.scores()).hasSize(1);
        // the same kernel ridge, written out here: α = (K + reg·I)⁻¹ y, ŷ = K_val α, R² on validation
        double[][] xt = rows(st.matrix("X_train", Precision.FLOAT64));
        double[][] xv = rows(st.matrix("X_val", Precision.FLOAT64));
        double[] y = st.vector("y_train");
        int n = xt.length;
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = laplace(xt[i], xt[j], 20.0, 0.9) + (i == j ? 1e-3 : 0);
            }
            a[i][n] = y[i];
        }
        double[] alpha = gaussJordan(a);
        double[] predicted = new double[xv.length];
        for (int i = 0; i < xv.length; i++) {
            for (int j = 0; j < n; j++) {
                predicted[i] += laplace(xv[i], xt[j], 20.0, 0.9) * alpha[j];
            }
        }
        double want = Metrics.r2(predicted, st.vector("y_val"));
        assertThat(want).as("the fixture is learnable").isGreaterThan(0.1);
        assertThat(m.bestScore()).isCloseTo(want, within(1e-9));
    }

    private static double laplace(double[] x, double[] z, double bandwidth, double q) {
        double d2 = 0;
        for (int k = 0; k < x.length; k++) {
            d2 += (x[k] - z[k]) * (x[k] - z[k]);
        }
        return Math.exp(-Math.pow(Math.sqrt(d2), q) / Math.pow(bandwidth, q));
    }

    private static double[][] rows(Mat m) {
        double[][] r = new double[m.rows()][m.cols()];
        for (int i = 0; i < m.rows(); i++) {
            for (int k = 0; k < m.cols(); k++) {
                r[i][k] = m.get(i, k);
            }
        }
        return r;
    }

    /** Solves the augmented system [A | b] by Gauss–Jordan elimination with partial pivoting. */
    private static double[] gaussJordan(double[][] a) {
        int n = a.length;
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    for (int k = c; k <= n; k++) {
                        a[r][k] -= f * a[c][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = a[i][n] / a[i][i];
        }
        return x;
    }
}
