package org.musicrfm.jobs.train;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.musicrfm.activations.LayerRows;
import org.musicrfm.dataset.Split;
import org.musicrfm.eval.ProbeWriter;
import org.musicrfm.rfm.ConceptDirections;
import org.musicrfm.rfm.Directions;
import org.musicrfm.rfm.ProbabilityMode;
import org.musicrfm.rfm.RfmModel;
import org.musicrfm.rfm.backend.CpuBackend;
import org.musicrfm.rfm.backend.RfmBackend;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;
import org.musicrfm.rfm.linear.LinearProbes;
import org.musicrfm.rfm.search.LayerData;
import org.musicrfm.rfm.search.LayerSearch;
import org.musicrfm.rfm.search.ProbeKind;
import org.musicrfm.rfm.search.ProbeScores;
import org.musicrfm.rfm.search.ProbeSearch;
import org.musicrfm.rfm.search.ProbeTargets;
import org.musicrfm.rfm.search.SearchSpace;
import org.musicrfm.rfm.search.TrialResult;

/**
 * The probes of a layer: per target (one-vs-rest per class, multiclass, or regression) the random
 * search, the best trial refit for its directions, and the linear baseline. The layer's data and
 * its identity-metric distances are prepared once per JVM and shared by all its targets and trials.
 */
record LayerTrainer(String table, TrainJobConfig config, Map<String, Split> splits, List<String> classes,
                    ProbeWriter probes, String identity) implements Serializable {

    /**
     * The search and the chosen probe of one (target, layer), in plain serializable form.
     *
     * @param directions top AGOP eigenvectors of the best trial's model, {@code [n][d]}
     */
    record TargetResult(String target, ProbeKind kind, List<TrialResult> trials, TrialResult best,
                        double[] eigenvalues, float[][] directions, String linearMethod, double linearLambda,
                        ProbeScores linearVal, ProbeScores linearTest) implements Serializable {}

    /** A layer's rows split and prepared (identity-metric Gram matrices cached) for its trials. */
    record Prepared(List<Object> labels, Split[] split, Mat xTrain, Mat xVal, Mat xTest, LayerData data,
                    RfmBackend backend, List<String> clipIds) {}

    private static final int PREPARED_LAYERS = 2;
    private static final Map<String, Prepared> PREPARED = new LinkedHashMap<>(4, 0.75f, true);

    /**
     * The layer's prepared data, built once per executor JVM and shared by the tasks of that layer's
     * targets (tasks are ordered by layer, so an executor meets a layer's units one after another).
     * Keyed by the run's identity (options, split, classes) and the digest of the layer's rows, so a
     * JVM that outlives a change of the table never serves the old rows.
     */
    Prepared prepared(int layer, String rows) throws IOException {
        String key = identity + "|" + layer + "|" + rows;
        synchronized (PREPARED) {
            Prepared p = PREPARED.get(key);
            if (p == null) {
                p = prepare(layer, rows);
                PREPARED.put(key, p);
                while (PREPARED.size() > PREPARED_LAYERS) {
                    PREPARED.remove(PREPARED.keySet().iterator().next());
                }
            }
            return p;
        }
    }

    private Prepared prepare(int layer, String rows) throws IOException {
        LayerRows data = LayerRows.read(Path.of(table), config.concept(), layer, config.pooling(), config.label());
        if (rows != null && !rows.equals(data.digest())) {
            throw new IllegalStateException("the activations of layer " + layer + " in " + table
                    + " changed while the job ran");
        }
        Split[] split = new Split[data.clipIds().size()];
        for (int i = 0; i < split.length; i++) {
            split[i] = splits.get(data.clipIds().get(i));
            if (split[i] == null) {
                throw new IllegalStateException("clip " + data.clipIds().get(i) + " of layer " + layer
                        + " is missing from layer 0's clips: layers of " + table + " disagree");
            }
        }
        Precision precision = config.float64() ? Precision.FLOAT64 : Precision.FLOAT32;
        RfmBackend backend = config.float64() ? CpuBackend.float64() : CpuBackend.float32();
        Mat xTrain = rows(data.vectors(), split, Split.TRAIN, precision);
        Mat xVal = rows(data.vectors(), split, Split.VAL, precision);
        Mat xTest = rows(data.vectors(), split, Split.TEST, precision);
        return new Prepared(data.labels(), split, xTrain, xVal, xTest,
                LayerData.prepare(backend, xTrain, xVal, xTest, true), backend, data.clipIds());
    }

    /** One unit group: the trials of (target, layer), the best refit for its directions, and the baseline. */
    TargetResult train(int layer, String target, String rows) throws IOException {
        Prepared p = prepared(layer, rows);
        ProbeSearch search = new ProbeSearch(p.backend(), settings());
        ProbeTargets t = targets(target, p.labels(), p.split());
        List<TrialResult> trials = search.search(config.searchSeed(), config.concept(), target, layer,
                config.trials(), SearchSpace.paper(), p.data(), t);
        TrialResult best = search.best(trials, t.kind());
        return finish(layer, p, target, t, trials, best, search.fit(best.task(), p.data(), t, true));
    }

    /**
     * All targets of a layer searched together (shared draws, optionally successive halving: the
     * config's search plan), each best trial refit for its directions, and the baselines.
     */
    List<TargetResult> trainLayer(int layer, String rows) throws IOException {
        Prepared p = prepared(layer, rows);
        LayerSearch search = new LayerSearch(p.backend(), settings(), config.search());
        List<LayerSearch.Target> ts = new ArrayList<>();
        for (String name : targets()) {
            ts.add(new LayerSearch.Target(name, targets(name, p.labels(), p.split())));
        }
        Map<String, List<TrialResult>> all = search.search(config.searchSeed(), config.concept(), layer,
                config.trials(), SearchSpace.paper(), p.data(), ts);
        ProbeSearch ps = new ProbeSearch(p.backend(), settings());
        List<TargetResult> out = new ArrayList<>();
        for (LayerSearch.Target t : ts) {
            List<TrialResult> trials = all.get(t.name());
            TrialResult best = ps.best(trials, t.targets().kind());
            RfmModel model = search.refit(config.searchSeed(), best, SearchSpace.paper(), p.data(), t);
            out.add(finish(layer, p, t.name(), t.targets(), trials, best, model));
        }
        return out;
    }

    private ProbeSearch.Settings settings() {
        return new ProbeSearch.Settings(config.iters(), null, ProbabilityMode.SOFTMAX, false, false);
    }

    private TargetResult finish(int layer, Prepared p, String target, ProbeTargets t, List<TrialResult> trials,
                                TrialResult best, RfmModel model) throws IOException {
        Mat xTrain = p.xTrain();
        if (probes.wants(target)) {
            probes.stage(layer, target, model, best, xTrain, config.regression() ? numbers(p.labels(), p.split(),
                    Split.TRAIN) : null, ids(p.clipIds(), p.split(), Split.TEST), p.data().test());
        }
        double[] signTarget = t.kind() == ProbeKind.MULTICLASS ? null : t.train().toDoubles();
        Directions directions = ConceptDirections.compute(model, Math.min(config.directions(), xTrain.cols()),
                xTrain, signTarget);
        LinearProbes.Result linear = t.kind() == ProbeKind.REGRESSION
                ? LinearProbes.ridge(xTrain, p.xVal(), p.xTest(), t, LinearProbes.DEFAULT_LAMBDAS, null,
                        ProbabilityMode.SOFTMAX)
                : LinearProbes.logistic(xTrain, p.xVal(), p.xTest(), t, LinearProbes.DEFAULT_LAMBDAS, null);
        float[][] vectors = new float[directions.count()][];
        for (int k = 0; k < vectors.length; k++) {
            double[] v = directions.direction(k);
            vectors[k] = new float[v.length];
            for (int j = 0; j < v.length; j++) {
                vectors[k][j] = (float) v[j];
            }
        }
        return new TargetResult(target, t.kind(), trials, best, directions.eigenvalues().clone(), vectors,
                linear.method(), linear.lambda(), linear.val(), linear.test());
    }

    /** "*" is the multiclass probe; class names are one-vs-rest probes; the label column for regression. */
    List<String> targets() {
        if (config.regression()) {
            return List.of(config.label());
        }
        List<String> t = new ArrayList<>(classes);
        t.add(TrainJob.MULTICLASS);
        return t;
    }

    private ProbeTargets targets(String target, List<Object> labels, Split[] split) {
        if (config.regression()) {
            return ProbeTargets.regression(numbers(labels, split, Split.TRAIN), numbers(labels, split, Split.VAL),
                    numbers(labels, split, Split.TEST));
        }
        int[] tr = classIndex(labels, split, Split.TRAIN);
        int[] va = classIndex(labels, split, Split.VAL);
        int[] te = classIndex(labels, split, Split.TEST);
        return target.equals(TrainJob.MULTICLASS) ? ProbeTargets.multiclass(tr, va, te, classes.size())
                : ProbeTargets.binary(tr, va, te, classes.indexOf(target));
    }

    private int[] classIndex(List<Object> labels, Split[] split, Split which) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < split.length; i++) {
            if (split[i] == which) {
                out.add(classes.indexOf(String.valueOf(labels.get(i))));
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<String> ids(List<String> clipIds, Split[] split, Split which) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < split.length; i++) {
            if (split[i] == which) {
                out.add(clipIds.get(i));
            }
        }
        return out;
    }

    private static double[] numbers(List<Object> labels, Split[] split, Split which) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < split.length; i++) {
            if (split[i] == which) {
                out.add(((Number) labels.get(i)).doubleValue());
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Mat rows(float[][] x, Split[] split, Split which, Precision p) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (split[i] == which) {
                out.add(x[i]);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the " + which.id() + " split is empty: too few clips to train probes");
        }
        return Mat.fromRows(out.toArray(new float[0][]), p);
    }
}
