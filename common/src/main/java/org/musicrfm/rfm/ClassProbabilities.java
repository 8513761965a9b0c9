package org.musicrfm.rfm;

import org.musicrfm.rfm.linalg.Mat;

/** Converts RFM outputs (n × c) to class probabilities and hard labels. */
public final class ClassProbabilities {

    /** Clamping bound of {@link ProbabilityMode#CLAMP}. */
    public static final double CLAMP_EPS = 1e-3;

    private ClassProbabilities() {}

    /** n × K probabilities: K = 2 for a single output (read as [1 − f, f]), else K = c. */
    public static double[][] of(Mat outputs, ProbabilityMode mode) {
        int n = outputs.rows();
        int c = outputs.cols();
        int k = c == 1 ? 2 : c;
        double[][] p = new double[n][k];
        for (int i = 0; i < n; i++) {
            double[] row = p[i];
            if (c == 1) {
                double f = outputs.get(i, 0);
                row[0] = 1.0 - f;
                row[1] = f;
            } else {
                for (int j = 0; j < c; j++) {
                    row[j] = outputs.get(i, j);
                }
            }
            if (mode == ProbabilityMode.SOFTMAX) {
                softmaxInPlace(row);
            } else {
                clampInPlace(row);
            }
        }
        return p;
    }

    /** Index of the largest value in each row; ties go to the first (as torch.argmax). */
    public static int[] argmax(double[][] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int best = 0;
            for (int j = 1; j < rows[i].length; j++) {
                if (rows[i][j] > rows[i][best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** Hard labels of outputs under a probability mode. */
    public static int[] labels(Mat outputs, ProbabilityMode mode) {
        return argmax(of(outputs, mode));
    }

    private static void softmaxInPlace(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        double sum = 0;
        for (int j = 0; j < v.length; j++) {
            v[j] = Math.exp(v[j] - max);
            sum += v[j];
        }
        for (int j = 0; j < v.length; j++) {
            v[j] /= sum;
        }
    }

    private static void clampInPlace(double[] v) {
        double sum = 0;
        for (int j = 0; j < v.length; j++) {
            v[j] = Math.min(Math.max(v[j], CLAMP_EPS), 1.0 - CLAMP_EPS);
            sum += v[j];
        }
        for (int j = 0; j < v.length; j++) {
            v[j] /= sum;
        }
    }
}
