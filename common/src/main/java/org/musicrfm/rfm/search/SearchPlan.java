package org.musicrfm.rfm.search;

import java.io.Serializable;
import org.musicrfm.rfm.backend.AgopPlan;

/**
 * How the train job searches a layer: the mode, the halving schedule (used by
 * {@link SearchMode#ASHA}) and the AGOP's formulation (shared and halving modes; {@link
 * SearchMode#FULL} keeps the per-output AGOP of every fit).
 *
 * @param agopSample gradients at this many seeded training points per AGOP (0 = all points: exact)
 */
public record SearchPlan(SearchMode mode, HalvingSchedule schedule, AgopPlan.Method agopMethod, int agopSample)
        implements Serializable {

    public SearchPlan {
        if (mode == null || schedule == null || agopMethod == null) {
            throw new IllegalArgumentException("search mode, schedule and AGOP method are required");
        }
        if (agopSample < 0) {
            throw new IllegalArgumentException("AGOP sample must be >= 0, got " + agopSample);
        }
    }

    /** The exhaustive search: independent fits per target, per-output AGOP. */
    public static SearchPlan full(int iters) {
        return new SearchPlan(SearchMode.FULL, HalvingSchedule.exhaustive(iters), AgopPlan.Method.PER_OUTPUT, 0);
    }

    /** Shared draws, every trial to the end, the cheaper exact AGOP. */
    public static SearchPlan shared(int iters) {
        return new SearchPlan(SearchMode.SHARED, HalvingSchedule.exhaustive(iters), AgopPlan.Method.AUTO, 0);
    }

    /** Shared draws with the standard halving schedule and the cheaper exact AGOP. */
    public static SearchPlan asha(int iters) {
        return new SearchPlan(SearchMode.ASHA, HalvingSchedule.standard(iters), AgopPlan.Method.AUTO, 0);
    }

    /** The schedule a layer search follows: the plan's for halving, all trials to the end otherwise. */
    public HalvingSchedule effectiveSchedule(int iters) {
        return mode == SearchMode.ASHA ? schedule : HalvingSchedule.exhaustive(iters);
    }

    /** The plan in words for provenance, e.g. "asha: rungs [0, 1, 3, 7, 15], eta 2, …; AGOP AUTO, all points". */
    public String describe() {
        String agop = "AGOP " + agopMethod + ", " + (agopSample == 0 ? "all points" : agopSample + " points");
        return mode.name().toLowerCase() + ": " + (mode == SearchMode.ASHA ? schedule + "; " : "") + agop;
    }

    /** Whether the targets of a layer are searched together (one unit of work per layer). */
    public boolean sharesTargets() {
        return mode != SearchMode.FULL;
    }
}
