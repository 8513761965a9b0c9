package org.musicrfm.rfm.search;

/** How a layer's random search spends its compute. */
public enum SearchMode {
    /**
     * Every (target, trial) drawn and run on its own to the last iteration: the original search,
     * with per-target hyperparameter draws.
     */
    FULL,
    /**
     * Hyperparameters drawn per (concept, layer, trial) and shared by the layer's targets; every
     * trial runs to the last iteration (the exhaustive reference for {@link #ASHA}).
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
