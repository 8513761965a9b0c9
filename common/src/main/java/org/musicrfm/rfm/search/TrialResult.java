package org.musicrfm.rfm.search;

import java.io.Serializable;

/**
 * Outcome of one trial: its task (with parameters), the best iteration, validation and test
 * scores of the best fit, the solve paths' fallbacks and the wall time of fit plus scoring.
 *
 * @param fallbackSolves fits whose Cholesky failed (solved by LU or shifted LU instead)
 */
public record TrialResult(ProbeTask task, int bestIter, ProbeScores val, ProbeScores test, int fallbackSolves,
                          double seconds) implements Serializable {}
