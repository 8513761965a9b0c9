package org.musicrfm.eval;

import org.musicrfm.rfm.linalg.Blas;
import org.musicrfm.rfm.linalg.Mat;

/**
 * Fréchet distance between the Gaussian fits of two embedding sets (Heusel et al. 2017, FID;
 * Kilgour et al. 2019, FAD):
 * <pre>
 *   FD = ‖μ₁ − μ₂‖² + tr(Σ₁) + tr(Σ₂) − 2·tr((Σ₁^{1/2} Σ₂ Σ₁^{1/2})^{1/2})
 * </pre>
 * The trace term equals tr((Σ₁Σ₂)^{1/2}) of fadtk's {@code scipy.linalg.sqrtm(Σ₁·Σ₂)} but is
 * computed from two symmetric eigendecompositions (LAPACK dsyevd): Σ₁ = V diag(λ) Vᵀ gives
 * Σ₁^{1/2} = V diag(√λ) Vᵀ, and tr((Σ₁^{1/2} Σ₂ Σ₁^{1/2})^{1/2}) = Σ_k √ν_k over the eigenvalues ν
 * of the symmetric positive semi-definite product. Eigenvalues within the decomposition's rounding
 * of zero (|λ| ≤ d·2⁻⁵²·max|λ|, likewise for ν) count as 0, so that a rank-deficient set (n ≤ d)
 * against itself gives 0 rather than d·√rounding; negative ones down to −1e-10·max|λ| count as 0
 * too. If a decomposition gives a more negative or a non-finite eigenvalue, ε = 1e-6 is added to both diagonals and the term recomputed, as fadtk does
 * when {@code sqrtm} returns non-finite values; {@link Result#epsilonAdded} records it.
 */
public final class FrechetDistance {

    /** The diagonal offset of the fallback (fadtk's eps). */
    public static final double EPSILON = 1e-6;

    private static final double NEGATIVE_TOLERANCE = 1e-10;
    private static final double ULP = 0x1p-52;

    private FrechetDistance() {}

    /**
     * @param value        the Fréchet distance (≥ 0 up to rounding)
     * @param traceTerm    tr((Σ₁^{1/2} Σ₂ Σ₁^{1/2})^{1/2})
     * @param epsilonAdded whether the ε fallback was needed
     */
    public record Result(double value, double traceTerm, boolean epsilonAdded) {}

    /** FD between two embedding sets (rows; n ≥ 2 each, same dimension). */
    public static Result between(double[][] x, double[][] y) {
        Embeddings.check(x, "first embedding set", 2);
        Embeddings.check(y, "second embedding set", 2);
        Embeddings.sameDim(x, y);
        return between(GaussianFit.of(x), GaussianFit.of(y));
    }

    /** FD between two Gaussians. */
    public static Result between(GaussianFit a, GaussianFit b) {
        if (a.dim() != b.dim()) {
            throw new IllegalArgumentException("Gaussians differ in dimension: " + a.dim() + " vs " + b.dim());
        }
        int d = a.dim();
        double meanTerm = 0;
        for (int j = 0; j < d; j++) {
            double diff = a.mean()[j] - b.mean()[j];
            meanTerm += diff * diff;
        }
        double traces = trace(a.covariance()) + trace(b.covariance());
        boolean eps = false;
        double cross = traceSqrtProduct(a.covariance(), b.covariance(), 0.0);
        if (Double.isNaN(cross)) {
            eps = true;
            cross = traceSqrtProduct(a.covariance(), b.covariance(), EPSILON);
            if (Double.isNaN(cross)) {
                throw new ArithmeticException("Fréchet distance: covariances of dimension " + d
                        + " are not positive semi-definite even after adding " + EPSILON + " to the diagonal");
            }
        }
        return new Result(meanTerm + traces - 2 * cross, cross, eps);
    }

    /** tr((S₁^{1/2} S₂ S₁^{1/2})^{1/2}) with eps added to both diagonals; NaN when not PSD. */
    static double traceSqrtProduct(Mat s1, Mat s2, double eps) {
        int d = s1.rows();
        Mat v = withDiagonal(s1, eps);
        double[] lambda = Blas.syevd(v); // v now holds the eigenvectors of S₁
        double[] root = clampedRoots(lambda);
        if (root == null) {
            return Double.NaN;
        }
        // S₁^{1/2} = V diag(√λ) Vᵀ
        Mat vs = v.copy();
        for (int k = 0; k < d; k++) {
            for (int i = 0; i < d; i++) {
                vs.set(i, k, vs.get(i, k) * root[k]);
            }
        }
        Mat sqrt1 = Blas.mul(false, vs, true, v);
        Mat s2e = withDiagonal(s2, eps);
        Mat product = Blas.mul(false, Blas.mul(false, sqrt1, false, s2e), false, sqrt1);
        symmetrize(product);
        double[] nu = Blas.syevd(product);
        double[] nuRoot = clampedRoots(nu);
        if (nuRoot == null) {
            return Double.NaN;
        }
        double sum = 0;
        for (double r : nuRoot) {
            sum += r;
        }
        return sum;
    }

    /** √λ with rounding-level λ set to 0, or null when some λ is clearly negative or not finite. */
    private static double[] clampedRoots(double[] lambda) {
        double scale = 0;
        for (double l : lambda) {
            if (!Double.isFinite(l)) {
                return null;
            }
            scale = Math.max(scale, Math.abs(l));
        }
        double zero = lambda.length * ULP * scale;
        double[] out = new double[lambda.length];
        for (int k = 0; k < lambda.length; k++) {
            if (lambda[k] < -NEGATIVE_TOLERANCE * scale) {
                return null;
            }
            out[k] = lambda[k] <= zero ? 0.0 : Math.sqrt(lambda[k]);
        }
        return out;
    }

    private static Mat withDiagonal(Mat s, double eps) {
        Mat c = s.copy();
        for (int i = 0; i < c.rows(); i++) {
            c.set(i, i, c.get(i, i) + eps);
        }
        return c;
    }

    private static void symmetrize(Mat m) {
        int d = m.rows();
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < j; i++) {
                double avg = 0.5 * (m.get(i, j) + m.get(j, i));
                m.set(i, j, avg);
                m.set(j, i, avg);
            }
        }
    }

    private static double trace(Mat m) {
        double t = 0;
        for (int i = 0; i < m.rows(); i++) {
            t += m.get(i, i);
        }
        return t;
    }
}
