package org.musicrfm.rfm.search;

/** How a layer's random search spends its compute. */
public enum SearchMode {
    /**
     * Every (target, trial) run on its own to the last iteration, each an independent fit with the
     * per-output AGOP: the exhaustive search, one unit of work per (layer, target). Trial t's
     * hyperparameters are drawn per (concept, layer, trial) as in the other modes, so the three
     * modes search the same candidates and their selections can be compared trial for trial.
     */
    FULL,
    /**
     * {@link #FULL}'s search with the exact sharing: one unit of work per layer, the cheaper exact
     * AGOP; every trial runs to the last iteration (the same selections as full up to rounding).
     */
    SHARED,
    /**
     * Shared draws, the M = I fit of all targets of a trial as one solve, then successive halving
     * over AGOP iterations per target.
     */
    ASHA;

    /** Parses "full", "shared" or "asha". */
    public static SearchMode parse(String s) {
        for (SearchMode m : values()) {
            if (m.name().equalsIgnoreCase(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown search mode '" + s + "': expected full, shared or asha");
    }
}
