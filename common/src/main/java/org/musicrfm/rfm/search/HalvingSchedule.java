package org.musicrfm.rfm.search;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Successive halving over AGOP iterations: every trial is scored after {@code rungs[0]}
 * iterations (rung 0 = the M = I fit alone), the best max(⌊k/η⌋, keep) of the k trials at a
 * rung go on to the next (all k if fewer), and the last rung is the full iteration count. With
 * {@code ties}, trials whose best score equals the last promoted one's go on as well, so the
 * lowest-numbered of equally scored trials (the exhaustive search's choice) is never cut.
 *
 * @param rungs iteration counts, strictly increasing, from 0
 * @param eta   reduction factor (≥ 1; 1 promotes every trial)
 * @param keep  minimum number of trials promoted at every rung (≥ 1)
 * @param ties  promote trials tied with the last promoted one
 * @param pool  at rung 0 (which every target of a layer reaches with one shared solve), also promote
 *              for each target the trials ranked best by mean rank over all the layer's targets
 */
public record HalvingSchedule(int[] rungs, int eta, int keep, boolean ties, boolean pool) implements Serializable {

    /** Without pooling across targets. */
    public HalvingSchedule(int[] rungs, int eta, int keep, boolean ties) {
        this(rungs, eta, keep, ties, false);
    }

    /** Plain halving: at least one survivor, ties cut by trial number. */
    public HalvingSchedule(int[] rungs, int eta) {
        this(rungs, eta, 1, false);
    }

    public HalvingSchedule {
        if (rungs == null || rungs.length == 0) {
            throw new IllegalArgumentException("halving needs at least one rung");
        }
        rungs = rungs.clone();
        for (int i = 0; i < rungs.length; i++) {
            if (rungs[i] < 0 || (i > 0 && rungs[i] <= rungs[i - 1])) {
                throw new IllegalArgumentException("rungs must be non-negative and strictly increasing, got "
                        + Arrays.toString(rungs));
            }
        }
        if (eta < 1) {
            throw new IllegalArgumentException("reduction factor eta must be >= 1, got " + eta);
        }
        if (keep < 1) {
            throw new IllegalArgumentException("minimum survivors per rung must be >= 1, got " + keep);
        }
    }

    /** This schedule with at least {@code minKeep} survivors per rung and tied trials promoted. */
    public HalvingSchedule withKeep(int minKeep, boolean promoteTies) {
        return new HalvingSchedule(rungs, eta, minKeep, promoteTies, pool);
    }

    /**
     * This schedule with rung 0 pooled across targets or not: pooled, a target's survivors of rung 0 are its
     * own best max(⌊k/η⌋, keep) and the best as many by mean rank over all the layer's targets (trials share
     * hyperparameters, so a trial good for most targets is kept for each).
     */
    public HalvingSchedule withPool(boolean pooled) {
        return new HalvingSchedule(rungs, eta, keep, ties, pooled);
    }

    /**
     * The default: rungs 0, 1, 3, 7 and {@code iters} (rungs not below {@code iters} dropped), η = 2,
     * at least 2 survivors per rung, ties promoted, rung 0 pooled across targets.
     */
    public static HalvingSchedule standard(int iters) {
        return new HalvingSchedule(withLast(new int[] {0, 1, 3, 7}, iters), 2, 2, true, true);
    }

    /** Every trial to the end: one rung. */
    public static HalvingSchedule exhaustive(int iters) {
        return new HalvingSchedule(new int[] {iters}, 1);
    }

    /** Parses "0,1,3,7,15"; the last rung must equal {@code iters}. */
    public static HalvingSchedule parse(String rungs, int eta, int iters) {
        int[] r;
        try {
            r = Arrays.stream(rungs.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rungs '" + rungs + "': expected comma-separated iteration counts");
        }
        HalvingSchedule s = new HalvingSchedule(r, eta);
        s.checkIters(iters);
        return s;
    }

    /** Checks that the last rung is the RFM's iteration count. */
    public void checkIters(int iters) {
        if (rungs[rungs.length - 1] != iters) {
            throw new IllegalArgumentException("the last rung (" + rungs[rungs.length - 1]
                    + ") must equal the RFM iterations (" + iters + ")");
        }
    }

    /** The number of trials promoted from k at one rung, before ties. */
    public int promoted(int k) {
        return Math.min(k, Math.max(keep, k / eta));
    }

    private static int[] withLast(int[] head, int last) {
        return java.util.stream.IntStream.concat(Arrays.stream(head).filter(r -> r < last),
                java.util.stream.IntStream.of(last)).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HalvingSchedule h && Arrays.equals(rungs, h.rungs) && eta == h.eta && keep == h.keep
                && ties == h.ties && pool == h.pool;
    }

    @Override
    public int hashCode() {
        return (((Arrays.hashCode(rungs) * 31 + eta) * 31 + keep) * 2 + (ties ? 1 : 0)) * 2 + (pool ? 1 : 0);
    }

    @Override
    public String toString() {
        return "rungs " + Arrays.toString(rungs) + ", eta " + eta + (keep > 1 ? ", keep " + keep : "")
                + (ties ? ", ties promoted" : "") + (pool ? ", rung 0 pooled" : "");
    }
}
