package org.musicrfm.rfm.aggregate;

import java.util.List;
import java.util.Map;
import org.musicrfm.rfm.ClassProbabilities;
import org.musicrfm.rfm.ProbabilityMode;
import org.musicrfm.rfm.RfmModel;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.probe.ProbeKind;
import org.musicrfm.rfm.probe.ProbeScores;

/**
 * A fitted layer-aggregation model: the projection of the selected layers, the K_{p,q} RFM of the
 * best trial, and what the search measured.
 *
 * @param trainFeatures the projected training clips the RFM was fit on (n × Σ k_ℓ, the backend's precision)
 * @param best   the trial that won on validation
 * @param test   its scores on the test split
 * @param trials every trial, in order
 */
public record AggregateModel(ProbeKind kind, LayerProjection projection, RfmModel rfm, Mat trainFeatures,
                             AggregateTrial best,
                             ProbeScores test, List<AggregateTrial> trials) implements AutoCloseable {

    /** Raw outputs for clips given each selected layer's activations: n × c. */
    public Mat predict(Map<Integer, Mat> activations) {
        return rfm.predict(projection.features(activations));
    }

    /** Class probabilities (softmax of the outputs; two columns for a binary target). */
    public double[][] probabilities(Map<Integer, Mat> activations) {
        return ClassProbabilities.of(predict(activations), ProbabilityMode.SOFTMAX);
    }

    @Override
    public void close() {
        rfm.close();
    }
}
