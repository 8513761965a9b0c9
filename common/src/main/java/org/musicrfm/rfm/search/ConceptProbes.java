package org.musicrfm.rfm.search;

import org.musicrfm.rfm.probe.ProbeTargets;
import org.musicrfm.rfm.probe.ProbeScores;
import org.musicrfm.rfm.probe.ProbeKind;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.musicrfm.rfm.ConceptDirections;
import org.musicrfm.rfm.Directions;
import org.musicrfm.rfm.ProbabilityMode;
import org.musicrfm.rfm.RfmModel;
import org.musicrfm.rfm.backend.RfmBackend;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linear.LinearProbes;

/**
 * The probes of a concept on one layer, as the training job fits them: per target the random
 * search (per target, or all targets together with shared draws and optional successive halving),
 * the best trial on validation refit for its AGOP directions, and a linear baseline on the same
 * split.
 *
 * @param trials     random-search trials per target
 * @param seed       base seed of the trials' hyperparameters
 * @param directions eigenvectors kept per target (at most the layer's width)
 */
public record ConceptProbes(RfmBackend backend, ProbeSearch.Settings settings, SearchPlan plan, String concept,
                            int trials, long seed, int directions) {

    /**
     * The search and the chosen probe of one (target, layer), in plain serializable form.
     *
     * @param directions top AGOP eigenvectors of the best trial's model, {@code [n][d]}
     */
    public record Fit(String target, ProbeKind kind, List<TrialResult> trials, TrialResult best,
                      double[] eigenvalues, float[][] directions, String linearMethod, double linearLambda,
                      ProbeScores linearVal, ProbeScores linearTest) implements Serializable {}

    /** A layer's points split for training, and the prepared search data built from them. */
    public record Layer(int layer, Mat xTrain, Mat xVal, Mat xTest, LayerData data) {}

    /** Receives each chosen trial's refit model before its directions are taken (e.g. to persist the probe). */
    @FunctionalInterface
    public interface Refits {
        void accept(String target, ProbeTargets targets, TrialResult best, RfmModel model) throws IOException;
    }

    /** The probe of one target: its trials, the best refit, the directions and the baseline. */
    public Fit fit(Layer layer, String target, ProbeTargets t, Refits refits) throws IOException {
        ProbeSearch search = new ProbeSearch(backend, settings);
        List<TrialResult> results = search.searchSharedDraws(seed, concept, target, layer.layer(), trials,
                SearchSpace.paper(), layer.data(), t);
        TrialResult best = search.best(results, t.kind());
        return finish(layer, target, t, results, best, search.fit(best.task(), layer.data(), t, true), refits);
    }

    /** Every target of a layer searched together (shared draws), each best trial refit, with the baselines. */
    public List<Fit> fitAll(Layer layer, List<LayerSearch.Target> targets, Refits refits) throws IOException {
        LayerSearch search = new LayerSearch(backend, settings, plan);
        Map<String, List<TrialResult>> all = search.search(seed, concept, layer.layer(), trials, SearchSpace.paper(),
                layer.data(), targets);
        ProbeSearch ps = new ProbeSearch(backend, settings);
        List<Fit> out = new ArrayList<>();
        for (LayerSearch.Target t : targets) {
            List<TrialResult> results = all.get(t.name());
            TrialResult best = ps.best(results, t.targets().kind());
            RfmModel model = search.refit(seed, best, SearchSpace.paper(), layer.data(), t);
            out.add(finish(layer, t.name(), t.targets(), results, best, model, refits));
        }
        return out;
    }

    private Fit finish(Layer layer, String target, ProbeTargets t, List<TrialResult> results, TrialResult best,
                       RfmModel model, Refits refits) throws IOException {
        Mat xTrain = layer.xTrain();
        refits.accept(target, t, best, model);
        double[] signTarget = t.kind() == ProbeKind.MULTICLASS ? null : t.train().toDoubles();
        Directions d = ConceptDirections.compute(model, Math.min(directions, xTrain.cols()), xTrain, signTarget);
        LinearProbes.Result linear = t.kind() == ProbeKind.REGRESSION
                ? LinearProbes.ridge(xTrain, layer.xVal(), layer.xTest(), t, LinearProbes.DEFAULT_LAMBDAS, null,
                        ProbabilityMode.SOFTMAX)
                : LinearProbes.logistic(xTrain, layer.xVal(), layer.xTest(), t, LinearProbes.DEFAULT_LAMBDAS, null);
        float[][] vectors = new float[d.count()][];
        for (int k = 0; k < vectors.length; k++) {
            double[] v = d.direction(k);
            vectors[k] = new float[v.length];
            for (int j = 0; j < v.length; j++) {
                vectors[k][j] = (float) v[j];
            }
        }
        return new Fit(target, t.kind(), results, best, d.eigenvalues().clone(), vectors, linear.method(),
                linear.lambda(), linear.val(), linear.test());
    }
}
