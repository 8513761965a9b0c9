package org.musicrfm.rfm;

import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;

/** Target encodings of the paper: binary {0,1}, multiclass one-hot, regression z-scored. */
public final class Targets {

    /** A z-scoring fitted on training targets. */
    public record ZScore(double mean, double std) {
        public Mat apply(double[] y) {
            double[] z = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                z[i] = (y[i] - mean) / std;
            }
            return Mat.column(z, Precision.FLOAT64);
        }

        public double invert(double z) {
            return z * std + mean;
        }
    }

    private Targets() {}

    /** n × 1 column of 1.0 where {@code labels[i] == positive}, else 0.0. */
    public static Mat binary(int[] labels, int positive) {
        double[] y = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            y[i] = labels[i] == positive ? 1.0 : 0.0;
        }
        return Mat.column(y, Precision.FLOAT64);
    }

    /** n × classes one-hot rows. */
    public static Mat oneHot(int[] labels, int classes) {
        Mat y = Mat.zeros(labels.length, classes, Precision.FLOAT64);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " at row " + i + " is outside [0, " + classes + ")");
            }
            y.set(i, labels[i], 1.0);
        }
        return y;
    }

    /** Mean and (population) standard deviation of training targets; std 1 if constant. */
    public static ZScore zScore(double[] train) {
        double mean = 0;
        for (double v : train) {
            mean += v;
        }
        mean /= train.length;
        double var = 0;
        for (double v : train) {
            var += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(var / train.length);
        return new ZScore(mean, std > 0 ? std : 1.0);
    }
}
