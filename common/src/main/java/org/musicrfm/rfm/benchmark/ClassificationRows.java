package org.musicrfm.rfm.benchmark;

import static org.musicrfm.io.TableSchemas.field;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The rows of the classification table: one {@code layer} row per (concept, label, method, layer) and one
 * {@code best} row per (concept, label, method); the aggregator's layer is −1.
 */
public final class ClassificationRows {

    private ClassificationRows() {}

    /** The table's columns. */
    public static final StructType SCHEMA = new StructType(new StructField[] {
            field("concept", DataTypes.StringType), field("label", DataTypes.StringType),
            field("method", DataTypes.StringType), field("pooling", DataTypes.StringType),
            field("row", DataTypes.StringType), field("layer", DataTypes.IntegerType),
            field("metric", DataTypes.StringType), field("val", DataTypes.DoubleType),
            field("test", DataTypes.DoubleType), field("test_accuracy", DataTypes.DoubleType),
            field("test_r2", DataTypes.DoubleType), field("test_nmse", DataTypes.DoubleType),
            field("params", DataTypes.StringType), field("trials", DataTypes.IntegerType),
            field("n_train", DataTypes.IntegerType), field("n_val", DataTypes.IntegerType),
            field("n_test", DataTypes.IntegerType), field("seconds", DataTypes.DoubleType),
            field("cpu_seconds", DataTypes.DoubleType), field("flops", DataTypes.LongType)});


    /** The unit's layer rows and its best row (with the unit's total time and flops); {@code trials} per search. */
    public static List<Row> of(MethodResult r, int trials) {
        List<Row> out = new ArrayList<>();
        for (LayerScore s : r.layers()) {
            out.add(row(r, s, "layer", s.seconds(), s.cpuSeconds(), s.flops(), trials));
        }
        out.add(row(r, r.best(), "best", r.seconds(), r.cpuSeconds(), r.flops(), trials));
        return out;
    }

    private static Row row(MethodResult r, LayerScore s, String kind, double seconds, double cpu, long flops,
                           int trials) {
        return RowFactory.create(r.concept(), r.label(), r.method().id(), r.method().pooling(), kind, s.layer(),
                r.metric(), ClassifyBenchmark.value(r.metric(), s.val()), ClassifyBenchmark.value(r.metric(), s.test()),
                s.test().accuracy(), s.test().r2(), s.test().mse(), s.params(), trials, r.trainClips(),
                r.valClips(), r.testClips(), seconds, cpu, flops);
    }
}
