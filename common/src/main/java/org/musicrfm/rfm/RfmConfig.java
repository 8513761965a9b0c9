package org.musicrfm.rfm;

import org.musicrfm.rfm.backend.KernelSpec;

/**
 * Settings of one RFM fit.
 *
 * @param kernel              kernel and its bandwidth/exponent (and M's shape)
 * @param reg                 ridge added to the kernel diagonal (not scaled by n)
 * @param iters               AGOP iterations; the loop makes {@code iters} fits plus one final fit
 * @param centerGrads         subtract the mean gradient before forming the AGOP
 * @param metric              validation metric that picks the best fit
 * @param earlyStop           stop when the metric is worse than the best by {@code earlyStopMultiplier}
 * @param earlyStopMultiplier xRFM's factor (1.1): stop if metric &gt; best·m (minimized) or &lt; best/m
 * @param probabilityMode     how outputs become class probabilities (for metrics and callers)
 * @param keepHistory         keep M after every iteration
 * @param bestAgop            compute the (max-normalized) AGOP of the best model, for directions
 */
public record RfmConfig(KernelSpec kernel, double reg, int iters, boolean centerGrads, TuningMetric metric,
                        boolean earlyStop, double earlyStopMultiplier, ProbabilityMode probabilityMode,
                        boolean keepHistory, boolean bestAgop) {

    public RfmConfig {
        if (kernel == null || metric == null || probabilityMode == null) {
            throw new IllegalArgumentException("kernel, metric and probabilityMode are required");
        }
        if (!(reg >= 0) || !Double.isFinite(reg)) {
            throw new IllegalArgumentException("reg must be finite and >= 0, got " + reg);
        }
        if (iters < 0) {
            throw new IllegalArgumentException("iters must be >= 0, got " + iters);
        }
        if (!(earlyStopMultiplier >= 1.0)) {
            throw new IllegalArgumentException("earlyStopMultiplier must be >= 1, got " + earlyStopMultiplier);
        }
    }

    /** No early stopping, softmax probabilities, history and best AGOP kept. */
    public static RfmConfig of(KernelSpec kernel, double reg, int iters, boolean centerGrads, TuningMetric metric) {
        return new RfmConfig(kernel, reg, iters, centerGrads, metric, false, 1.1, ProbabilityMode.SOFTMAX, true, true);
    }

    public RfmConfig withEarlyStop(boolean on, double multiplier) {
        return new RfmConfig(kernel, reg, iters, centerGrads, metric, on, multiplier, probabilityMode, keepHistory, bestAgop);
    }

    public RfmConfig withProbabilityMode(ProbabilityMode mode) {
        return new RfmConfig(kernel, reg, iters, centerGrads, metric, earlyStop, earlyStopMultiplier, mode, keepHistory, bestAgop);
    }

    public RfmConfig withHistory(boolean keep) {
        return new RfmConfig(kernel, reg, iters, centerGrads, metric, earlyStop, earlyStopMultiplier, probabilityMode, keep, bestAgop);
    }

    public RfmConfig withBestAgop(boolean compute) {
        return new RfmConfig(kernel, reg, iters, centerGrads, metric, earlyStop, earlyStopMultiplier, probabilityMode, keepHistory, compute);
    }
}
