package org.musicrfm.rfm.linear;

import org.musicrfm.rfm.ProbabilityMode;
import org.musicrfm.rfm.TuningMetric;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;
import org.musicrfm.rfm.probe.ProbeKind;
import org.musicrfm.rfm.probe.ProbeScores;
import org.musicrfm.rfm.probe.ProbeTargets;

/**
 * The linear-probe baselines on the RFM probes' splits: ridge regression on the encoded targets
 * (as the RFM's kernel ridge, without a kernel) and logistic regression for classes, each with
 * its regularization chosen on the validation split.
 */
public final class LinearProbes {

    /** A baseline's chosen regularization and its scores. */
    public record Result(String method, double lambda, ProbeScores val, ProbeScores test, double seconds) {}

    /** λ grid used when none is given: 10^-4 … 10^4. */
    public static final double[] DEFAULT_LAMBDAS = {1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1e3, 1e4};

    private LinearProbes() {}

    /** Ridge on the encoded targets; λ by the validation metric (the probe kind's default if null). */
    public static Result ridge(Mat xTrain, Mat xVal, Mat xTest, ProbeTargets t, double[] lambdas, TuningMetric metric,
                               ProbabilityMode mode) {
        long t0 = System.nanoTime();
        TuningMetric m = metric != null ? metric : t.kind().defaultMetric();
        Result best = null;
        for (double lambda : lambdas) {
            LinearModel model = RidgeProbe.fit(xTrain, t.train(), lambda);
            ProbeScores val = ProbeScores.of(t.kind(), model.outputs(xVal), t.val(), mode);
            if (best == null || m.better(val.get(m), best.val().get(m))) {
                ProbeScores test = ProbeScores.of(t.kind(), model.outputs(xTest), t.test(), mode);
                best = new Result("ridge", lambda, val, test, 0);
            }
        }
        return new Result(best.method(), best.lambda(), best.val(), best.test(), (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Logistic regression (binary for two classes, multinomial otherwise) for classification
     * targets; λ (L2 on the standardized weights) by the validation metric.
     */
    public static Result logistic(Mat xTrain, Mat xVal, Mat xTest, ProbeTargets t, double[] lambdas,
                                  TuningMetric metric) {
        if (t.kind() == ProbeKind.REGRESSION) {
            throw new IllegalArgumentException("logistic regression needs class targets, got " + t.kind());
        }
        long t0 = System.nanoTime();
        TuningMetric m = metric != null ? metric : t.kind().defaultMetric();
        int classes = t.train().cols() == 1 ? 2 : t.train().cols();
        int[] labels = org.musicrfm.rfm.ClassProbabilities.labels(t.train(), ProbabilityMode.CLAMP);
        Result best = null;
        for (double lambda : lambdas) {
            LinearModel model = LogisticProbe.fit(xTrain, labels, classes, lambda, LogisticProbe.Options.defaults());
            ProbeScores val = scores(model, xVal, t.val());
            if (best == null || m.better(val.get(m), best.val().get(m))) {
                best = new Result("logistic", lambda, val, scores(model, xTest, t.test()), 0);
            }
        }
        return new Result(best.method(), best.lambda(), best.val(), best.test(), (System.nanoTime() - t0) / 1e9);
    }

    /** Scores of a logistic model: probabilities from its logits, MSE of the probabilities. */
    static ProbeScores scores(LinearModel model, Mat x, Mat targets) {
        double[][] p = probabilities(model.outputs(x));
        Mat asOutputs = Mat.zeros(p.length, targets.cols(), Precision.FLOAT64);
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < targets.cols(); j++) {
                asOutputs.set(i, j, targets.cols() == 1 ? p[i][1] : p[i][j]);
            }
        }
        double mse = TuningMetric.MSE.score(asOutputs, targets, ProbabilityMode.SOFTMAX);
        return ProbeScores.ofProbabilities(p, targets, mse);
    }

    /** Class probabilities from logits: sigmoid of one column, softmax of several. */
    public static double[][] probabilities(Mat logits) {
        int n = logits.rows();
        int c = logits.cols();
        double[][] p = new double[n][c == 1 ? 2 : c];
        for (int i = 0; i < n; i++) {
            if (c == 1) {
                double u = logits.get(i, 0);
                double s = u >= 0 ? 1.0 / (1.0 + Math.exp(-u)) : Math.exp(u) / (1.0 + Math.exp(u));
                p[i][0] = 1.0 - s;
                p[i][1] = s;
            } else {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < c; j++) {
                    max = Math.max(max, logits.get(i, j));
                }
                double sum = 0;
                for (int j = 0; j < c; j++) {
                    p[i][j] = Math.exp(logits.get(i, j) - max);
                    sum += p[i][j];
                }
                for (int j = 0; j < c; j++) {
                    p[i][j] /= sum;
                }
            }
        }
        return p;
    }
}
