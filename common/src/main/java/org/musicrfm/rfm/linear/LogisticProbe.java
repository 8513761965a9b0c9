package org.musicrfm.rfm.linear;

import org.musicrfm.rfm.linalg.Blas;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;

/**
 * L2-regularized logistic regression on standardized features, minimized by L-BFGS:
 * binary (sigmoid, one weight vector) for two classes, multinomial (softmax) otherwise.
 * Objective: mean cross-entropy + (λ/2)·‖W‖²; intercepts are not penalized.
 */
public final class LogisticProbe {

    /** Solver limits. */
    public record Options(int maxIterations, double gradientTolerance) {
        public static Options defaults() {
            return new Options(1000, 1e-7);
        }
    }

    private LogisticProbe() {}

    /** Fits classes {@code labels[i] ∈ [0, classes)}; the model's outputs are logits. */
    public static LinearModel fit(Mat x, int[] labels, int classes, double lambda, Options options) {
        if (x.rows() != labels.length) {
            throw new IllegalArgumentException(x.rows() + " rows of features but " + labels.length + " labels");
        }
        if (classes < 2) {
            throw new IllegalArgumentException("need at least 2 classes, got " + classes);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " at row " + i + " outside [0, " + classes + ")");
            }
        }
        Standardizer s = Standardizer.fit(x);
        Mat z = s.apply(x);
        int d = z.cols();
        int k = classes == 2 ? 1 : classes;
        Lbfgs.Objective f = classes == 2 ? binary(z, labels, lambda) : multinomial(z, labels, k, lambda);
        Lbfgs.Result r = Lbfgs.minimize(f, new double[(d + 1) * k], 10, options.maxIterations(),
                options.gradientTolerance());
        Mat w = Mat.zeros(d, k, Precision.FLOAT64);
        double[] b = new double[k];
        unpack(r.w(), d, k, w, b);
        return new LinearModel(s, w, b);
    }

    /** Parameters are packed as W (column-major d×k) followed by b (k). */
    private static void unpack(double[] p, int d, int k, Mat w, double[] b) {
        System.arraycopy(p, 0, w.f64(), 0, d * k);
        System.arraycopy(p, d * k, b, 0, k);
    }

    static Lbfgs.Objective binary(Mat z, int[] labels, double lambda) {
        int n = z.rows();
        int d = z.cols();
        return (p, g) -> {
            Mat w = Mat.wrap(d, 1, java.util.Arrays.copyOf(p, d));
            double b = p[d];
            Mat t = Blas.mul(false, z, false, w); // [n, 1] logits
            double loss = 0;
            Mat resid = Mat.zeros(n, 1, Precision.FLOAT64);
            double gb = 0;
            for (int i = 0; i < n; i++) {
                double u = t.get(i, 0) + b;
                // log(1 + e^u) − y·u, stably
                loss += (u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u))) - (labels[i] == 1 ? u : 0);
                double pr = u >= 0 ? 1.0 / (1.0 + Math.exp(-u)) : Math.exp(u) / (1.0 + Math.exp(u));
                double r = (pr - (labels[i] == 1 ? 1 : 0)) / n;
                resid.set(i, 0, r);
                gb += r;
            }
            Mat gw = Blas.mul(true, z, false, resid);
            double pen = 0;
            for (int k = 0; k < d; k++) {
                g[k] = gw.get(k, 0) + lambda * p[k];
                pen += p[k] * p[k];
            }
            g[d] = gb;
            return loss / n + 0.5 * lambda * pen;
        };
    }

    static Lbfgs.Objective multinomial(Mat z, int[] labels, int k, double lambda) {
        int n = z.rows();
        int d = z.cols();
        return (p, g) -> {
            Mat w = Mat.wrap(d, k, java.util.Arrays.copyOf(p, d * k));
            Mat t = Blas.mul(false, z, false, w); // [n, k] logits
            Mat resid = Mat.zeros(n, k, Precision.FLOAT64);
            double loss = 0;
            double[] gb = new double[k];
            double[] row = new double[k];
            for (int i = 0; i < n; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    row[j] = t.get(i, j) + p[d * k + j];
                    max = Math.max(max, row[j]);
                }
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    sum += Math.exp(row[j] - max);
                }
                double logZ = max + Math.log(sum);
                loss += logZ - row[labels[i]];
                for (int j = 0; j < k; j++) {
                    double r = (Math.exp(row[j] - logZ) - (labels[i] == j ? 1 : 0)) / n;
                    resid.set(i, j, r);
                    gb[j] += r;
                }
            }
            Mat gw = Blas.mul(true, z, false, resid);
            double pen = 0;
            for (int q = 0; q < d * k; q++) {
                g[q] = gw.at(q) + lambda * p[q];
                pen += p[q] * p[q];
            }
            System.arraycopy(gb, 0, g, d * k, k);
            return loss / n + 0.5 * lambda * pen;
        };
    }
}
