package org.musicrfm.jobs.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.musicrfm.activations.SourceModel;
import org.musicrfm.eval.ActivationSource;
import org.musicrfm.eval.AggregateProbe;
import org.musicrfm.eval.ProbeProvenance;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;
import org.musicrfm.rfm.aggregate.AggregateModel;
import org.musicrfm.steering.SteeringPack;
import org.musicrfm.jobs.JobOutputs;
import org.musicrfm.provenance.UnitIdentity;
import org.musicrfm.rfm.benchmark.BenchmarkMethod;
import org.musicrfm.rfm.benchmark.BenchmarkSplit;
import org.musicrfm.rfm.benchmark.BenchmarkUnits;
import org.musicrfm.rfm.benchmark.ClassificationRows;
import org.musicrfm.rfm.benchmark.ClassifyBenchmark;
import org.musicrfm.rfm.benchmark.ConceptTable;
import org.musicrfm.rfm.benchmark.MethodResult;

/**
 * The {@code classify} job: for each concept (and label), every requested method on the train job's
 * split with the same search budget, scored per layer and at the best layer on validation. Units of
 * work are (concept, label, method), resumable (a finished unit with the same identity is reused);
 * the aggregator runs after the mean-pooled RFM, whose directions it projects on. Writes
 * {@code classification/} (Parquet): one {@code layer} row per (concept, label, method, layer) and
 * one {@code best} row per (concept, label, method); the aggregator's layer is −1. A classification
 * target's fitted aggregate is also kept in {@value #AGGREGATES}/ for the evaluation.
 */
public final class ClassifyJob {

    /** The table's folder inside the output. */
    public static final String TABLE = "classification";

    /** Config fields that do not change a unit's result. */
    static final Set<String> NOT_IDENTITY = Set.of("activations", "output", "driverSide", "targets", "methods");

    /** One unit: a (concept, label) target, a method, its split and identity. */
    record Unit(ClassifyJobConfig.Target target, BenchmarkMethod method, BenchmarkSplit split,
                java.util.TreeMap<String, String> fields) implements java.io.Serializable {

        UnitIdentity unitIdentity() {
            return new UnitIdentity(fields);
        }

        String identity() {
            return unitIdentity().digest();
        }
    }

    private ClassifyJob() {}

    public static ClassifyJobResult run(SparkSession spark, ClassifyJobConfig config) throws IOException {
        Location out = Storage.get().location(config.output(), "--out");
        Location root = Storage.get().location(config.activations(), "--activations");
        Location table = root.resolve("activations");
        SourceModel source = SourceModel.read(root);
        List<BenchmarkMethod> methods = config.parsedMethods();

        // Driver-side checks of every target before any work: layers, poolings, label, split.
        List<Unit> first = new ArrayList<>();
        List<Unit> second = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (ClassifyJobConfig.Target t : config.parsedTargets()) {
            String what = "concept " + t.concept() + ", label " + t.label() + " in " + table;
            List<Integer> layers = ConceptTable.requireTarget(table, t.concept(), t.label(), methods, what);
            BenchmarkSplit split = BenchmarkSplit.of(ConceptTable.load(table, t.concept(), layers.get(0), "mean",
                    t.label()), t.regression(), config.splitSeed(), what);
            UnitIdentity base = UnitIdentity.of(UnitIdentity.configFields(
                            JobOutputs.gson().toJsonTree(config).getAsJsonObject(), NOT_IDENTITY))
                    .with("concept", t.concept()).with("label", t.label())
                    .with("regression", Boolean.toString(t.regression()))
                    .with("model_fingerprint", source.fingerprint())
                    .with("activation_files", BenchmarkUnits.activationDigest(table, t.concept()));
            String rfmMeanId = base.with("method", BenchmarkMethod.RFM_MEAN.id()).digest();
            for (BenchmarkMethod m : BenchmarkMethod.values()) {
                boolean wanted = methods.contains(m)
                        || (m == BenchmarkMethod.RFM_MEAN && methods.contains(BenchmarkMethod.AGGREGATE));
                if (!wanted) {
                    continue;
                }
                UnitIdentity id = m == BenchmarkMethod.AGGREGATE
                        ? base.with("method", m.id()).with("rfm_mean", rfmMeanId)
                        : base.with("method", m.id());
                (m == BenchmarkMethod.AGGREGATE ? second : first).add(new Unit(t, m, split,
                        new java.util.TreeMap<>(id.fields())));
                all.append(t.concept()).append('/').append(t.label()).append('/').append(m.id()).append('=')
                        .append(id.digest()).append('\n');
            }
        }
        String identity = UnitIdentity.sha256(all.toString());
        var done = JobOutputs.completedWith(out, config, identity);
        if (done != null) {
            return JobOutputs.gson().fromJson(done.get("result"), ClassifyJobResult.class).skippedCopy();
        }
        JobOutputs.checkWritable(out);
        JobOutputs.unmarkComplete(out);

        int[] reused = {0};
        Map<Unit, MethodResult> results = new LinkedHashMap<>();
        runUnits(spark, config, out, table, first, Map.of(), results, reused);
        // The aggregator's units read their rfm_mean results.
        Map<Unit, MethodResult> rfmMean = new LinkedHashMap<>();
        for (Unit u : second) {
            rfmMean.put(u, results.get(first.stream().filter(f -> f.target().equals(u.target())
                    && f.method() == BenchmarkMethod.RFM_MEAN).findFirst().orElseThrow()));
        }
        runUnits(spark, config, out, table, second, rfmMean, results, reused);

        List<Row> rows = new ArrayList<>();
        for (Unit u : first) {
            if (methods.contains(u.method())) {
                rows.addAll(ClassificationRows.of(results.get(u), config.trials()));
            }
        }
        for (Unit u : second) {
            rows.addAll(ClassificationRows.of(results.get(u), config.trials()));
        }
        JobOutputs.writeTable(spark.createDataFrame(rows, ClassificationRows.SCHEMA)
                .orderBy("concept", "label", "method", "row", "layer"), out.resolve(TABLE));
        ClassifyJobResult result = new ClassifyJobResult(out.toString(), config.targets(),
                methods.stream().map(BenchmarkMethod::id).toList(), first.size() + second.size(), reused[0],
                rows.size(), false);
        JobOutputs.markComplete(out, config, result, identity);
        return result;
    }

    /** Runs the units not done before ({@code inputs}: the rfm_mean result an aggregator unit reads). */
    private static void runUnits(SparkSession spark, ClassifyJobConfig config, Location out, Location table,
                                 List<Unit> units, Map<Unit, MethodResult> inputs, Map<Unit, MethodResult> results,
                                 int[] reused) throws IOException {
        List<Unit> todo = new ArrayList<>();
        Map<Unit, MethodResult> input = new LinkedHashMap<>();
        for (Unit u : units) {
            MethodResult r = BenchmarkUnits.done(out, u.target().concept(), u.target().label(), u.method(),
                    u.identity());
            if (r != null) {
                results.put(u, r);
                reused[0]++;
            } else {
                todo.add(u);
                if (inputs.containsKey(u)) {
                    input.put(u, inputs.get(u));
                }
            }
        }
        String outPath = out.toString();
        String tablePath = table.toString();
        Map<Unit, MethodResult> in = Map.copyOf(input);
        List<MethodResult> computed = execute(spark, config, todo,
                u -> runUnit(u, config, outPath, tablePath, in.get(u)));
        for (int i = 0; i < todo.size(); i++) {
            results.put(todo.get(i), computed.get(i));
        }
    }

    interface UnitFn extends java.io.Serializable {
        MethodResult apply(Unit u) throws IOException;
    }

    private static List<MethodResult> execute(SparkSession spark, ClassifyJobConfig config, List<Unit> todo, UnitFn fn)
            throws IOException {
        if (todo.isEmpty()) {
            return List.of();
        }
        if (config.driverSide()) {
            List<MethodResult> out = new ArrayList<>();
            for (Unit u : todo) {
                out.add(fn.apply(u));
            }
            return out;
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.setJobDescription("classify: " + todo.size() + " units");
        return jsc.parallelize(todo, todo.size()).map(u -> {
            try {
                return fn.apply(u);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).collect();
    }

    /** Runs one unit and writes its result and done marker. */
    static MethodResult runUnit(Unit u, ClassifyJobConfig config, String out, String table, MethodResult rfmMean)
            throws IOException {
        ClassifyJobConfig.Target t = u.target();
        ClassifyBenchmark bench = new ClassifyBenchmark(Location.parse(table, "--activations"), t.concept(), t.label(),
                u.split(),
                config.settings(t));
        MethodResult r = u.method() == BenchmarkMethod.AGGREGATE
                ? bench.aggregate(rfmMean, t.regression() ? null : (model, classes) -> saveAggregate(config, t, out,
                        model, classes))
                : bench.run(u.method());
        BenchmarkUnits.write(Location.parse(out, "--out"), r, u.unitIdentity());
        return r;
    }

    /** The folder of the persisted layer-aggregation classifiers inside the output. */
    public static final String AGGREGATES = "aggregates";

    /**
     * Persists a classification target's fitted aggregate as {@value #AGGREGATES}/{@code
     * <concept>.<label>.aggregate.safetensors}, with the provenance the evaluation checks.
     */
    static void saveAggregate(ClassifyJobConfig config, ClassifyJobConfig.Target t, String out, AggregateModel model,
                              List<String> classes) throws IOException {
        Location root = Location.parse(config.activations(), "--activations");
        SourceModel source = SourceModel.read(root);
        ProbeProvenance provenance = new ProbeProvenance(source.name(), source.compatibilityKey(), source.fingerprint(),
                source.hiddenSize(), source.numLayers(), ActivationSource.readingOf(root), "mean",
                root.name(), t.concept(), t.label(), config.splitSeed(), config.seed(),
                SteeringPack.softwareVersion());
        AggregateProbe.of(model, classes, provenance)
                .write(Location.parse(out, "--out").resolve(AGGREGATES)
                        .resolve(AggregateProbe.fileName(t.concept(), t.label())));
    }
}
