package org.musicrfm.rfm;

import org.musicrfm.rfm.linalg.Mat;

/**
 * The validation metric that picks the best RFM iteration. Classification targets are {0,1}
 * (one column) or one-hot; their class is the argmax of their probabilities, as in xRFM.
 */
public enum TuningMetric {
    /** Mean squared error over all outputs (regression; xRFM's default). */
    MSE(false),
    /** Accuracy of the argmax class (multiclass default). */
    ACCURACY(true),
    /** ROC AUC of class 1 for one output, one-vs-rest macro AUC otherwise (binary default). */
    AUC(true),
    /** Mean per-class accuracy (balanced accuracy). */
    MEAN_CLASS_ACCURACY(true),
    /** R² averaged over outputs. */
    R2(true);

    private final boolean maximize;

    TuningMetric(boolean maximize) {
        this.maximize = maximize;
    }

    public boolean maximize() {
        return maximize;
    }

    /** True when {@code a} is strictly better than {@code b}. */
    public boolean better(double a, double b) {
        return maximize ? a > b : a < b;
    }

    /** The worst possible value (the starting point of a search for the best). */
    public double worst() {
        return maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** Scores outputs (n × c) against targets (n × c). */
    public double score(Mat outputs, Mat targets, ProbabilityMode mode) {
        if (outputs.rows() != targets.rows() || outputs.cols() != targets.cols()) {
            throw new IllegalArgumentException("outputs " + outputs.rows() + "x" + outputs.cols() + " vs targets "
                    + targets.rows() + "x" + targets.cols());
        }
        return switch (this) {
            case MSE -> Metrics.mse(outputs.toDoubles(), targets.toDoubles());
            case ACCURACY -> Metrics.accuracy(ClassProbabilities.labels(outputs, mode),
                    ClassProbabilities.labels(targets, ProbabilityMode.CLAMP));
            case MEAN_CLASS_ACCURACY -> Metrics.meanPerClassAccuracy(ClassProbabilities.labels(outputs, mode),
                    ClassProbabilities.labels(targets, ProbabilityMode.CLAMP));
            case AUC -> auc(outputs, targets, mode);
            case R2 -> {
                double sum = 0;
                for (int j = 0; j < outputs.cols(); j++) {
                    sum += Metrics.r2(outputs.colSlice(j, j + 1).toDoubles(), targets.colSlice(j, j + 1).toDoubles());
                }
                yield sum / outputs.cols();
            }
        };
    }

    private static double auc(Mat outputs, Mat targets, ProbabilityMode mode) {
        double[][] p = ClassProbabilities.of(outputs, mode);
        int[] truth = ClassProbabilities.labels(targets, ProbabilityMode.CLAMP);
        if (outputs.cols() == 1) {
            double[] s = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                s[i] = p[i][1];
            }
            return Metrics.rocAuc(s, truth, 1);
        }
        return Metrics.rocAucOneVsRest(p, truth);
    }
}
