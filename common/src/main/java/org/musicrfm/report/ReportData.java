package org.musicrfm.report;

import java.util.List;

/** The rows a report shows, read from the sweep's, the evaluation's and the train jobs' tables. */
public record ReportData(List<Clip> clips, List<Metric> metrics, List<TracePoint> traces,
                         List<LayerScore> layerScores, long sweepErrors, long evalErrors, String embeddingKind) {

    /** The condition every unsteered clip belongs to. */
    public static final String UNSTEERED = "unsteered";

    /** One generated clip (a {@code generations/} row) with its {@code clip_metrics/} row when there is one. */
    public record Clip(String unitId, String condition, String concept, String target, double eta, String weighting,
                       String schedule, Double gateP, String cfgRows, String prompt, int promptIndex, long seed,
                       String path, Double clapScore, String probePrediction, Double probeTargetProbability) {}

    /** One {@code metrics/} row. */
    public record Metric(String condition, String concept, String target, double eta, long n, Double fd, Double mmd,
                         Double clapMean, Double clapCiLow, Double clapCiHigh, Double probeAccuracy,
                         Double modelFreeAccuracy, String embeddingKind) {

        public boolean unsteered() {
            return UNSTEERED.equals(condition);
        }
    }

    /** One {@code traces/} row of a clip chosen for the probe-trace chart. */
    public record TracePoint(String unitId, String condition, int layer, int frame, double timeSeconds, String cls,
                             double probability) {}

    /** One train job {@code results/} row: a target's best probe at one layer. */
    public record LayerScore(String source, String concept, String target, int layer, String metric, double val,
                             double test, Double linearTest) {}
}
