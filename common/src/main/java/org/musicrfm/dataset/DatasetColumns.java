package org.musicrfm.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The column contract of a dataset table (the metadata of {@code syntheory} and {@code musicbench}):
 * identity columns first ({@link #LEADING}), then the label columns a probe may predict, then
 * columns that describe the clip's file or text ({@link #SYNTHEORY_TRAILING},
 * {@link #MUSICBENCH_TRAILING}). Every column not in {@link #NOT_LABELS} is carried into the
 * activation table as a label; {@link #REGRESSION_LABELS} are predicted by regression probes.
 */
public final class DatasetColumns {

    /** Identity columns before the labels. */
    public static final List<StructField> LEADING = List.of(
            DataTypes.createStructField("concept", DataTypes.StringType, false),
            DataTypes.createStructField("clip_id", DataTypes.StringType, false));

    /** SynTheory's file facts after the labels. */
    public static final List<StructField> SYNTHEORY_TRAILING = List.of(
            DataTypes.createStructField("path", DataTypes.StringType, false),
            DataTypes.createStructField("offset_seconds", DataTypes.DoubleType, false),
            DataTypes.createStructField("duration_seconds", DataTypes.DoubleType, false),
            DataTypes.createStructField("sample_rate", DataTypes.IntegerType, false),
            DataTypes.createStructField("channels", DataTypes.IntegerType, false),
            DataTypes.createStructField("peak", DataTypes.FloatType, false),
            DataTypes.createStructField("is_silent", DataTypes.BooleanType, false),
            DataTypes.createStructField("seed", DataTypes.LongType, false));

    /** MusicBench's text and file facts after the labels. */
    public static final List<StructField> MUSICBENCH_TRAILING = List.of(
            DataTypes.createStructField("caption", DataTypes.StringType, true),
            DataTypes.createStructField("alt_caption", DataTypes.StringType, true),
            DataTypes.createStructField("location", DataTypes.StringType, false),
            DataTypes.createStructField("path", DataTypes.StringType, false),
            DataTypes.createStructField("duration_seconds", DataTypes.DoubleType, false),
            DataTypes.createStructField("sample_rate", DataTypes.IntegerType, false),
            DataTypes.createStructField("channels", DataTypes.IntegerType, false),
            DataTypes.createStructField("peak", DataTypes.FloatType, false),
            DataTypes.createStructField("is_silent", DataTypes.BooleanType, false));

    /** The name of the dataset a clip came from (a column of activation rows, and of some tables). */
    public static final String DATASET = "dataset";

    /** Columns that describe the clip, its file or its text, not the music: never probe labels. */
    public static final Set<String> NOT_LABELS = notLabels();

    /** Labels a regression probe predicts (a tempo in beats per minute); every other label is a class. */
    public static final Set<String> REGRESSION_LABELS = Set.of("bpm");

    private DatasetColumns() {}

    /** True for a column that may be a probe's label. */
    public static boolean isLabel(String column) {
        return !NOT_LABELS.contains(column);
    }

    /** True when {@code label} is predicted by regression rather than by classes. */
    public static boolean isRegression(String label) {
        return REGRESSION_LABELS.contains(label);
    }

    /**
     * The label columns of a table's schema, in its order, as nullable columns; columns of other
     * types (lists and maps, e.g. MusicBench's chord lists) are not probe labels.
     */
    public static List<LabelColumn> labelColumns(StructField[] fields) {
        List<LabelColumn> out = new ArrayList<>();
        for (StructField f : fields) {
            Class<?> type = isLabel(f.name()) ? javaType(f.dataType()) : null;
            if (type != null) {
                out.add(LabelColumn.optional(f.name(), type));
            }
        }
        return out;
    }

    private static Class<?> javaType(DataType t) {
        if (t.equals(DataTypes.StringType)) {
            return String.class;
        } else if (t.equals(DataTypes.IntegerType)) {
            return Integer.class;
        } else if (t.equals(DataTypes.LongType)) {
            return Long.class;
        } else if (t.equals(DataTypes.DoubleType)) {
            return Double.class;
        } else if (t.equals(DataTypes.FloatType)) {
            return Float.class;
        } else if (t.equals(DataTypes.BooleanType)) {
            return Boolean.class;
        }
        return null;
    }

    private static Set<String> notLabels() {
        Set<String> out = new TreeSet<>();
        LEADING.forEach(f -> out.add(f.name()));
        SYNTHEORY_TRAILING.forEach(f -> out.add(f.name()));
        MUSICBENCH_TRAILING.forEach(f -> out.add(f.name()));
        out.add(DATASET);
        return Set.copyOf(out);
    }
}
