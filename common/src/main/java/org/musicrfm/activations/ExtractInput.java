package org.musicrfm.activations;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.musicrfm.dataset.DatasetColumns;
import org.musicrfm.dataset.LabelColumn;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;
import org.musicrfm.provenance.UnitIdentity;

/**
 * The dataset table an extraction reads: its rows ordered by clip id (silent clips left out unless
 * asked for), its columns and label columns, the dataset's name (the table's parent folder, used
 * where the table has no {@code dataset} column) and the folder relative audio paths resolve against.
 */
public record ExtractInput(List<Row> rows, List<String> columns, List<LabelColumn> labels, String datasetName,
                           Location audioRoot) {

    /**
     * Reads {@code table}, which must have {@code clip_id} and {@code path} columns.
     *
     * @param audioRoot the folder relative paths resolve against (any location {@link Storage} reaches, checked
     *                  as {@code --audio-root}); null for the table's parent
     */
    public static ExtractInput read(SparkSession spark, Path table, String audioRoot, boolean includeSilent) {
        return read(spark, Location.of(table), audioRoot, includeSilent);
    }

    /** As {@link #read(SparkSession, Path, String, boolean)} for a table on any file system. */
    public static ExtractInput read(SparkSession spark, Location table, String audioRoot, boolean includeSilent) {
        Location root = audioRoot != null ? Storage.get().location(audioRoot, "--audio-root") : table.parent();
        Dataset<Row> ds = spark.read().parquet(table.toString());
        List<String> columns = List.of(ds.columns());
        for (String required : List.of("clip_id", "path")) {
            if (!columns.contains(required)) {
                throw new IllegalArgumentException("dataset table " + table + " has no column '" + required
                        + "' (columns: " + columns + ")");
            }
        }
        if (!includeSilent && columns.contains("is_silent")) {
            ds = ds.filter("NOT is_silent");
        }
        List<LabelColumn> labels = DatasetColumns.labelColumns(ds.schema().fields());
        return new ExtractInput(ds.orderBy("clip_id").collectAsList(), columns, labels, table.parent().name(), root);
    }

    /** The clips cut into chunks ({@link ExtractChunk#plan}), their audio files hashed by the executors. */
    public List<ExtractChunk> chunks(SparkSession spark, int clipsPerChunk, UnitIdentity base) {
        List<Location> files = rows.stream().map(r -> ExtractChunk.audioFile(audioRoot, r.<String>getAs("path")))
                .toList();
        return ExtractChunk.plan(rows, labels, columns, datasetName, audioRoot, fileDigests(spark, files),
                clipsPerChunk, base);
    }

    /**
     * SHA-256 of each file's bytes ({@code "missing"} for a file that is not there; the chunk then
     * lists it among its errors), hashed by the executors in parallel.
     */
    static List<String> fileDigests(SparkSession spark, List<Location> files) {
        if (files.isEmpty()) {
            return List.of();
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.setJobDescription("extract: digests of " + files.size() + " audio files");
        int slices = Math.max(1, Math.min(files.size() / 16, jsc.defaultParallelism() * 4));
        return jsc.parallelize(files, slices).map(f -> {
            Storage storage = Storage.get();
            try {
                return storage.isFile(f) ? storage.sha256(f) : "missing";
            } catch (IOException e) {
                return "unreadable";
            }
        }).collect();
    }
}
