package org.musicrfm.dataset;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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

    private static Set<String> notLabels() {
        Set<String> out = new TreeSet<>();
        LEADING.forEach(f -> out.add(f.name()));
        SYNTHEORY_TRAILING.forEach(f -> out.add(f.name()));
        MUSICBENCH_TRAILING.forEach(f -> out.add(f.name()));
        out.add(DATASET);
        return Set.copyOf(out);
    }
}
