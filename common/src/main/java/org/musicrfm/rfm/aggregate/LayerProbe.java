package org.musicrfm.rfm.aggregate;

import org.musicrfm.rfm.TuningMetric;
import org.musicrfm.rfm.linalg.Mat;

/**
 * What the aggregator takes from one layer's probe.
 *
 * @param layer       the block the probe was trained on
 * @param directions  its top AGOP eigenvectors as columns, d × m (strongest first)
 * @param valScore    its validation score, which ranks layers for the top-K selection
 * @param scoreMetric the metric of {@code valScore} (whether higher is better)
 */
public record LayerProbe(int layer, Mat directions, double valScore, TuningMetric scoreMetric) {

    public LayerProbe {
        if (directions == null || directions.cols() < 1) {
            throw new IllegalArgumentException("layer " + layer + ": a probe needs at least one direction");
        }
        if (scoreMetric == null) {
            throw new IllegalArgumentException("layer " + layer + ": the score's metric is required");
        }
    }
}
