package org.musicrfm.jobs.train;

import java.util.List;

/**
 * What a run of the {@code train} job produced.
 *
 * @param bestLayer    the layer whose headline probe (multiclass, or regression) scored best on validation
 * @param bestValScore that probe's validation score under its tuning metric
 * @param testScore    the same probe's test score under the same metric
 * @param units        units of work (a layer's probes of one target, or of all targets)
 * @param trained      units trained by this run (the others were reused; 0 when the run did nothing)
 */
public record TrainJobResult(String output, String concept, List<String> targets, int layers, int trials,
                             int bestLayer, String metric, double bestValScore, double testScore, int units, int trained,
                             boolean skipped) {

    public TrainJobResult skippedCopy() {
        return new TrainJobResult(output, concept, targets, layers, trials, bestLayer, metric, bestValScore, testScore,
                units, 0, true);
    }
}
