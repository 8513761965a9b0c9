package org.musicrfm.rfm.linear;

import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;

/** Per-feature mean and (population) standard deviation of training rows; constant features get sd 1. */
public record Standardizer(double[] mean, double[] sd) {

    public static Standardizer fit(Mat x) {
        int n = x.rows();
        int d = x.cols();
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int k = 0; k < d; k++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += x.get(i, k);
            }
            mean[k] = s / n;
            double v = 0;
            for (int i = 0; i < n; i++) {
                double e = x.get(i, k) - mean[k];
                v += e * e;
            }
            sd[k] = v > 0 ? Math.sqrt(v / n) : 1.0;
        }
        return new Standardizer(mean, sd);
    }

    /** (x − mean) / sd as a FLOAT64 matrix. */
    public Mat apply(Mat x) {
        if (x.cols() != mean.length) {
            throw new IllegalArgumentException("rows have " + x.cols() + " features, the probe was fit on " + mean.length);
        }
        Mat z = Mat.zeros(x.rows(), x.cols(), Precision.FLOAT64);
        for (int k = 0; k < mean.length; k++) {
            for (int i = 0; i < x.rows(); i++) {
                z.set(i, k, (x.get(i, k) - mean[k]) / sd[k]);
            }
        }
        return z;
    }
}
