package org.musicrfm.jobs.train;

import java.util.List;
import org.musicrfm.rfm.search.ConceptProbes;
import org.musicrfm.rfm.search.ProbeTables;
import org.musicrfm.rfm.search.TrialResult;

/**
 * What a run of the {@code train} job produced.
 *
 * @param bestLayer    the layer whose headline probe (multiclass, or regression) scored best on validation
 * @param bestValScore that probe's validation score under its tuning metric
 * @param testScore    the same probe's test score under the same metric
 * @param units        units of work (a layer's probes of one target, or of all targets)
 * @param trained      units trained by this run (the others were reused; 0 when the run did nothing)
 * @param search       the search mode ({@code full}, {@code shared}, {@code asha})
 * @param flops        floating-point operations of the search, counted, summed over every trial of every
 *                     layer and target (reused units included: the compute the output took)
 */
public record TrainJobResult(String output, String concept, List<String> targets, int layers, int trials,
                             int bestLayer, String metric, double bestValScore, double testScore, int units, int trained,
                             boolean skipped, String search, long flops) {

    /** The result of a run into {@code output}: the headline probe's best layer among {@code fits} (of {@code layers}). */
    static TrainJobResult of(String output, TrainJobConfig config, List<String> targets, int layerCount,
                             List<ConceptProbes.Fit> fits, List<Integer> layers, int units, int trained) {
        int best = ProbeTables.best(fits, config.training().headline());
        String search = config.training().search().mode().name().toLowerCase();
        long flops = fits.stream().flatMap(f -> f.trials().stream()).mapToLong(TrialResult::flops).sum();
        if (best < 0) {
            return new TrainJobResult(output, config.concept(), targets, layerCount, config.trials(), -1, null,
                    Double.NaN, Double.NaN, units, trained, false, search, flops);
        }
        ConceptProbes.Fit r = fits.get(best);
        var m = r.kind().defaultMetric();
        return new TrainJobResult(output, config.concept(), targets, layerCount, config.trials(),
                layers.get(best), m.name().toLowerCase(), r.best().val().get(m), r.best().test().get(m), units, trained,
                false, search, flops);
    }

    public TrainJobResult skippedCopy() {
        return new TrainJobResult(output, concept, targets, layers, trials, bestLayer, metric, bestValScore, testScore,
                units, 0, true, search, flops);
    }
}
