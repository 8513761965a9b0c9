package org.musicrfm.eval;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;
import org.musicrfm.rfm.RfmModel;
import org.musicrfm.rfm.Targets;
import org.musicrfm.rfm.backend.Points;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.probe.ProbeKind;
import org.musicrfm.rfm.probe.ProbeScores;
import org.musicrfm.rfm.search.TrialResult;

/**
 * Persists the training job's headline probes (multiclass, or regression): each task that fits
 * one {@link #stage stages} it into {@value #STAGING}/ inside the output (executors share the
 * output's file system), where it stays with the job's other per-unit results for a later run to
 * reuse; the driver then {@link #publish publishes} a copy of the best layer's probe, or of every
 * layer's, into {@value #FOLDER}/.
 *
 * @param output   the training job's output folder
 * @param headline the target whose probes are kept (the multiclass target, or the regression label)
 * @param classes  class names in output order (empty for regression)
 */
public record ProbeWriter(String output, SaveProbes mode, String headline, List<String> classes,
                          ProbeProvenance provenance) implements Serializable {

    /** The folder of published probes inside the job's output. */
    public static final String FOLDER = "probes";
    /** The folder of staged probes (one per layer): the training job's per-unit results. */
    public static final String STAGING = "_units";
    private static final String OLD_STAGING = ".probes-staging";

    public ProbeWriter {
        classes = List.copyOf(classes);
    }

    /** The file name of a concept's probe of one layer. */
    public static String fileName(String concept, int layer) {
        return concept + ".layer" + layer + ".probe.safetensors";
    }

    /** The output folder on the file system {@link Storage} reaches. */
    private Location root() {
        return Location.parse(output, "output");
    }

    /** Removes the published probes of an earlier run (called on the driver before training); staged ones stay. */
    public void reset() throws IOException {
        Storage storage = Storage.get();
        storage.delete(root().resolve(OLD_STAGING));
        storage.delete(root().resolve(FOLDER));
    }

    /** The staged probe of {@code layer} (its JSON sidecar lies beside it). */
    public Location staged(int layer) {
        return root().resolve(STAGING).resolve(fileName(provenance.concept(), layer));
    }

    /** Removes the staged probe of {@code layer} and its sidecar (its unit is recomputed or gone). */
    public void discard(int layer) throws IOException {
        Storage storage = Storage.get();
        storage.delete(Probe.sidecar(staged(layer)));
        storage.delete(staged(layer));
    }

    /** Removes the staged probes of layers not in {@code layers} (no longer in the activation table). */
    public void discardOtherLayers(List<Integer> layers) throws IOException {
        String prefix = provenance.concept() + ".layer";
        for (String n : Storage.get().names(root().resolve(STAGING))) {
            if (n.startsWith(prefix) && n.contains(".probe.safetensors")) {
                String digits = n.substring(prefix.length(), n.indexOf(".probe.safetensors"));
                if (digits.matches("[0-9]+") && !layers.contains(Integer.parseInt(digits))) {
                    discard(Integer.parseInt(digits));
                }
            }
        }
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
    public Location stage(int layer, String target, RfmModel model, TrialResult best, Mat xTrain, double[] trainTargets,
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
        best.val().putInto(scores, "val");
        best.test().putInto(scores, "test");
        Mat testOutputs = model.predict(test);
        Probe.Fit fit = new Probe.Fit(kind, classes, mean, std, model.config().kernel(), model.config().reg(),
                model.config().centerGrads(), model.bestIter(), best.task().trial(), best.task().seed(), xTrain,
                model.predictor().coefficients(), model.m(), testIds, testOutputs, scores);
        Location file = staged(layer);
        new Probe(provenance, layer, fit).write(file);
        return file;
    }

    /** Publishes copies of the staged probe of {@code bestLayer} (or of all staged ones) into {@value #FOLDER}/. */
    public List<Location> publish(int bestLayer) throws IOException {
        return publish(bestLayer, null);
    }

    /**
     * Publishes copies of the staged probe of {@code bestLayer} (or, saving all, of every layer in
     * {@code layers}; null: every staged one) into {@value #FOLDER}/, which is replaced as a whole;
     * returns the published probes' paths. The staged probes stay for a later run.
     */
    public List<Location> publish(int bestLayer, List<Integer> layers) throws IOException {
        Storage storage = Storage.get();
        Location staging = root().resolve(STAGING);
        Location folder = root().resolve(FOLDER);
        storage.delete(folder);
        List<Location> out = new ArrayList<>();
        if (mode == SaveProbes.NONE || !storage.isDirectory(staging)) {
            return out;
        }
        Location staged = root().resolve("." + FOLDER + ".staging-" + java.util.UUID.randomUUID());
        storage.mkdirs(staged);
        for (Location p : storage.list(staging)) {
            String name = p.name();
            boolean probe = name.endsWith(".probe.safetensors") || name.endsWith(".probe.safetensors.json");
            if (probe && wanted(name, bestLayer, layers)) {
                copy(storage, p, staged.resolve(name));
                if (name.endsWith(".safetensors")) {
                    out.add(folder.resolve(name));
                }
            }
        }
        storage.rename(staged, folder);
        return out;
    }

    private static void copy(Storage storage, Location from, Location to) throws IOException {
        try (java.io.InputStream in = storage.open(from); java.io.OutputStream o = storage.create(to)) {
            in.transferTo(o);
        }
    }

    private boolean wanted(String name, int bestLayer, List<Integer> layers) {
        if (mode == SaveProbes.BEST) {
            return name.startsWith(fileName(provenance.concept(), bestLayer));
        }
        if (layers == null) {
            return name.startsWith(provenance.concept() + ".layer");
        }
        return layers.stream().anyMatch(l -> name.startsWith(fileName(provenance.concept(), l)));
    }
}
