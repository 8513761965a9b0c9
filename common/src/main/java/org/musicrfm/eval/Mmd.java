package org.musicrfm.eval;

import java.util.Arrays;

/**
 * Squared maximum mean discrepancy between two embedding sets, unbiased estimator (Gretton et al.
 * 2012, eq. 3) with a Gaussian kernel k(a, b) = exp(−‖a − b‖² / (2σ²)):
 * <pre>
 *   MMD²_u = Σ_{i≠j} k(xᵢ,xⱼ) / (m(m−1)) + Σ_{i≠j} k(yᵢ,yⱼ) / (n(n−1)) − 2 Σ_{i,j} k(xᵢ,yⱼ) / (mn)
 * </pre>
 * It can be slightly negative when the sets come from one distribution. The bandwidth σ is, by
 * default, the median of the pairwise Euclidean distances of the pooled set x ∪ y (the median
 * heuristic; the lower median of an even count is averaged with the upper as NumPy does), or a
 * fixed value. As in the Kernel Audio Distance (Chung et al. 2025, kadtk) the reported score is
 * {@link #SCALE} · MMD²_u; {@link Result#mmd2} keeps the unscaled estimate.
 */
public final class Mmd {

    /** The factor between {@link Result#scaled} and MMD²_u (kadtk's SCALE_FACTOR). */
    public static final double SCALE = 100.0;

    private Mmd() {}

    /**
     * @param mmd2      the unbiased MMD² estimate
     * @param scaled    {@link #SCALE} · mmd2 (the kernel-audio-distance convention)
     * @param bandwidth σ used
     */
    public record Result(double mmd2, double scaled, double bandwidth) {}

    /** MMD² with the median-heuristic bandwidth of the pooled set. */
    public static Result between(double[][] x, double[][] y) {
        return between(x, y, Double.NaN);
    }

    /** MMD² with a fixed bandwidth σ &gt; 0 (NaN: the median heuristic). */
    public static Result between(double[][] x, double[][] y, double bandwidth) {
        Embeddings.check(x, "first embedding set", 2);
        Embeddings.check(y, "second embedding set", 2);
        Embeddings.sameDim(x, y);
        double sigma = Double.isNaN(bandwidth) ? medianDistance(pooled(x, y)) : bandwidth;
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("MMD bandwidth must be a positive number, got " + sigma
                    + (Double.isNaN(bandwidth) ? " (median pairwise distance: are all points equal?)" : ""));
        }
        double gamma = 1.0 / (2 * sigma * sigma);
        double kxx = offDiagonalMean(x, gamma);
        double kyy = offDiagonalMean(y, gamma);
        double kxy = 0;
        for (double[] a : x) {
            for (double[] b : y) {
                kxy += Math.exp(-gamma * squaredDistance(a, b));
            }
        }
        kxy /= (double) x.length * y.length;
        double mmd2 = kxx + kyy - 2 * kxy;
        return new Result(mmd2, SCALE * mmd2, sigma);
    }

    /** Median of the pairwise Euclidean distances ‖rᵢ − rⱼ‖, i &lt; j. */
    public static double medianDistance(double[][] rows) {
        int n = rows.length;
        double[] d = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                d[k++] = Math.sqrt(squaredDistance(rows[i], rows[j]));
            }
        }
        Arrays.sort(d);
        int h = d.length / 2;
        return d.length % 2 == 1 ? d[h] : 0.5 * (d[h - 1] + d[h]);
    }

    private static double offDiagonalMean(double[][] x, double gamma) {
        int m = x.length;
        double sum = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                sum += Math.exp(-gamma * squaredDistance(x[i], x[j]));
            }
        }
        return 2 * sum / ((double) m * (m - 1));
    }

    private static double[][] pooled(double[][] x, double[][] y) {
        double[][] all = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, all, x.length, y.length);
        return all;
    }

    static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double t = a[j] - b[j];
            s += t * t;
        }
        return s;
    }
}
