package org.musicrfm.jobs.train;

import java.io.Serializable;
import org.musicrfm.eval.ProbeTraining;
import org.musicrfm.rfm.search.SearchPlan;

/**
 * What the {@code train} job fits.
 *
 * @param activations   the extract job's output folder (holding {@code activations/})
 * @param concept       the concept partition to train on (e.g. {@code notes})
 * @param label         label column to predict (default: the SynTheory concept's probed label)
 * @param regression    true for a regression probe (tempo); else one-vs-rest probes per class plus a multiclass probe
 * @param trials        random-search trials per (target, layer)
 * @param iters         RFM iterations per fit
 * @param directions    eigenvectors kept per (target, layer)
 * @param splitSeed     seed of the 70/15/15 split (by clip id)
 * @param searchSeed    base seed of the trials' hyperparameters
 * @param driverSide    run every unit on the driver (small problems) instead of fanning out
 * @param float64       fit in double precision (default float32)
 * @param search        how each layer is searched: the original per-target search ({@code full}),
 *                      shared draws ({@code shared}) or shared draws with successive halving ({@code asha})
 * @param saveProbes    which headline probes to persist: {@code best} (default), {@code all} or {@code none}
 */
public record TrainJobConfig(String activations, String concept, String label, boolean regression, String pooling,
                             int trials, int iters, int directions, long splitSeed, long searchSeed, String output,
                             boolean driverSide, boolean float64, SearchPlan search, String saveProbes)
        implements Serializable {

    public TrainJobConfig {
        if (trials <= 0 || iters < 0 || directions <= 0) {
            throw new IllegalArgumentException("trials and directions must be positive and iters non-negative");
        }
        if (search == null) {
            search = SearchPlan.full(iters);
        }
        search.effectiveSchedule(iters).checkIters(iters);
        saveProbes = org.musicrfm.eval.SaveProbes.parse(saveProbes == null ? "best" : saveProbes).name().toLowerCase();
    }

    /** The options that change the probes (every field but paths, placement and which probes are kept). */
    public ProbeTraining training() {
        return new ProbeTraining(concept, label, regression, pooling, trials, iters, directions, splitSeed, searchSeed,
                float64, search);
    }

    /** The original exhaustive per-target search, persisting the best layer's probe. */
    public TrainJobConfig(String activations, String concept, String label, boolean regression, String pooling,
                          int trials, int iters, int directions, long splitSeed, long searchSeed, String output,
                          boolean driverSide, boolean float64) {
        this(activations, concept, label, regression, pooling, trials, iters, directions, splitSeed, searchSeed, output,
                driverSide, float64, null, "best");
    }
}
