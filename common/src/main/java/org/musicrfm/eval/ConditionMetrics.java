package org.musicrfm.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per-condition metrics of evaluated clips: FD and MMD of the condition's embeddings against a
 * reference set, the CLAP-score mean with its bootstrap interval, the probe accuracy (mean per
 * class against the steering targets; for a tempo probe the share within 4 % of the target BPM)
 * the model-free accuracy (share of clips whose model-free estimate matches the target) and, where the
 * concept has a layer-aggregation model, its accuracy (mean per class, as the probe's).
 *
 * <p>The default reference of a condition is the {@value #UNSTEERED} clips with the same pairing
 * keys (prompt and seed) as its clips; the unsteered condition itself then has no FD or MMD. An
 * explicit reference set serves every condition.
 */
public final class ConditionMetrics {

    /** The condition id of unsteered generations. */
    public static final String UNSTEERED = "unsteered";

    private ConditionMetrics() {}

    /**
     * One row of {@code metrics/}; FD and MMD are null when either side has fewer than two clips,
     * accuracies null when no clip has a probe reading or a model-free verdict.
     *
     * @param mmd {@link Mmd#SCALE} · MMD²_u (the kernel-audio-distance scale)
     */
    public record Row(String condition, String concept, String target, double eta, long n, Double fd, Double mmd,
                      Double clapMean, Double clapCiLow, Double clapCiHigh, Double probeAccuracy,
                      Double modelFreeAccuracy, String embeddingKind, String reference, Double aggregateAccuracy) {}

    /**
     * @param clips           successfully evaluated generated clips
     * @param pairingKeys     each generated clip's pairing key (prompt and seed) by unit id
     * @param reference       embeddings of an explicit reference set, or null for the unsteered default
     * @param referenceName   what {@code reference} is (recorded in the rows)
     */
    public static List<Row> compute(List<ClipResult> clips, Map<String, String> pairingKeys, List<float[]> reference,
                                    String referenceName, EvalSettings s) {
        Map<String, List<ClipResult>> byCondition = new TreeMap<>();
        for (ClipResult c : clips) {
            if (!c.failed() && !c.reference()) {
                byCondition.computeIfAbsent(c.condition(), k -> new ArrayList<>()).add(c);
            }
        }
        List<ClipResult> unsteered = byCondition.getOrDefault(UNSTEERED, List.of());
        String kind = s.embedding().label();
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<ClipResult>> e : byCondition.entrySet()) {
            List<ClipResult> cs = e.getValue();
            List<float[]> ref;
            String refName;
            if (reference != null) {
                ref = reference;
                refName = referenceName;
            } else if (e.getKey().equals(UNSTEERED)) {
                ref = List.of();
                refName = UNSTEERED;
            } else {
                Set<String> keys = new HashSet<>();
                cs.forEach(c -> keys.add(pairingKeys.get(c.unitId())));
                ref = new ArrayList<>();
                for (ClipResult u : unsteered) {
                    if (keys.contains(pairingKeys.get(u.unitId()))) {
                        ref.add(u.embeddings().get(kind));
                    }
                }
                refName = UNSTEERED;
            }
            List<float[]> own = cs.stream().map(c -> c.embeddings().get(kind)).toList();
            Double fd = null;
            Double mmd = null;
            if (own.size() >= 2 && ref.size() >= 2) {
                double[][] x = rows(own);
                double[][] y = rows(ref);
                fd = FrechetDistance.between(x, y).value();
                mmd = Mmd.between(x, y, s.mmdBandwidth()).scaled();
            }
            double[] scores = cs.stream().filter(c -> c.clapScore() != null).mapToDouble(ClipResult::clapScore).toArray();
            ClapScore.Summary clap = scores.length == 0 ? null
                    : ClapScore.summarize(scores, s.confidence(), s.resamples(), s.seed());
            ClipResult first = cs.get(0);
            rows.add(new Row(e.getKey(), first.concept(), first.target(), first.eta(), cs.size(), fd, mmd,
                    clap == null ? null : clap.mean(), clap == null ? null : clap.lower(),
                    clap == null ? null : clap.upper(), probeAccuracy(cs), share(cs), kind, refName,
                    aggregateAccuracy(cs)));
        }
        return rows;
    }

    /** Mean per-class accuracy of the probe predictions against the targets (tempo: share within tolerance). */
    static Double probeAccuracy(List<ClipResult> cs) {
        List<ClipResult> read = cs.stream().filter(c -> c.probeCorrect() != null).toList();
        if (read.isEmpty()) {
            return null;
        }
        if (read.stream().anyMatch(c -> c.tempoErrorBpm() != null)) {
            return (double) read.stream().filter(ClipResult::probeCorrect).count() / read.size();
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        for (ClipResult c : read) {
            index.putIfAbsent(c.target(), index.size());
            index.putIfAbsent(c.probePrediction(), index.size());
        }
        int[] predicted = new int[read.size()];
        int[] target = new int[read.size()];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = index.get(read.get(i).probePrediction());
            target[i] = index.get(read.get(i).target());
        }
        return ClassAccuracy.of(predicted, target, index.size()).meanPerClass();
    }

    /** Mean per-class accuracy of the aggregate model's predictions against the targets. */
    static Double aggregateAccuracy(List<ClipResult> cs) {
        List<ClipResult> read = cs.stream().filter(c -> c.aggregateCorrect() != null).toList();
        if (read.isEmpty()) {
            return null;
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        for (ClipResult c : read) {
            index.putIfAbsent(c.target(), index.size());
            index.putIfAbsent(c.aggregatePrediction(), index.size());
        }
        int[] predicted = new int[read.size()];
        int[] target = new int[read.size()];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = index.get(read.get(i).aggregatePrediction());
            target[i] = index.get(read.get(i).target());
        }
        return ClassAccuracy.of(predicted, target, index.size()).meanPerClass();
    }

    private static Double share(List<ClipResult> cs) {
        List<Boolean> v = cs.stream().map(ClipResult::modelFreeCorrect).filter(b -> b != null).toList();
        return v.isEmpty() ? null : (double) v.stream().filter(b -> b).count() / v.size();
    }

    static double[][] rows(List<float[]> vs) {
        double[][] out = new double[vs.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = ClipEvaluator.toDoubles(vs.get(i));
        }
        return out;
    }
}
