package org.musicrfm.rfm.aggregate;

import java.io.Serializable;
import org.musicrfm.rfm.TuningMetric;

/**
 * Settings of the layer-aggregation model.
 *
 * @param directionsPerLayer k: eigenvectors of each layer's probe to project on (the paper: 2–10
 *                           for small concepts, 8–24 for large ones)
 * @param topLayers          K: keep the K layers whose probes score best on validation; 0 keeps all
 * @param trials             random-search trials (the paper: 300)
 * @param iters              RFM iterations per trial
 * @param earlyStop          stop a trial's loop when validation is worse than its best by 10 % (xRFM's rule)
 * @param seed               base seed of the trials' parameters
 * @param metric             validation metric that picks the trial, or null: accuracy for classes, MSE for regression
 */
public record AggregateConfig(int directionsPerLayer, int topLayers, int trials, int iters, boolean earlyStop,
                              long seed, AggregateSpace space, TuningMetric metric) implements Serializable {

    public AggregateConfig {
        if (directionsPerLayer < 1) {
            throw new IllegalArgumentException("directions per layer must be positive, got " + directionsPerLayer);
        }
        if (topLayers < 0) {
            throw new IllegalArgumentException("top layers must be >= 0 (0: all), got " + topLayers);
        }
        if (trials < 1 || iters < 0) {
            throw new IllegalArgumentException("trials must be positive and iters non-negative");
        }
        if (space == null) {
            throw new IllegalArgumentException("a search space is required");
        }
    }

    /** k directions per layer, all layers, 300 trials of 10 iterations with early stopping, the paper's space. */
    public static AggregateConfig paper(int directionsPerLayer, long seed) {
        return new AggregateConfig(directionsPerLayer, 0, 300, 10, true, seed, AggregateSpace.paper(), null);
    }

    public AggregateConfig withTrials(int n) {
        return new AggregateConfig(directionsPerLayer, topLayers, n, iters, earlyStop, seed, space, metric);
    }

    public AggregateConfig withTopLayers(int k) {
        return new AggregateConfig(directionsPerLayer, k, trials, iters, earlyStop, seed, space, metric);
    }
}
