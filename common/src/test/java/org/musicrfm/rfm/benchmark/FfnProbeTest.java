package org.musicrfm.rfm.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;
import org.musicrfm.rfm.probe.ProbeTargets;

/** SynTheory's FFN probe trained with DJL: learns planted classes and a planted slope, identically under a seed. */
class FfnProbeTest {

    static final int D = 16;

    /** n points of N(0, 1) noise with class c's signal +3 on coordinate c (c = i mod 3); rows from {@code from}. */
    static Mat points(int from, int n) {
        double[][] x = new double[n][D];
        for (int i = 0; i < n; i++) {
            SplittableRandom r = new SplittableRandom(1000 + from + i);
            for (int j = 0; j < D; j++) {
                x[i][j] = r.nextGaussian();
            }
            x[i][(from + i) % 3] += 3;
        }
        return Mat.fromRows(x, Precision.FLOAT32);
    }

    static int[] labels(int from, int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = (from + i) % 3;
        }
        return y;
    }

    static FfnConfig quick() {
        return FfnConfig.syntheory().withMaxEpochs(30);
    }

    @Test
    void learnsPlantedClassesAndIsDeterministicUnderASeed() {
        ProbeTargets t = ProbeTargets.multiclass(labels(0, 120), labels(120, 30), labels(150, 30), 3);
        FfnProbe.Result a = FfnProbe.fit(points(0, 120), points(120, 30), points(150, 30), t, quick(), 5L);
        FfnProbe.Result b = FfnProbe.fit(points(0, 120), points(120, 30), points(150, 30), t, quick(), 5L);
        // chance is 1/3; the planted signal (3 standard deviations) is nearly separable
        assertThat(a.test().accuracy()).isGreaterThanOrEqualTo(0.9);
        assertThat(b.val()).isEqualTo(a.val());
        assertThat(b.test()).isEqualTo(a.test());
        assertThat(b.steps()).isEqualTo(a.steps());
        // 30 epochs of min(64, 120)-clip batches: steps while step·64/120 <= 30
        assertThat(a.steps()).isEqualTo(57);
        FfnProbe.Result c = FfnProbe.fit(points(0, 120), points(120, 30), points(150, 30), t, quick(), 6L);
        assertThat(c.test().mse()).isNotEqualTo(a.test().mse());
    }

    @Test
    void regressesAPlantedSlopeScoredOnZScoredTargets() {
        double[][] y = new double[3][];
        Mat[] x = new Mat[3];
        int[][] parts = {{0, 150}, {150, 40}, {190, 40}};
        for (int p = 0; p < 3; p++) {
            x[p] = points(parts[p][0], parts[p][1]);
            y[p] = new double[parts[p][1]];
            for (int i = 0; i < y[p].length; i++) {
                y[p][i] = 120 + 20 * x[p].get(i, 5); // bpm-like target, linear in coordinate 5
            }
        }
        ProbeTargets t = ProbeTargets.regression(y[0], y[1], y[2]);
        // without dropout (SynTheory's 0.5 on the one informative input caps R² near 0.75), 100 epochs
        FfnConfig noDropout = new FfnConfig(512, true, 64, 1e-3, 0.0, 0.0, 100, 8, 256);
        FfnProbe.Result r = FfnProbe.fit(x[0], x[1], x[2], t, noDropout, 1L);
        assertThat(r.test().r2()).isGreaterThan(0.8);
        assertThat(r.test().accuracy()).isNaN();
    }

    @Test
    void oneVsRestTargetsAreRefused() {
        ProbeTargets t = ProbeTargets.binary(labels(0, 6), labels(6, 3), labels(9, 3), 1);
        assertThatThrownBy(() -> FfnProbe.fit(points(0, 6), points(6, 3), points(9, 3), t, quick(), 0L))
                .hasMessageContaining("multiclass or regression");
    }

    @Test
    void theGridDrawIsSeededAndStaysOnSynTheorysGrid() {
        FfnConfig a = FfnConfig.syntheory().sample(42L);
        assertThat(FfnConfig.syntheory().sample(42L)).isEqualTo(a);
        for (long s = 0; s < 50; s++) {
            FfnConfig c = FfnConfig.syntheory().sample(s);
            assertThat(c.hidden()).isIn(0, 512);
            assertThat(c.batchSize()).isIn(64, 256);
            assertThat(c.learningRate()).isIn(1e-5, 1e-4, 1e-3);
            assertThat(c.dropout()).isIn(0.25, 0.5, 0.75);
            assertThat(c.weightDecay()).isIn(0.0, 1e-4, 1e-3);
            assertThat(c.maxEpochs()).isEqualTo(100);
        }
    }
}
