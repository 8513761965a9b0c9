package org.musicrfm.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.musicrfm.activations.LayerRows;
import org.musicrfm.dataset.Split;
import org.musicrfm.io.Location;
import org.musicrfm.rfm.ProbabilityMode;
import org.musicrfm.rfm.backend.CpuBackend;
import org.musicrfm.rfm.backend.RfmBackend;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;
import org.musicrfm.rfm.search.ConceptProbes;
import org.musicrfm.rfm.search.LayerData;
import org.musicrfm.rfm.search.LayerSearch;
import org.musicrfm.rfm.probe.ProbeKind;
import org.musicrfm.rfm.search.ProbeSearch;
import org.musicrfm.rfm.probe.ProbeTargets;

/**
 * The probes of a layer on an executor: the layer's rows read, split and prepared once per JVM
 * (identity-metric distances cached, shared by all its targets and trials), the targets encoded
 * (one-vs-rest per class, multiclass, or regression), and the fitting left to {@link ConceptProbes};
 * the headline probe's refit is staged for {@code probes/}.
 */
public record LayerTrainer(String table, ProbeTraining config, Map<String, Split> splits, List<String> classes,
                    ProbeWriter probes, String identity) implements Serializable {

    /** A layer's rows split and prepared (identity-metric Gram matrices cached) for its trials. */
    public record Prepared(List<Object> labels, Split[] split, Mat xTrain, Mat xVal, Mat xTest, LayerData data,
                    RfmBackend backend, List<String> clipIds) {}

    private static final int PREPARED_LAYERS = 2;
    private static final Map<String, Prepared> PREPARED = new LinkedHashMap<>(4, 0.75f, true);

    /**
     * The layer's prepared data, built once per executor JVM and shared by the tasks of that layer's
     * targets (tasks are ordered by layer, so an executor meets a layer's units one after another).
     * Keyed by the run's identity (options, split, classes) and the digest of the layer's rows, so a
     * JVM that outlives a change of the table never serves the old rows.
     */
    public Prepared prepared(int layer, String rows) throws IOException {
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
        LayerRows data = LayerRows.read(tableLocation(), config.concept(), layer, config.pooling(), config.label());
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

    /** One unit: the probe of (target, layer), fitted by {@link ConceptProbes}. */
    public ConceptProbes.Fit train(int layer, String target, String rows) throws IOException {
        Prepared p = prepared(layer, rows);
        return fitter(p).fit(layer(layer, p), target, targets(target, p.labels(), p.split()), refits(layer, p));
    }

    /**
     * All targets of a layer searched together (shared draws, optionally successive halving: the
     * config's search plan), each best trial refit for its directions, and the baselines.
     */
    public List<ConceptProbes.Fit> trainLayer(int layer, String rows) throws IOException {
        Prepared p = prepared(layer, rows);
        List<LayerSearch.Target> ts = new ArrayList<>();
        for (String name : targets()) {
            ts.add(new LayerSearch.Target(name, targets(name, p.labels(), p.split())));
        }
        return fitter(p).fitAll(layer(layer, p), ts, refits(layer, p));
    }

    /** The activation table on the file system {@link org.musicrfm.io.Storage} reaches. */
    private Location tableLocation() {
        return Location.parse(table, "table");
    }

    /** Trains one unit and saves its results and marker into the output's unit folder. */
    public List<ConceptProbes.Fit> train(Path out, ProbeUnits.Unit u) throws IOException {
        return train(Location.of(out), u);
    }

    /** Trains one unit and saves its results and marker into the output's unit folder (on any file system). */
    public List<ConceptProbes.Fit> train(Location out, ProbeUnits.Unit u) throws IOException {
        List<ConceptProbes.Fit> r = u.target().equals(ProbeUnits.ALL_TARGETS) ? trainLayer(u.layer(), u.rows())
                : List.of(train(u.layer(), u.target(), u.rows()));
        ProbeUnits.save(out, u, prepared(u.layer(), u.rows()).clipIds(), r);
        return r;
    }

    /**
     * Trains {@code todo} on the executors, one task per unit (or on the driver when {@code onDriver}),
     * each unit saving its results as it ends; returns each unit's fits in order; {@code done} counts units.
     */
    public List<List<ConceptProbes.Fit>> train(SparkSession spark, Path out, List<ProbeUnits.Unit> todo,
                                               boolean onDriver, LongAccumulator done, String description)
            throws IOException {
        return train(spark, Location.of(out), todo, onDriver, done, description);
    }

    /** As {@link #train(SparkSession, Path, List, boolean, LongAccumulator, String)} into an output on any file system. */
    public List<List<ConceptProbes.Fit>> train(SparkSession spark, Location out, List<ProbeUnits.Unit> todo,
                                               boolean onDriver, LongAccumulator done, String description)
            throws IOException {
        if (onDriver) {
            List<List<ConceptProbes.Fit>> computed = new ArrayList<>();
            for (ProbeUnits.Unit u : todo) {
                computed.add(train(out, u));
                done.add(1);
            }
            return computed;
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.setJobDescription(description);
        return jsc.parallelize(todo, todo.size()).map(u -> {
            try {
                List<ConceptProbes.Fit> r = train(out, u);
                done.add(1);
                return r;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).collect();
    }

    /** The digest of each layer's activation rows as the probes consume them, read by the executors (or the driver). */
    public Map<Integer, String> rowDigests(SparkSession spark, List<Integer> layers, boolean onDriver)
            throws IOException {
        Map<Integer, String> out = new TreeMap<>();
        if (onDriver) {
            for (int layer : layers) {
                out.put(layer, LayerRows.read(tableLocation(), config.concept(), layer, config.pooling(), config.label())
                        .digest());
            }
            return out;
        }
        Location t = tableLocation();
        String concept = config.concept();
        String pooling = config.pooling();
        String label = config.label();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.setJobDescription("train " + concept + ": digests of " + layers.size() + " layers' activations");
        List<String> digests = jsc.parallelize(layers, layers.size()).map(layer -> {
            try {
                return LayerRows.read(t, concept, layer, pooling, label).digest();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).collect();
        for (int i = 0; i < layers.size(); i++) {
            out.put(layers.get(i), digests.get(i));
        }
        return out;
    }

    private ConceptProbes fitter(Prepared p) {
        return new ConceptProbes(p.backend(), new ProbeSearch.Settings(config.iters(), null, ProbabilityMode.SOFTMAX,
                false, false), config.search(), config.concept(), config.trials(), config.searchSeed(),
                config.directions());
    }

    private static ConceptProbes.Layer layer(int layer, Prepared p) {
        return new ConceptProbes.Layer(layer, p.xTrain(), p.xVal(), p.xTest(), p.data());
    }

    /** Stages the headline probe's refit (the multiclass or regression probe) for {@code probes/}. */
    private ConceptProbes.Refits refits(int layer, Prepared p) {
        return (target, t, best, model) -> {
            if (probes.wants(target)) {
                probes.stage(layer, target, model, best, p.xTrain(), config.regression() ? numbers(p.labels(),
                        p.split(), Split.TRAIN) : null, ids(p.clipIds(), p.split(), Split.TEST), p.data().test());
            }
        };
    }

    /** {@link ProbeKind#MULTICLASS_TARGET} is the multiclass probe; class names are one-vs-rest probes; the label column for regression. */
    public List<String> targets() {
        return config.targets(classes);
    }

    private ProbeTargets targets(String target, List<Object> labels, Split[] split) {
        if (config.regression()) {
            return ProbeTargets.regression(numbers(labels, split, Split.TRAIN), numbers(labels, split, Split.VAL),
                    numbers(labels, split, Split.TEST));
        }
        int[] tr = classIndex(labels, split, Split.TRAIN);
        int[] va = classIndex(labels, split, Split.VAL);
        int[] te = classIndex(labels, split, Split.TEST);
        return target.equals(ProbeKind.MULTICLASS_TARGET) ? ProbeTargets.multiclass(tr, va, te, classes.size())
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
