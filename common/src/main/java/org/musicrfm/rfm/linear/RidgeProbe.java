package org.musicrfm.rfm.linear;

import org.musicrfm.rfm.linalg.Blas;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;

/**
 * Linear ridge regression on standardized features with an unpenalized intercept, in closed
 * form: W = (ZᵀZ + λI)⁻¹Zᵀ(y − ȳ) with Z the centred standardized features, through the d×d
 * system when n ≥ d and the equal n×n dual W = Zᵀ(ZZᵀ + λI)⁻¹(y − ȳ) otherwise.
 */
public final class RidgeProbe {

    private RidgeProbe() {}

    public static LinearModel fit(Mat x, Mat y, double lambda) {
        if (x.rows() != y.rows()) {
            throw new IllegalArgumentException(x.rows() + " rows of features but " + y.rows() + " of targets");
        }
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("ridge lambda must be > 0, got " + lambda);
        }
        Standardizer s = Standardizer.fit(x);
        Mat z = s.apply(x); // standardized, so already centred
        int n = z.rows();
        int d = z.cols();
        int c = y.cols();
        double[] yMean = new double[c];
        Mat yc = y.to(Precision.FLOAT64);
        for (int j = 0; j < c; j++) {
            for (int i = 0; i < n; i++) {
                yMean[j] += yc.get(i, j) / n;
            }
            for (int i = 0; i < n; i++) {
                yc.set(i, j, yc.get(i, j) - yMean[j]);
            }
        }
        Mat w;
        if (n >= d) {
            Mat a = Mat.zeros(d, d, Precision.FLOAT64);
            Blas.syrkUpperTrans(1.0, z, 0.0, a);
            addToDiagonal(a, lambda);
            a.symmetrizeFromUpper();
            w = Blas.mul(true, z, false, yc);
            solveSpd(a, w);
        } else {
            Mat a = Mat.zeros(n, n, Precision.FLOAT64);
            Blas.syrkUpper(1.0, z, 0.0, a);
            addToDiagonal(a, lambda);
            a.symmetrizeFromUpper();
            Mat beta = yc.copy();
            solveSpd(a, beta);
            w = Blas.mul(true, z, false, beta);
        }
        return new LinearModel(s, w, yMean);
    }

    private static void addToDiagonal(Mat a, double v) {
        for (int i = 0; i < a.rows(); i++) {
            a.set(i, i, a.get(i, i) + v);
        }
    }

    private static void solveSpd(Mat a, Mat b) {
        int info = Blas.potrfLower(a);
        if (info != 0) {
            throw new ArithmeticException("ridge system not positive definite (leading minor " + info + ")");
        }
        Blas.potrsLower(a, b);
    }
}
