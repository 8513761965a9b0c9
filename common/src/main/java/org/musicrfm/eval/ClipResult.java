package org.musicrfm.eval;

import java.util.List;
import java.util.Map;

/**
 * Everything measured on one clip; boxed fields are null where they do not apply (no probe for an
 * unsteered clip, tempo error only for tempo, pitch-class share only for notes).
 *
 * @param embeddings            vectors by {@link EmbeddingKind#label()}
 * @param clapScore             cosine of the CLAP audio embedding with the prompt's text embedding
 * @param probePrediction       the probe's class, or its BPM for a tempo (regression) probe
 * @param probeTargetProbability the probe's probability of the steering target
 * @param tempoErrorBpm         |predicted − target| BPM of a tempo probe
 * @param modelFreeCorrect      whether the model-free estimate matches the target (notes: top pitch
 *                              class; chords: triad quality; tempos: within 4 %), null otherwise
 * @param aggregatePrediction   the layer-aggregation model's class (null without an aggregate for the concept)
 * @param aggregateTargetProbability its probability of the steering target
 * @param aggregateCorrect      whether its class is the target
 * @param timings               seconds spent per stage ({@code read}, {@code clap}, {@code musicgen}, {@code metrics})
 * @param errorStage            non-null when the clip failed (then only identity fields are set)
 */
public record ClipResult(String unitId, String condition, String concept, String target, double eta,
                         boolean reference, Map<String, float[]> embeddings, Double clapScore,
                         String probePrediction, Double probeTargetProbability, Boolean probeCorrect,
                         Double tempoErrorBpm, Double pcTargetShare, Integer pcTargetRank, String keyEstimate,
                         String chordQualityEstimate, Double tempoEstimateBpm, Boolean modelFreeCorrect,
                         List<TracePoint> traces, Map<String, Double> timings, String errorStage,
                         String errorMessage, String aggregatePrediction, Double aggregateTargetProbability,
                         Boolean aggregateCorrect) {

    /** One window of a probe trace: a class's probability (or, class "bpm", a tempo probe's value). */
    public record TracePoint(int layer, int frame, double timeSeconds, String cls, double probability) {}

    public static ClipResult failed(EvalClip c, String stage, String message) {
        return new ClipResult(c.unitId(), c.condition(), c.concept(), c.target(), c.eta(), c.reference(), Map.of(), null,
                null, null, null, null, null, null, null, null, null, null, List.of(), Map.of(), stage, message, null, null, null);
    }

    public boolean failed() {
        return errorStage != null;
    }
}
