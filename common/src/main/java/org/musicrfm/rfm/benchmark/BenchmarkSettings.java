package org.musicrfm.rfm.benchmark;

import java.io.Serializable;
import java.util.Locale;

/**
 * What every method of the benchmark shares.
 *
 * @param trials            the search budget of every method: RFM trials per layer, aggregator trials,
 *                          λ values of the linear probe (log-spaced over 1e-4 … 1e4), FFN
 *                          configurations per layer (SynTheory's first, then draws from its grid)
 * @param iters             RFM iterations per fit (probes and aggregator)
 * @param directions        k: AGOP eigenvectors per layer the aggregator projects on
 * @param topLayers         K: layers the aggregator keeps by validation score; 0 keeps all
 * @param seed              base seed of every method's search
 * @param float64           fit the per-layer RFMs in double precision (default float32)
 * @param ffn               the FFN's stopping rules and SynTheory's configuration (its first trial)
 * @param regressionMetric  {@code r2} (SynTheory tempo) or {@code nmse} (MusicBench tempo: MSE of the
 *                          targets z-scored with the training mean and deviation)
 */
public record BenchmarkSettings(int trials, int iters, int directions, int topLayers, long seed, boolean float64,
                                FfnConfig ffn, String regressionMetric) implements Serializable {

    public BenchmarkSettings {
        if (trials < 1 || iters < 0 || directions < 1 || topLayers < 0) {
            throw new IllegalArgumentException("trials and directions must be positive, iters and top layers >= 0");
        }
        if (ffn == null) {
            ffn = FfnConfig.syntheory();
        }
        regressionMetric = regressionMetric == null ? "r2" : regressionMetric.toLowerCase(Locale.ROOT);
        if (!regressionMetric.equals("r2") && !regressionMetric.equals("nmse")) {
            throw new IllegalArgumentException("regression metric must be r2 or nmse, got '" + regressionMetric + "'");
        }
    }

    /** The λ grid of the linear probe: {@code trials} values log-spaced over [1e-4, 1e4] (1 for one trial). */
    public double[] lambdas() {
        if (trials == 1) {
            return new double[] {1.0};
        }
        double[] out = new double[trials];
        for (int i = 0; i < trials; i++) {
            out[i] = Math.pow(10, -4 + 8.0 * i / (trials - 1));
        }
        return out;
    }
}
