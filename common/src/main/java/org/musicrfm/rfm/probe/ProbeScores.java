package org.musicrfm.rfm.probe;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.musicrfm.rfm.ClassProbabilities;
import org.musicrfm.rfm.Metrics;
import org.musicrfm.rfm.ProbabilityMode;
import org.musicrfm.rfm.TuningMetric;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.probe.ProbeKind;

/**
 * Scores of a probe on one split; NaN where a metric does not apply (AUC and accuracies for
 * regression, R² for classes). MSE is over the encoded targets (z-scored for regression).
 */
public record ProbeScores(double auc, double accuracy, double meanClassAccuracy, double mse, double r2)
        implements Serializable {

    /** Scores raw RFM outputs against encoded targets (class metrics on their probabilities). */
    public static ProbeScores of(ProbeKind kind, Mat outputs, Mat targets, ProbabilityMode mode) {
        double mse = TuningMetric.MSE.score(outputs, targets, mode);
        if (kind == ProbeKind.REGRESSION) {
            return new ProbeScores(Double.NaN, Double.NaN, Double.NaN, mse, TuningMetric.R2.score(outputs, targets, mode));
        }
        return ofProbabilities(ClassProbabilities.of(outputs, mode), targets, mse);
    }

    /**
     * Class metrics from class probabilities (n × K, K ≥ 2): AUC of class 1 (binary) or
     * one-vs-rest macro AUC, accuracy and mean per-class accuracy of the argmax; {@code mse} as given.
     */
    public static ProbeScores ofProbabilities(double[][] probs, Mat targets, double mse) {
        int[] truth = ClassProbabilities.labels(targets, ProbabilityMode.CLAMP);
        int[] predicted = ClassProbabilities.argmax(probs);
        double auc;
        if (probs[0].length == 2) {
            double[] s = new double[probs.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = probs[i][1];
            }
            auc = Metrics.rocAuc(s, truth, 1);
        } else {
            auc = Metrics.rocAucOneVsRest(probs, truth);
        }
        return new ProbeScores(auc, Metrics.accuracy(predicted, truth), Metrics.meanPerClassAccuracy(predicted, truth),
                mse, Double.NaN);
    }

    /** Metric names in column order: the score columns of tables are {@code <split>_<name>}. */
    public static final List<String> NAMES = List.of("auc", "accuracy", "mean_class_accuracy", "mse", "r2");

    /** The values in {@link #NAMES} order. */
    public List<Double> values() {
        return List.of(auc, accuracy, meanClassAccuracy, mse, r2);
    }

    /** Puts every score into {@code out} as {@code <prefix>_<name>}. */
    public void putInto(Map<String, Double> out, String prefix) {
        List<Double> v = values();
        for (int i = 0; i < NAMES.size(); i++) {
            out.put(prefix + "_" + NAMES.get(i), v.get(i));
        }
    }

    /**
     * The index of the best of {@code scores} under {@code metric} (higher or lower as the metric
     * wants; the first of equal scores), or -1 when there are none: the best layer of a probe.
     */
    public static int best(List<ProbeScores> scores, TuningMetric metric) {
        int best = -1;
        for (int i = 0; i < scores.size(); i++) {
            if (best < 0 || metric.better(scores.get(i).get(metric), scores.get(best).get(metric))) {
                best = i;
            }
        }
        return best;
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
