package org.musicrfm.features;

import java.util.SplittableRandom;

/**
 * A fixed seeded random map from z-scored descriptors to d dimensions: x = R·z / √k with R
 * Gaussian (d × k), or with {@code relu} the random features max(0, R·z/√k + b), b ~ N(0, 1).
 * Column statistics for the z-score are passed in (computed on the training clips by the caller).
 */
public record RandomLift(int inDim, int outDim, long seed, boolean relu) {

    public RandomLift {
        if (inDim <= 0 || outDim <= 0) {
            throw new IllegalArgumentException("lift dimensions must be positive, got " + inDim + " -> " + outDim);
        }
    }

    /** Rows of descriptors [n][k] to rows of lifted features [n][d], z-scored with {@code mean}, {@code sd}. */
    public float[][] apply(double[][] descriptors, double[] mean, double[] sd) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] w = new double[outDim][inDim];
        double[] bias = new double[outDim];
        double scale = 1.0 / Math.sqrt(inDim);
        for (int o = 0; o < outDim; o++) {
            for (int i = 0; i < inDim; i++) {
                w[o][i] = gaussian(r) * scale;
            }
            bias[o] = relu ? gaussian(r) : 0.0;
        }
        float[][] out = new float[descriptors.length][outDim];
        for (int n = 0; n < descriptors.length; n++) {
            if (descriptors[n].length != inDim) {
                throw new IllegalArgumentException("descriptor " + n + " has " + descriptors[n].length
                        + " entries, expected " + inDim);
            }
            double[] z = new double[inDim];
            for (int i = 0; i < inDim; i++) {
                z[i] = sd[i] > 0 ? (descriptors[n][i] - mean[i]) / sd[i] : 0.0;
            }
            for (int o = 0; o < outDim; o++) {
                double s = bias[o];
                for (int i = 0; i < inDim; i++) {
                    s += w[o][i] * z[i];
                }
                out[n][o] = (float) (relu ? Math.max(0, s) : s);
            }
        }
        return out;
    }

    private static double gaussian(SplittableRandom r) { // Box–Muller
        double u = 1.0 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
