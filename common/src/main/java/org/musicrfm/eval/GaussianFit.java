package org.musicrfm.eval;

import org.musicrfm.rfm.linalg.Blas;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;

/**
 * A Gaussian fitted to an embedding set: the sample mean μ and the unbiased sample covariance
 * Σ = (X − 1μᵀ)ᵀ(X − 1μᵀ) / (n − 1) (as {@code numpy.cov(X, rowvar=False)}, which fadtk uses).
 *
 * @param mean       μ, length d
 * @param covariance Σ, d × d, FLOAT64, symmetric
 */
public record GaussianFit(double[] mean, Mat covariance) {

    public GaussianFit {
        if (covariance.rows() != mean.length || covariance.cols() != mean.length) {
            throw new IllegalArgumentException("covariance is " + covariance.rows() + "x" + covariance.cols()
                    + " for a mean of length " + mean.length);
        }
    }

    /** Fits rows (n × d, n ≥ 2). */
    public static GaussianFit of(double[][] rows) {
        int d = Embeddings.check(rows, "embedding set", 2);
        int n = rows.length;
        double[] mu = new double[d];
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                mu[j] += r[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mu[j] /= n;
        }
        Mat centred = Mat.zeros(n, d, Precision.FLOAT64);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                centred.set(i, j, rows[i][j] - mu[j]);
            }
        }
        Mat cov = Mat.zeros(d, d, Precision.FLOAT64);
        Blas.syrkUpperTrans(1.0 / (n - 1), centred, 0.0, cov); // [n, d] -> [d, d]
        cov.symmetrizeFromUpper();
        return new GaussianFit(mu, cov);
    }

    public int dim() {
        return mean.length;
    }
}
