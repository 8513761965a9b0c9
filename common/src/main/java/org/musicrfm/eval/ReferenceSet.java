package org.musicrfm.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.musicrfm.activations.ExtractChunk;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;

/**
 * An explicit reference set: a folder of WAV files, or an audio table (Parquet with {@code path},
 * relative to the table's parent, and optionally {@code unit_id} or {@code clip_id}). Its clips'
 * ids are {@value #PREFIX} followed by the table's id or the file's path relative to the folder.
 */
public final class ReferenceSet {

    public static final String PREFIX = "reference:";
    public static final String CONDITION = "reference";

    private ReferenceSet() {}

    /** The set's clips; a missing set, or a table without {@code path} or with fewer than 2 clips, is refused. */
    public static List<EvalClip> clips(SparkSession spark, Location ref) throws IOException {
        Storage storage = Storage.get();
        if (!storage.exists(ref)) {
            throw new IOException("reference set not found: " + ref);
        }
        List<EvalClip> out = new ArrayList<>();
        List<Location> wavs = storage.isDirectory(ref) ? storage.files(ref).stream()
                .filter(p -> p.name().toLowerCase().endsWith(".wav")).toList() : List.of();
        if (!wavs.isEmpty()) {
            String prefix = ref.uri().getPath() + "/";
            for (Location w : wavs) {
                out.add(clip(w.uri().getPath().substring(prefix.length()), w.toString()));
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
            out.add(clip(String.valueOf((Object) r.getAs(idColumn)),
                    ExtractChunk.audioFile(ref.parent(), r.<String>getAs("path")).toString()));
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
