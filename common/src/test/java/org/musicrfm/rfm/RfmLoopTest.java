package org.musicrfm.rfm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.musicrfm.Fixtures;
import org.musicrfm.rfm.backend.CpuBackend;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;

/** Loop bookkeeping: early stopping (xRFM's rule) and iteration counting. */
class RfmLoopTest {

    private final Rfm rfm = new Rfm(CpuBackend.float64());

    @Test
    void earlyStoppingStopsAtTheFirstFitWorseThanBestTimesMultiplier() throws IOException {
        Safetensors st = Safetensors.read(Fixtures.rfm().resolve("binary_q1.safetensors"));
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
        Safetensors st = Safetensors.read(Fixtures.rfm().resolve("regression.safetensors"));
        RfmModel m = rfm.fit(st.matrix("X_train", Precision.FLOAT64), st.matrix("y_train", Precision.FLOAT64),
                st.matrix("X_val", Precision.FLOAT64), st.matrix("y_val", Precision.FLOAT64),
                RfmConfig.of(KernelSpec.mahalanobis(20.0, 0.9), 1e-3, 0, false, TuningMetric.R2));
        assertThat(m.bestIter()).isZero();
        assertThat(m.m()).isNull();
        assertThat(m.scores()).hasSize(1);
        assertThat(m.bestScore()).isBetween(0.0, 1.0);
    }
}
