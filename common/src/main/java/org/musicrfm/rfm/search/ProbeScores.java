package org.musicrfm.rfm.search;

import java.io.Serializable;
import org.musicrfm.rfm.ClassProbabilities;
import org.musicrfm.rfm.Metrics;
import org.musicrfm.rfm.ProbabilityMode;
import org.musicrfm.rfm.TuningMetric;
import org.musicrfm.rfm.linalg.Mat;

/**
 * Scores of a probe on one split; NaN where a metric does not apply (AUC and accuracies for
 * regression, R² for classes). MSE is over the encoded targets (z-scored for regression).
 */
public record ProbeScores(double auc, double accuracy, double meanClassAccuracy, double mse, double r2)
        implements Serializable {

    /** Scores raw outputs against encoded targets. */
    public static ProbeScores of(ProbeKind kind, Mat outputs, Mat targets, ProbabilityMode mode) {
        double mse = TuningMetric.MSE.score(outputs, targets, mode);
        if (kind == ProbeKind.REGRESSION) {
            return new ProbeScores(Double.NaN, Double.NaN, Double.NaN, mse, TuningMetric.R2.score(outputs, targets, mode));
        }
        int[] truth = ClassProbabilities.labels(targets, ProbabilityMode.CLAMP);
        int[] predicted = ClassProbabilities.labels(outputs, mode);
        return new ProbeScores(TuningMetric.AUC.score(outputs, targets, mode), Metrics.accuracy(predicted, truth),
                Metrics.meanPerClassAccuracy(predicted, truth), mse, Double.NaN);
    }

    /** The value of a tuning metric. */
    public double get(TuningMetric metric) {
        return switch (metric) {
            case AUC -> auc;
            case ACCURACY -> accuracy;
            case MEAN_CLASS_ACCURACY -> meanClassAccuracy;
            case MSE -> mse;
            case R2 -> r2;
        };
    }
}
