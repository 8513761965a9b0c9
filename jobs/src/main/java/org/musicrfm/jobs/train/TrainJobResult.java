package org.musicrfm.jobs.train;

import java.util.List;

/**
 * What a run of the {@code train} job produced.
 *
 * @param bestLayer    the layer whose headline probe (multiclass, or regression) scored best on validation
 * @param bestValScore that probe's validation score under its tuning metric
 * @param testScore    the same probe's test score under the same metric
 */
public record TrainJobResult(String output, String concept, List<String> targets, int layers, int trials,
                             int bestLayer, String metric, double bestValScore, double testScore, boolean skipped) {

    public TrainJobResult skippedCopy() {
        return new TrainJobResult(output, concept, targets, layers, trials, bestLayer, metric, bestValScore, testScore,
                true);
    }
}
