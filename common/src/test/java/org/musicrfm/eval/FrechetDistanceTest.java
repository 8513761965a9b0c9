package org.musicrfm.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;

class FrechetDistanceTest {

    static List<Reference> references() {
        return Reference.load();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void matchesScipySqrtm(Reference ref) {
        FrechetDistance.Result r = FrechetDistance.between(ref.x(), ref.y());
        assertThat(r.value()).isCloseTo(ref.fd(), within(1e-9 * Math.max(1, ref.fd())));
        assertThat(r.epsilonAdded()).isFalse();
    }

    @Test
    void aSetAgainstItselfIsZero() {
        Random rng = new Random(7);
        double[][] full = gaussianRows(rng, 100, 8);
        double[][] rankDeficient = gaussianRows(rng, 5, 10); // n < d: a singular covariance
        assertThat(FrechetDistance.between(full, full).value()).isCloseTo(0.0, within(1e-9));
        assertThat(FrechetDistance.between(rankDeficient, rankDeficient).value()).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void diagonalGaussiansHaveTheClosedForm() {
        // FD = |μ1 − μ2|² + Σ (√a − √b)² for diagonal covariances
        GaussianFit a = new GaussianFit(new double[] {0, 1, 2}, diag(4, 9, 1));
        GaussianFit b = new GaussianFit(new double[] {1, 1, 0}, diag(1, 4, 16));
        double expected = (1 + 0 + 4) + (1 + 1 + 9);
        assertThat(FrechetDistance.between(a, b).value()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void commutingRotatedCovariancesHaveTheClosedForm() {
        // Σ1 = R diag(4, 1) Rᵀ, Σ2 = R diag(1, 9) Rᵀ: FD = (2 − 1)² + (1 − 3)² = 5 (equal means)
        double c = Math.cos(0.3);
        double s = Math.sin(0.3);
        Mat r = Mat.fromRows(new double[][] {{c, -s}, {s, c}}, Precision.FLOAT64);
        GaussianFit a = new GaussianFit(new double[2], rotate(r, diag(4, 1)));
        GaussianFit b = new GaussianFit(new double[2], rotate(r, diag(1, 9)));
        assertThat(FrechetDistance.between(a, b).value()).isCloseTo(5.0, within(1e-12));
    }

    @Test
    void identityAgainstAFullCovariance() {
        // Σ1 = I: the trace term is tr(Σ2^{1/2}) = Σ √eig(Σ2); Σ2 = [[2, 1], [1, 2]] has eigenvalues 3, 1
        GaussianFit a = new GaussianFit(new double[2], diag(1, 1));
        GaussianFit b = new GaussianFit(new double[2], Mat.fromRows(new double[][] {{2, 1}, {1, 2}}, Precision.FLOAT64));
        double expected = 2 + 4 - 2 * (Math.sqrt(3) + 1);
        assertThat(FrechetDistance.between(a, b).value()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void singularCovariancesNeedNoEpsilon() {
        // Σ1 = diag(1, 0), Σ2 = diag(0, 1): the product is 0, FD = 1 + 1
        FrechetDistance.Result r = FrechetDistance.between(new GaussianFit(new double[2], diag(1, 0)),
                new GaussianFit(new double[2], diag(0, 1)));
        assertThat(r.value()).isCloseTo(2.0, within(1e-12));
        assertThat(r.epsilonAdded()).isFalse();
    }

    @Test
    void aSlightlyIndefiniteCovarianceTakesTheEpsilonFallback() {
        GaussianFit a = new GaussianFit(new double[2], diag(1, -1e-7));
        GaussianFit b = new GaussianFit(new double[2], diag(4, 1));
        FrechetDistance.Result r = FrechetDistance.between(a, b);
        assertThat(r.epsilonAdded()).isTrue();
        // trace term with ε: √((1+ε)(4+ε)) + √((−1e-7+ε)(1+ε))
        double eps = FrechetDistance.EPSILON;
        double cross = Math.sqrt((1 + eps) * (4 + eps)) + Math.sqrt((eps - 1e-7) * (1 + eps));
        assertThat(r.traceTerm()).isCloseTo(cross, within(1e-12));
        assertThat(r.value()).isCloseTo(1 - 1e-7 + 5 - 2 * cross, within(1e-12));
    }

    @Test
    void anIndefiniteCovarianceIsRefused() {
        GaussianFit a = new GaussianFit(new double[2], diag(1, -1));
        assertThatThrownBy(() -> FrechetDistance.between(a, a)).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("not positive semi-definite");
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> FrechetDistance.between(new double[][] {{1, 2}, {3, 4}}, new double[][] {{1}, {2}}))
                .hasMessageContaining("dimension: 2 vs 1");
        assertThatThrownBy(() -> FrechetDistance.between(new double[][] {{1, 2}}, new double[][] {{1, 2}, {2, 3}}))
                .hasMessageContaining("first embedding set has 1 rows");
        assertThatThrownBy(() -> FrechetDistance.between(new double[][] {{1, Double.NaN}, {1, 2}},
                new double[][] {{1, 2}, {2, 3}})).hasMessageContaining("entry (0, 1) is NaN");
    }

    static double[][] gaussianRows(Random rng, int n, int d) {
        double[][] x = new double[n][d];
        for (double[] r : x) {
            for (int j = 0; j < d; j++) {
                r[j] = rng.nextGaussian();
            }
        }
        return x;
    }

    private static Mat diag(double... v) {
        Mat m = Mat.zeros(v.length, v.length, Precision.FLOAT64);
        for (int i = 0; i < v.length; i++) {
            m.set(i, i, v[i]);
        }
        return m;
    }

    private static Mat rotate(Mat r, Mat d) {
        return org.musicrfm.rfm.linalg.Blas.mul(false, org.musicrfm.rfm.linalg.Blas.mul(false, r, false, d), true, r);
    }
}
