package org.musicrfm.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MmdTest {

    static List<Reference> references() {
        return Reference.load();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void matchesNumpy(Reference ref) {
        Mmd.Result median = Mmd.between(ref.x(), ref.y());
        assertThat(median.bandwidth()).isCloseTo(ref.sigmaMedian(), within(1e-12 * ref.sigmaMedian()));
        assertThat(median.mmd2()).isCloseTo(ref.mmd2Median(), within(1e-12));
        assertThat(median.scaled()).isEqualTo(Mmd.SCALE * median.mmd2());
        Mmd.Result fixed = Mmd.between(ref.x(), ref.y(), 2.0);
        assertThat(fixed.bandwidth()).isEqualTo(2.0);
        assertThat(fixed.mmd2()).isCloseTo(ref.mmd2Fixed2(), within(1e-12));
    }

    @Test
    void sameDistributionIsNearZeroAndAPlantedShiftRaisesItMonotonically() {
        Random rng = new Random(11);
        int d = 6;
        double[][] x = FrechetDistanceTest.gaussianRows(rng, 120, d);
        double[][] base = FrechetDistanceTest.gaussianRows(rng, 120, d);
        double[] shifts = {0.0, 0.25, 0.5, 1.0, 2.0};
        double previous = Double.NEGATIVE_INFINITY;
        double sigma = Mmd.between(x, base).bandwidth();
        for (double shift : shifts) {
            double[][] y = new double[base.length][d];
            for (int i = 0; i < y.length; i++) {
                for (int j = 0; j < d; j++) {
                    y[i][j] = base[i][j] + shift;
                }
            }
            double mmd2 = Mmd.between(x, y, sigma).mmd2();
            if (shift == 0.0) {
                // an unbiased estimate around 0: its standard deviation here is of order 1/n
                assertThat(Math.abs(mmd2)).isLessThan(0.01);
            } else {
                assertThat(mmd2).as("shift %s", shift).isGreaterThan(previous).isGreaterThan(0.02);
            }
            previous = mmd2;
        }
    }

    @Test
    void medianOfAnEvenCountAveragesTheMiddlePair() {
        // pairwise distances of 0, 1, 3 on a line: 1, 3, 2 -> median 2; of 0, 1, 3, 7: 1 3 7 2 6 4 -> (3 + 4) / 2
        assertThat(Mmd.medianDistance(new double[][] {{0}, {1}, {3}})).isEqualTo(2.0);
        assertThat(Mmd.medianDistance(new double[][] {{0}, {1}, {3}, {7}})).isEqualTo(3.5);
    }

    @Test
    void identicalPointsHaveNoBandwidth() {
        double[][] x = {{1, 1}, {1, 1}};
        assertThatThrownBy(() -> Mmd.between(x, x)).hasMessageContaining("bandwidth must be a positive number, got 0.0");
        assertThatThrownBy(() -> Mmd.between(x, x, -1)).hasMessageContaining("got -1.0");
    }
}
