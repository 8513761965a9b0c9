package org.musicrfm.jobs.classify;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.musicrfm.dataset.Concept;
import org.musicrfm.rfm.benchmark.BenchmarkMethod;
import org.musicrfm.rfm.benchmark.BenchmarkSettings;
import org.musicrfm.rfm.benchmark.FfnConfig;

/**
 * What the {@code classify} job compares.
 *
 * @param activations the extract job's output folder (holding {@code activations/}; mean pooling, and
 *                    last for {@code rfm_last})
 * @param targets     {@code concept} (its SynTheory label) or {@code concept:label}, e.g. {@code notes},
 *                    {@code musicbench:key}, {@code musicbench:bpm}; regression for tempos and the label bpm
 * @param methods     method ids ({@code aggregate, rfm_mean, rfm_last, linear, ffn})
 * @param ffnEpochs   the FFN's epoch limit (SynTheory: 100)
 * @param splitSeed   seed of the train job's 70/15/15 split
 * @param driverSide  run every unit on the driver, one at a time (exact CPU times), instead of fanning out
 */
public record ClassifyJobConfig(String activations, List<String> targets, List<String> methods, int trials, int iters,
                                int directions, int topLayers, long splitSeed, long seed, boolean float64,
                                int ffnEpochs, String output, boolean driverSide) implements Serializable {

    /** One concept and label to benchmark. */
    public record Target(String concept, String label, boolean regression) implements Serializable {

        /** r2 for SynTheory's tempos, normalized MSE for MusicBench's tempo. */
        public String regressionMetric() {
            return concept.equals("musicbench") ? "nmse" : "r2";
        }
    }

    public ClassifyJobConfig {
        targets = List.copyOf(targets);
        methods = List.copyOf(methods);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no concept to benchmark");
        }
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("no method to benchmark");
        }
        methods.forEach(BenchmarkMethod::parse);
        parsedTargets(targets);
        settings("r2", trials, iters, directions, topLayers, seed, float64, ffnEpochs);
    }

    public List<Target> parsedTargets() {
        return parsedTargets(targets);
    }

    public List<BenchmarkMethod> parsedMethods() {
        return methods.stream().map(BenchmarkMethod::parse).distinct().toList();
    }

    public BenchmarkSettings settings(Target t) {
        return settings(t.regressionMetric(), trials, iters, directions, topLayers, seed, float64, ffnEpochs);
    }

    private static BenchmarkSettings settings(String metric, int trials, int iters, int directions, int topLayers,
                                              long seed, boolean float64, int ffnEpochs) {
        return new BenchmarkSettings(trials, iters, directions, topLayers, seed, float64,
                FfnConfig.syntheory().withMaxEpochs(ffnEpochs), metric);
    }

    private static List<Target> parsedTargets(List<String> specs) {
        List<Target> out = new ArrayList<>();
        for (String s : specs) {
            String[] parts = s.split(":", -1);
            if (parts.length > 2 || parts[0].isBlank() || (parts.length == 2 && parts[1].isBlank())) {
                throw new IllegalArgumentException("target '" + s + "': expected concept or concept:label");
            }
            String concept = parts[0].trim();
            String label;
            if (parts.length == 2) {
                label = parts[1].trim();
            } else {
                try {
                    label = Concept.parse(concept).probedLabel();
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("target '" + s + "': not a SynTheory concept, give concept:label");
                }
            }
            Target t = new Target(concept, label, concept.equals("tempos") || label.equals("bpm"));
            if (out.stream().anyMatch(o -> o.concept().equals(concept) && o.label().equals(t.label()))) {
                throw new IllegalArgumentException("target '" + s + "' is given twice");
            }
            out.add(t);
        }
        return out;
    }
}
