package org.musicrfm.steering;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Validation scores of a concept's per-layer probes (one per layer that has a direction), with the
 * metric's name and direction: AUC and accuracy are better when higher, MSE when lower.
 */
public record LayerScores(SortedMap<Integer, Double> scores, String metric, boolean lowerIsBetter) {

    public LayerScores {
        scores = Collections.unmodifiableSortedMap(new TreeMap<>(scores));
        for (var e : scores.entrySet()) {
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("layer " + e.getKey() + " has score " + e.getValue()
                        + " (" + metric + "): scores must be finite");
            }
        }
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("score metric name is empty");
        }
    }

    /** Scores of a metric where higher is better unless its name is {@code mse} (or {@code loss}). */
    public static LayerScores of(Map<Integer, Double> scores, String metric) {
        String m = metric.toLowerCase(java.util.Locale.ROOT);
        return new LayerScores(new TreeMap<>(scores), metric, m.equals("mse") || m.contains("loss") || m.equals("rmse"));
    }

    /**
     * Min-max normalized scores ŝ ∈ [0, 1], 1 for the best layer: {@code (s − worst) / (best − worst)}
     * (so for MSE {@code (worst − s) / (worst − best)}). When all scores are equal every ŝ is 1.
     */
    public SortedMap<Integer, Double> normalized() {
        double min = scores.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double best = lowerIsBetter ? min : max;
        double worst = lowerIsBetter ? max : min;
        SortedMap<Integer, Double> out = new TreeMap<>();
        for (var e : scores.entrySet()) {
            out.put(e.getKey(), best == worst ? 1.0 : (e.getValue() - worst) / (best - worst));
        }
        return out;
    }
}
