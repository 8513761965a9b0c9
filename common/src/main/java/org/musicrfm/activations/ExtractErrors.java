package org.musicrfm.activations;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;

/**
 * The clips an extraction could not read: per chunk a JSON list ({@code clip_id}, {@code path},
 * {@code error}), gathered into the {@code errors} table ({@link #SCHEMA}).
 */
public final class ExtractErrors {

    private ExtractErrors() {}

    public static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("clip_id", DataTypes.StringType, false),
            DataTypes.createStructField("path", DataTypes.StringType, false),
            DataTypes.createStructField("error", DataTypes.StringType, false)));

    /** A chunk's failures as its JSON error list (UTF-8). */
    public static byte[] json(List<ClipActivations.Failure> failures) {
        JsonArray errors = new JsonArray();
        for (ClipActivations.Failure f : failures) {
            JsonObject err = new JsonObject();
            err.addProperty("clip_id", f.clipId());
            err.addProperty("path", f.path());
            err.addProperty("error", f.error());
            errors.add(err);
        }
        return errors.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The rows of {@link #SCHEMA} of every chunk's error list inside output {@code out}, in chunk order. */
    public static List<Row> rows(Path out, List<ExtractChunk> chunks) throws IOException {
        return rows(Location.of(out), chunks);
    }

    /** As {@link #rows(Path, List)} for an output on any file system {@link Storage} reaches. */
    public static List<Row> rows(Location out, List<ExtractChunk> chunks) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (ExtractChunk c : chunks) {
            rows.addAll(rows(Storage.get().readString(c.errorsFile(out))));
        }
        return rows;
    }

    /** The rows of {@link #SCHEMA} of one chunk's JSON error list. */
    public static List<Row> rows(String json) {
        List<Row> rows = new ArrayList<>();
        JsonParser.parseString(json).getAsJsonArray().forEach(e -> rows.add(RowFactory.create(
                e.getAsJsonObject().get("clip_id").getAsString(), e.getAsJsonObject().get("path").getAsString(),
                e.getAsJsonObject().get("error").getAsString())));
        return rows;
    }
}
