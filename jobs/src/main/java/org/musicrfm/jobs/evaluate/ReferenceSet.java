package org.musicrfm.jobs.evaluate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.musicrfm.eval.EvalClip;

/**
 * An explicit reference set: a folder of WAV files, or an audio table (Parquet with {@code path},
 * relative to the table's parent, and optionally {@code unit_id} or {@code clip_id}). Its clips'
 * ids are {@value #PREFIX} followed by the table's id or the file's path relative to the folder.
 */
final class ReferenceSet {

    static final String PREFIX = "reference:";
    static final String CONDITION = "reference";

    private ReferenceSet() {}

    static List<EvalClip> clips(SparkSession spark, Path ref) throws IOException {
        if (!Files.exists(ref)) {
            throw new IOException("reference set not found: " + ref);
        }
        List<EvalClip> out = new ArrayList<>();
        List<Path> wavs;
        try (Stream<Path> s = Files.isDirectory(ref) ? Files.walk(ref) : Stream.empty()) {
            wavs = s.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".wav")).sorted().toList();
        }
        if (!wavs.isEmpty()) {
            for (Path w : wavs) {
                out.add(clip(ref.relativize(w).toString(), w.toString()));
            }
            return out;
        }
        var ds = spark.read().parquet(ref.toString());
        List<String> columns = List.of(ds.columns());
        if (!columns.contains("path")) {
            throw new IllegalArgumentException("reference " + ref + " is neither a folder of WAV files nor an audio table"
                    + " with a 'path' column (columns: " + columns + ")");
        }
        String idColumn = columns.contains("unit_id") ? "unit_id" : columns.contains("clip_id") ? "clip_id" : "path";
        for (Row r : ds.orderBy(idColumn).collectAsList()) {
            out.add(clip(String.valueOf((Object) r.getAs(idColumn)), ref.getParent().resolve(r.<String>getAs("path"))
                    .toString()));
        }
        if (out.size() < 2) {
            throw new IllegalArgumentException("reference " + ref + " has " + out.size() + " clips, at least 2 needed");
        }
        return out;
    }

    private static EvalClip clip(String id, String path) {
        return new EvalClip(PREFIX + id, path, null, CONDITION, null, null, 0.0, true);
    }
}
