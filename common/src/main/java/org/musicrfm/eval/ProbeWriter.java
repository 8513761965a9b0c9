package org.musicrfm.eval;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.musicrfm.rfm.RfmModel;
import org.musicrfm.rfm.Targets;
import org.musicrfm.rfm.backend.Points;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.probe.ProbeKind;
import org.musicrfm.rfm.probe.ProbeScores;
import org.musicrfm.rfm.search.TrialResult;

/**
 * Persists the training job's headline probes (multiclass, or regression): each task that fits
 * one {@link #stage stages} it into a folder beside the output (executors share the output's file
 * system), and the driver then {@link #publish publishes} the best layer's probe, or every
 * layer's, into {@value #FOLDER}/ and removes the rest.
 *
 * @param output   the training job's output folder
 * @param headline the target whose probes are kept (the multiclass target, or the regression label)
 * @param classes  class names in output order (empty for regression)
 */
public record ProbeWriter(String output, SaveProbes mode, String headline, List<String> classes,
                          ProbeProvenance provenance) implements Serializable {

    /** The folder of published probes inside the job's output. */
    public static final String FOLDER = "probes";
    private static final String STAGING = ".probes-staging";

    public ProbeWriter {
        classes = List.copyOf(classes);
    }

    /** The file name of a concept's probe of one layer. */
    public static String fileName(String concept, int layer) {
        return concept + ".layer" + layer + ".probe.safetensors";
    }

    /** Removes probes and staged files of an earlier run (called on the driver before training). */
    public void reset() throws IOException {
        deleteTree(Path.of(output).resolve(STAGING));
        deleteTree(Path.of(output).resolve(FOLDER));
    }

    /** Whether the probe of {@code target} is persisted. */
    public boolean wants(String target) {
        return mode != SaveProbes.NONE && target.equals(headline);
    }

    /**
     * Stages the fitted probe of (target, layer).
     *
     * @param model         the chosen trial's refit
     * @param xTrain        its training points (the backend's precision)
     * @param trainTargets  raw training targets of a regression probe (null for classes)
     * @param testIds       the test split's clip ids, in the row order of {@code test}
     */
    public Path stage(int layer, String target, RfmModel model, TrialResult best, Mat xTrain, double[] trainTargets,
                      List<String> testIds, Points test) throws IOException {
        if (!wants(target)) {
            throw new IllegalArgumentException("probe of target '" + target + "' is not persisted (" + mode + ", "
                    + headline + ")");
        }
        ProbeKind kind = classes.isEmpty() ? ProbeKind.REGRESSION : ProbeKind.MULTICLASS;
        double mean = Double.NaN;
        double std = Double.NaN;
        if (kind == ProbeKind.REGRESSION) {
            Targets.ZScore z = Targets.zScore(trainTargets);
            mean = z.mean();
            std = z.std();
        }
        SortedMap<String, Double> scores = new TreeMap<>();
        put(scores, "val", best.val());
        put(scores, "test", best.test());
        Mat testOutputs = model.predict(test);
        Probe.Fit fit = new Probe.Fit(kind, classes, mean, std, model.config().kernel(), model.config().reg(),
                model.config().centerGrads(), model.bestIter(), best.task().trial(), best.task().seed(), xTrain,
                model.predictor().coefficients(), model.m(), testIds, testOutputs, scores);
        Path file = Path.of(output).resolve(STAGING).resolve(fileName(provenance.concept(), layer));
        new Probe(provenance, layer, fit).write(file);
        return file;
    }

    /** Publishes the staged probe of {@code bestLayer} (or all of them) into {@value #FOLDER}/; returns their paths. */
    public List<Path> publish(int bestLayer) throws IOException {
        Path staging = Path.of(output).resolve(STAGING);
        List<Path> out = new ArrayList<>();
        if (mode == SaveProbes.NONE || !Files.isDirectory(staging)) {
            deleteTree(staging);
            return out;
        }
        Path folder = Path.of(output).resolve(FOLDER);
        Files.createDirectories(folder);
        try (Stream<Path> s = Files.list(staging)) {
            for (Path p : s.sorted().toList()) {
                String name = p.getFileName().toString();
                boolean keep = name.endsWith(".probe.safetensors") || name.endsWith(".probe.safetensors.json");
                if (keep && (mode == SaveProbes.ALL || name.startsWith(fileName(provenance.concept(), bestLayer)))) {
                    Path target = folder.resolve(name);
                    Files.move(p, target, StandardCopyOption.REPLACE_EXISTING);
                    if (name.endsWith(".safetensors")) {
                        out.add(target);
                    }
                }
            }
        }
        deleteTree(staging);
        return out;
    }

    private static void put(SortedMap<String, Double> m, String prefix, ProbeScores s) {
        m.put(prefix + "_accuracy", s.accuracy());
        m.put(prefix + "_mean_class_accuracy", s.meanClassAccuracy());
        m.put(prefix + "_auc", s.auc());
        m.put(prefix + "_mse", s.mse());
        m.put(prefix + "_r2", s.r2());
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
