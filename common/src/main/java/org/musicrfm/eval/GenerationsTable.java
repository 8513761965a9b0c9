package org.musicrfm.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.musicrfm.activations.ExtractChunk;
import org.musicrfm.io.Location;

/**
 * A generations table read for evaluation: its clips sorted by unit id, and each clip's pairing key
 * (prompt and seed, when the table has a {@code seed} column) that matches clips across conditions.
 */
public record GenerationsTable(List<EvalClip> clips, Map<String, String> pairing) {

    /** Columns a generations table must have. */
    public static final List<String> REQUIRED = List.of("unit_id", "path", "prompt", "condition", "concept", "target",
            "eta");

    /** Reads the table; WAV paths resolve against {@code audioRoot}. A missing column is refused, naming it. */
    public static GenerationsTable read(SparkSession spark, Location table, Location audioRoot) {
        Dataset<Row> ds = spark.read().parquet(table.toString());
        List<String> columns = List.of(ds.columns());
        for (String c : REQUIRED) {
            if (!columns.contains(c)) {
                throw new IllegalArgumentException("generations table " + table + " has no column '" + c + "' (columns: "
                        + columns + ")");
            }
        }
        List<EvalClip> clips = new ArrayList<>();
        Map<String, String> pairing = new LinkedHashMap<>();
        boolean hasSeed = columns.contains("seed");
        for (Row r : ds.orderBy("unit_id").collectAsList()) {
            String id = r.getAs("unit_id");
            Object eta = r.getAs("eta");
            clips.add(new EvalClip(id, ExtractChunk.audioFile(audioRoot, r.<String>getAs("path")).toString(),
                    r.getAs("prompt"),
                    r.getAs("condition"), r.getAs("concept"), r.getAs("target"),
                    eta == null ? 0.0 : ((Number) eta).doubleValue(), false));
            pairing.put(id, r.getAs("prompt") + "|" + (hasSeed ? String.valueOf((Object) r.getAs("seed")) : ""));
        }
        return new GenerationsTable(clips, pairing);
    }
}
