package org.musicrfm.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The tables of an evaluation, built from clip results and per-condition rows, each sorted:
 * {@code embeddings}, {@code clip_metrics}, {@code metrics}, {@code traces} and {@code errors}.
 */
public final class EvaluationTables {

    private EvaluationTables() {}

    /** One table and the folder name it is written under. */
    public record Table(String name, Dataset<Row> rows) {}

    /** The tables, in the order they are written. */
    public static List<Table> build(SparkSession spark, List<ClipResult> results, List<ConditionMetrics.Row> metrics) {
        List<Row> emb = new ArrayList<>();
        List<Row> clips = new ArrayList<>();
        List<Row> traces = new ArrayList<>();
        List<Row> errors = new ArrayList<>();
        for (ClipResult r : results) {
            if (r.failed()) {
                errors.add(row(r.unitId(), r.errorStage(), r.errorMessage()));
                continue;
            }
            for (Map.Entry<String, float[]> e : r.embeddings().entrySet()) {
                List<Float> v = new ArrayList<>(e.getValue().length);
                for (float x : e.getValue()) {
                    v.add(x);
                }
                emb.add(row(r.unitId(), e.getKey(), v));
            }
            if (r.reference()) {
                continue;
            }
            clips.add(row(r.unitId(), r.condition(), r.concept(), r.target(), r.eta(), r.clapScore(),
                    r.probePrediction(), r.probeTargetProbability(), r.probeCorrect(), r.tempoErrorBpm(),
                    r.pcTargetShare(), r.pcTargetRank(), r.keyEstimate(), r.chordQualityEstimate(),
                    r.tempoEstimateBpm(), r.aggregatePrediction(), r.aggregateTargetProbability(),
                    r.aggregateCorrect()));
            for (ClipResult.TracePoint t : r.traces()) {
                traces.add(row(r.unitId(), r.condition(), t.layer(), t.frame(), t.timeSeconds(), t.cls(),
                        t.probability()));
            }
        }
        List<Row> m = new ArrayList<>();
        for (ConditionMetrics.Row c : metrics) {
            m.add(row(c.condition(), c.concept(), c.target(), c.eta(), c.n(), c.fd(), c.mmd(), c.clapMean(),
                    c.clapCiLow(), c.clapCiHigh(), c.probeAccuracy(), c.modelFreeAccuracy(), c.embeddingKind(),
                    c.reference(), c.aggregateAccuracy()));
        }
        List<Table> tables = new ArrayList<>();
        var s = DataTypes.StringType;
        var d = DataTypes.DoubleType;
        var i = DataTypes.IntegerType;
        tables.add(table(spark.createDataFrame(emb, schema("unit_id", s, "kind", s, "vector",
                DataTypes.createArrayType(DataTypes.FloatType, false))).orderBy("unit_id", "kind"), "embeddings"));
        tables.add(table(spark.createDataFrame(clips, schema("unit_id", s, "condition", s, "concept", s, "target", s,
                "eta", d, "clap_score", d, "probe_prediction", s, "probe_target_probability", d, "probe_correct",
                DataTypes.BooleanType, "tempo_error_bpm", d, "pc_target_share", d, "pc_target_rank", i, "key_estimate", s,
                "chord_quality_estimate", s, "tempo_estimate_bpm", d, "aggregate_prediction", s,
                "aggregate_target_probability", d, "aggregate_correct", DataTypes.BooleanType)).orderBy("unit_id"), "clip_metrics"));
        tables.add(table(spark.createDataFrame(m, schema("condition", s, "concept", s, "target", s, "eta", d, "n",
                DataTypes.LongType, "fd", d, "mmd", d, "clap_mean", d, "clap_ci_low", d, "clap_ci_high", d,
                "probe_accuracy", d, "model_free_accuracy", d, "embedding_kind", s, "reference", s,
                "aggregate_accuracy", d))
                .orderBy("condition"), "metrics"));
        tables.add(table(spark.createDataFrame(traces, schema("unit_id", s, "condition", s, "layer", i, "frame", i,
                "time_seconds", d, "class", s, "probability", d)).orderBy("unit_id", "layer", "frame", "class"),
                "traces"));
        tables.add(table(spark.createDataFrame(errors, schema("unit_id", s, "stage", s, "message", s))
                .orderBy("unit_id"), "errors"));
        return tables;
    }

    private static Table table(Dataset<Row> rows, String name) {
        return new Table(name, rows);
    }

    private static StructType schema(Object... nameTypes) {
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < nameTypes.length; i += 2) {
            fields.add(DataTypes.createStructField((String) nameTypes[i], (DataType) nameTypes[i + 1], true));
        }
        return DataTypes.createStructType(fields);
    }

    private static Row row(Object... values) {
        return RowFactory.create(values);
    }
}
