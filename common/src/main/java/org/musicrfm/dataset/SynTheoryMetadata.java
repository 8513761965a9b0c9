package org.musicrfm.dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.musicrfm.io.Location;

/**
 * The SynTheory metadata table: {@link DatasetColumns#LEADING}, the selected concepts' label
 * columns (nullable, in order of first appearance), {@link DatasetColumns#SYNTHEORY_TRAILING}.
 */
public final class SynTheoryMetadata {

    private SynTheoryMetadata() {}

    /** Clips and silent clips per concept in a written metadata table. */
    public record Counts(Map<String, Long> clips, Map<String, Long> silent) {}

    /** The table's schema for the given configurations. */
    public static StructType schema(List<ClipSpec> specs) {
        Map<String, DataType> labels = new LinkedHashMap<>();
        for (ClipSpec s : specs) {
            s.labels().forEach((k, v) -> {
                if (v != null) {
                    labels.putIfAbsent(k, sparkType(k, v));
                }
            });
        }
        List<StructField> fields = new ArrayList<>(DatasetColumns.LEADING);
        labels.forEach((k, t) -> fields.add(DataTypes.createStructField(k, t, true)));
        fields.addAll(DatasetColumns.SYNTHEORY_TRAILING);
        return DataTypes.createStructType(fields);
    }

    /** The label columns of a schema made by {@link #schema}. */
    public static List<String> labelColumns(StructType schema) {
        return schema.fieldNames().length == 0 ? List.of()
                : new ArrayList<>(List.of(schema.fieldNames()).subList(DatasetColumns.LEADING.size(),
                        schema.size() - DatasetColumns.SYNTHEORY_TRAILING.size()));
    }

    /** One clip's row, with the given label columns. */
    public static Row row(RenderedClip c, List<String> labelColumns) {
        List<Object> values = new ArrayList<>();
        values.add(c.spec().concept().id());
        values.add(c.spec().clipId());
        for (String col : labelColumns) {
            values.add(c.spec().labels().get(col));
        }
        values.add(c.path());
        values.add(c.offsetSeconds());
        values.add(c.durationSeconds());
        values.add(c.sampleRate());
        values.add(c.channels());
        values.add(c.peak());
        values.add(c.isSilent());
        values.add(c.seed());
        return RowFactory.create(values.toArray());
    }

    /** Counts the clips and silent clips per concept of the table at {@code table}. */
    public static Counts counts(SparkSession spark, Location table) {
        Map<String, Long> clips = new TreeMap<>();
        Map<String, Long> silent = new TreeMap<>();
        for (Row r : spark.read().parquet(table.toString()).groupBy("concept")
                .agg(functions.count("*"), functions.sum(functions.col("is_silent").cast("int")))
                .collectAsList()) {
            clips.put(r.getString(0), r.getLong(1));
            silent.put(r.getString(0), r.isNullAt(2) ? 0L : r.getLong(2));
        }
        return new Counts(clips, silent);
    }

    private static DataType sparkType(String column, Object v) {
        if (v instanceof String) {
            return DataTypes.StringType;
        } else if (v instanceof Integer) {
            return DataTypes.IntegerType;
        } else if (v instanceof Long) {
            return DataTypes.LongType;
        } else if (v instanceof Double) {
            return DataTypes.DoubleType;
        } else if (v instanceof Boolean) {
            return DataTypes.BooleanType;
        }
        throw new IllegalArgumentException("label column " + column + " has unsupported type " + v.getClass());
    }
}
