package org.musicrfm.rfm.benchmark;

import java.io.Serializable;
import org.musicrfm.rfm.probe.ProbeScores;

/**
 * One method's chosen model at one layer (layer −1: the aggregator over layers).
 *
 * @param params     the chosen hyperparameters, as {@code name=value} pairs
 * @param seconds    wall time of the layer's search
 * @param cpuSeconds process CPU time meanwhile (exact when units run one at a time)
 * @param flops      BLAS/LAPACK flops counted by {@link org.musicrfm.rfm.linalg.FlopCounter} (0 where it does not apply)
 */
public record LayerScore(int layer, ProbeScores val, ProbeScores test, String params, double seconds,
                         double cpuSeconds, long flops) implements Serializable {}
