package org.musicrfm.rfm.benchmark;

import java.io.Serializable;
import java.util.List;

/**
 * What one (concept, method) unit measured.
 *
 * @param layers     per layer (one entry, layer −1, for the aggregator)
 * @param bestLayer  the layer best on validation (−1 for the aggregator)
 * @param directions the mean-pooled RFM's top AGOP directions per layer (for the aggregator); empty otherwise
 */
public record MethodResult(String concept, String label, BenchmarkMethod method, String metric, List<LayerScore> layers,
                           int bestLayer, int trainClips, int valClips, int testClips, double seconds,
                           double cpuSeconds, long flops, List<LayerDirections> directions) implements Serializable {

    /** The entry of the best layer. */
    public LayerScore best() {
        return layers.stream().filter(l -> l.layer() == bestLayer).findFirst().orElseThrow();
    }

    /**
     * One layer's probe directions: d × k, row-major, with the probe's validation score.
     */
    public record LayerDirections(int layer, int rows, int cols, double[] values, double valScore)
            implements Serializable {}
}
