package org.musicrfm.rfm.search;

import java.io.Serializable;
import org.musicrfm.rfm.probe.ProbeScores;

/**
 * Outcome of one trial: its task (with parameters), the best iteration, validation and test
 * scores of the best fit, the solve paths' fallbacks and the wall time of fit plus scoring.
 *
 * @param fallbackSolves fits whose Cholesky failed (solved by LU or shifted LU instead)
 * @param stopRung       AGOP iterations the trial ran before it stopped (fits 0 … stopRung were
 *                       made); the full iteration count unless successive halving stopped it
 * @param flops          BLAS/LAPACK flops counted for the trial (its share of work shared with
 *                       other targets included); −1 when not counted
 */
public record TrialResult(ProbeTask task, int bestIter, ProbeScores val, ProbeScores test, int fallbackSolves,
                          double seconds, int stopRung, long flops) implements Serializable {

    /** A trial that ran to the end with no flop count. */
    public TrialResult(ProbeTask task, int bestIter, ProbeScores val, ProbeScores test, int fallbackSolves,
                       double seconds) {
        this(task, bestIter, val, test, fallbackSolves, seconds, -1, -1L);
    }
}
