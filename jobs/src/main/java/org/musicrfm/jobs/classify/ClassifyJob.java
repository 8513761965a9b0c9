package org.musicrfm.jobs.classify;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.musicrfm.activations.SourceModel;
import org.musicrfm.eval.ClassifierAggregates;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;
import org.musicrfm.jobs.JobOutputs;
import org.musicrfm.provenance.UnitIdentity;
import org.musicrfm.rfm.benchmark.BenchmarkMethod;
import org.musicrfm.rfm.benchmark.ClassificationRows;
import org.musicrfm.rfm.benchmark.ClassifyPlan;
import org.musicrfm.rfm.benchmark.ClassifyRun;
import org.musicrfm.rfm.benchmark.ClassifyTarget;

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

    /** The folder of the persisted layer-aggregation classifiers inside the output. */
    public static final String AGGREGATES = ClassifierAggregates.FOLDER;

    /** Config fields that do not change a unit's result. */
    static final Set<String> NOT_IDENTITY = Set.of("activations", "output", "driverSide", "targets", "methods");

    private ClassifyJob() {}

    public static ClassifyJobResult run(SparkSession spark, ClassifyJobConfig config) throws IOException {
        Location out = Storage.get().location(config.output(), "--out");
        Location root = Storage.get().location(config.activations(), "--activations");
        Location table = root.resolve("activations");
        SourceModel source = SourceModel.read(root);
        List<BenchmarkMethod> methods = config.parsedMethods();
        List<ClassifyTarget> targets = config.parsedTargets().stream()
                .map(t -> new ClassifyTarget(t.concept(), t.label(), t.regression(), config.settings(t))).toList();

        // Driver-side checks of every target before any work: layers, poolings, label, split.
        ClassifyPlan plan = ClassifyPlan.of(table, targets, methods, UnitIdentity.configFields(
                        JobOutputs.gson().toJsonTree(config).getAsJsonObject(), NOT_IDENTITY),
                source.fingerprint(), config.splitSeed());
        var done = JobOutputs.completedWith(out, config, plan.identity());
        if (done != null) {
            return JobOutputs.gson().fromJson(done.get("result"), ClassifyJobResult.class).skippedCopy();
        }
        JobOutputs.checkWritable(out);
        JobOutputs.unmarkComplete(out);

        ClassifyRun run = ClassifyRun.of(spark, plan, table, out, config.driverSide(), new ClassifierAggregates(
                config.activations(), out.toString(), config.splitSeed(), config.seed()));
        List<Row> rows = run.rows(config.trials());
        JobOutputs.writeTable(spark.createDataFrame(rows, ClassificationRows.SCHEMA)
                .orderBy("concept", "label", "method", "row", "layer"), out.resolve(TABLE));
        ClassifyJobResult result = new ClassifyJobResult(out.toString(), config.targets(),
                methods.stream().map(BenchmarkMethod::id).toList(), plan.size(), run.reused(), rows.size(), false);
        JobOutputs.markComplete(out, config, result, plan.identity());
        return result;
    }
}
