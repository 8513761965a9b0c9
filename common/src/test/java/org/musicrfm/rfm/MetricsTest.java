package org.musicrfm.rfm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;

/** Metrics against values worked out by hand. */
class MetricsTest {

    @Test
    void aucWithoutTies() {
        // pairs (pos, neg): (0.35, 0.1) ✓ (0.35, 0.4) ✗ (0.8, 0.1) ✓ (0.8, 0.4) ✓ → 3/4
        assertThat(Metrics.rocAuc(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1}, 1)).isEqualTo(0.75);
    }

    @Test
    void aucCountsTiesAsHalf() {
        // pos 0.5 vs negs 0.5, 0.5 → ½ + ½; pos 0.9 vs both → 2; (1 + 2) / 4
        assertThat(Metrics.rocAuc(new double[] {0.5, 0.5, 0.5, 0.9}, new int[] {0, 1, 0, 1}, 1)).isEqualTo(0.75);
        assertThat(Metrics.rocAuc(new double[] {3, 3, 3, 3, 3}, new int[] {0, 1, 0, 1, 1}, 1)).isEqualTo(0.5);
        // pos {2, 1}, neg {1, 0}: (2>1) (2>0) (1=1 → ½) (1>0) → 3.5 / 4
        assertThat(Metrics.rocAuc(new double[] {2, 1, 1, 0}, new int[] {1, 1, 0, 0}, 1)).isEqualTo(0.875);
    }

    @Test
    void aucIsNanWithOneClass() {
        assertThat(Metrics.rocAuc(new double[] {0.1, 0.2}, new int[] {1, 1}, 1)).isNaN();
    }

    @Test
    void oneVsRestAucAveragesPresentClasses() {
        double[][] p = {{0.8, 0.1, 0.1}, {0.2, 0.7, 0.1}, {0.3, 0.3, 0.4}, {0.5, 0.4, 0.1}};
        int[] y = {0, 1, 2, 1};
        // class 0 scores .8 .2 .3 .5, positive {.8}: beats all 3 → 1
        // class 1 scores .1 .7 .3 .4, positives {.7, .4} vs negatives {.1, .3}: 4/4 → 1
        // class 2 scores .1 .1 .4 .1, positive {.4} beats all → 1
        assertThat(Metrics.rocAucOneVsRest(p, y)).isEqualTo(1.0);
        double[][] q = {{0.6, 0.4}, {0.6, 0.4}, {0.2, 0.8}};
        // class 0: pos {.6 (row 0)} vs neg {.6, .2}: ½ + 1 → .75 ; class 1: pos {.4, .8} vs neg {.4}: ½ + 1 → .75
        assertThat(Metrics.rocAucOneVsRest(q, new int[] {0, 1, 1})).isEqualTo(0.75);
    }

    @Test
    void accuracies() {
        assertThat(Metrics.accuracy(new int[] {0, 1, 2, 2}, new int[] {0, 1, 1, 2})).isEqualTo(0.75);
        // class 0: 2 of 3; class 1: 1 of 1 → (2/3 + 1) / 2
        assertThat(Metrics.meanPerClassAccuracy(new int[] {0, 0, 1, 1}, new int[] {0, 0, 0, 1}))
                .isCloseTo(5.0 / 6.0, within(1e-15));
        // class 2 absent from the truth does not count
        assertThat(Metrics.meanPerClassAccuracy(new int[] {2, 1}, new int[] {0, 1})).isEqualTo(0.5);
    }

    @Test
    void regressionMetrics() {
        assertThat(Metrics.mse(new double[] {1, 2, 3}, new double[] {1, 1, 1})).isCloseTo(5.0 / 3.0, within(1e-15));
        // ss_res = 1, ss_tot = 2
        assertThat(Metrics.r2(new double[] {1, 2, 2}, new double[] {1, 2, 3})).isEqualTo(0.5);
        assertThat(Metrics.r2(new double[] {2, 2, 2}, new double[] {1, 2, 3})).isEqualTo(0.0);
        assertThat(Metrics.pearson(new double[] {1, 2, 3}, new double[] {2, 4, 7})).isCloseTo(
                // Σ(a−ā)(b−b̄) = 5, Σ(a−ā)² = 2, Σ(b−b̄)² = 38/3
                5.0 / Math.sqrt(2.0 * 38.0 / 3.0), within(1e-15));
    }

    @Test
    void clampedProbabilitiesTieLikeXrfm() {
        Mat out = Mat.fromRows(new double[][] {{1.1, 1.2, 0.0}, {0.2, 0.5, 0.3}}, Precision.FLOAT64);
        // both of the first row's leading outputs clamp to 0.999: the first index wins the tie
        assertThat(ClassProbabilities.labels(out, ProbabilityMode.CLAMP)).containsExactly(0, 1);
        assertThat(ClassProbabilities.labels(out, ProbabilityMode.SOFTMAX)).containsExactly(1, 1);
        double[][] p = ClassProbabilities.of(Mat.fromRows(new double[][] {{0.3}}, Precision.FLOAT64), ProbabilityMode.CLAMP);
        assertThat(p[0]).containsExactly(0.7, 0.3);
        double[][] s = ClassProbabilities.of(Mat.fromRows(new double[][] {{0.0, Math.log(3)}}, Precision.FLOAT64),
                ProbabilityMode.SOFTMAX);
        assertThat(s[0][0]).isCloseTo(0.25, within(1e-15));
        assertThat(s[0][1]).isCloseTo(0.75, within(1e-15));
    }

    @Test
    void tuningMetricsScoreOutputs() {
        Mat targets = Mat.fromRows(new double[][] {{0}, {1}, {1}, {0}}, Precision.FLOAT64);
        Mat outputs = Mat.fromRows(new double[][] {{0.2}, {0.9}, {0.4}, {0.6}}, Precision.FLOAT64);
        // threshold at 0.5: predictions 0 1 0 1 → accuracy ½; AUC: pos {.9, .4} vs neg {.2, .6} → 3/4
        assertThat(TuningMetric.ACCURACY.score(outputs, targets, ProbabilityMode.SOFTMAX)).isEqualTo(0.5);
        assertThat(TuningMetric.AUC.score(outputs, targets, ProbabilityMode.SOFTMAX)).isEqualTo(0.75);
        // MSE: (.04 + .01 + .36 + .36) / 4
        assertThat(TuningMetric.MSE.score(outputs, targets, ProbabilityMode.SOFTMAX)).isCloseTo(0.1925, within(1e-15));
        assertThat(TuningMetric.MSE.better(0.1, 0.2)).isTrue();
        assertThat(TuningMetric.AUC.better(0.1, 0.2)).isFalse();
    }
}
