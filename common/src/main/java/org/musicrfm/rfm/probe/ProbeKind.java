package org.musicrfm.rfm.probe;

import org.musicrfm.rfm.TuningMetric;

/** What a probe predicts, with the paper's default tuning metric. */
public enum ProbeKind {
    /** One output in {0, 1}; tuned on ROC AUC. */
    BINARY(TuningMetric.AUC),
    /** One-hot outputs; tuned on accuracy. */
    MULTICLASS(TuningMetric.ACCURACY),
    /** One z-scored output; tuned on MSE. */
    REGRESSION(TuningMetric.MSE);

    /** The target name of a concept's multiclass probe (one-vs-rest probes are named by their class). */
    public static final String MULTICLASS_TARGET = "*";

    private final TuningMetric defaultMetric;

    ProbeKind(TuningMetric defaultMetric) {
        this.defaultMetric = defaultMetric;
    }

    public TuningMetric defaultMetric() {
        return defaultMetric;
    }
}
