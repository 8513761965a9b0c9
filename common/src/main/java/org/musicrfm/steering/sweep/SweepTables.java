package org.musicrfm.steering.sweep;

import static org.musicrfm.io.TableSchemas.field;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The tables a sweep writes: {@code generations/} ({@link #SCHEMA}) and {@code errors/} ({@link #ERRORS}). */
public final class SweepTables {

    private SweepTables() {}

    /** The rows of the units of {@code units} that are done in output {@code out}, ordered by unit id. */
    public static List<Row> generations(Path out, List<SweepUnit> units) throws IOException {
        return generations(org.musicrfm.io.Location.of(out), units);
    }

    /** As {@link #generations(Path, List)} for an output on any file system {@link org.musicrfm.io.Storage} reaches. */
    public static List<Row> generations(org.musicrfm.io.Location out, List<SweepUnit> units) throws IOException {
        org.musicrfm.io.Storage storage = org.musicrfm.io.Storage.get();
        List<Row> rows = new ArrayList<>();
        for (SweepUnit u : units) {
            org.musicrfm.io.Location f = SweepOutputs.rowFile(out, u.unitId());
            if (storage.isFile(f)) {
                rows.add(row(JsonParser.parseString(storage.readString(f)).getAsJsonObject()));
            }
        }
        rows.sort(Comparator.comparing(r -> r.getString(0)));
        return rows;
    }

    /** The {@link #ERRORS} rows of {@code (unit_id, stage, message)} triples. */
    public static List<Row> errors(List<String[]> errors) {
        return errors.stream().map(e -> RowFactory.create(e[0], e[1], e[2])).toList();
    }

    /** The {@code generations} table: one row per generated clip. */
    public static final StructType SCHEMA = DataTypes.createStructType(List.of(
            field("unit_id", DataTypes.StringType), field("condition", DataTypes.StringType),
            field("concept", DataTypes.StringType), field("target", DataTypes.StringType),
            field("eta", DataTypes.DoubleType), field("weighting", DataTypes.StringType),
            field("schedule", DataTypes.StringType), field("gate_p", DataTypes.DoubleType),
            field("cfg_rows", DataTypes.StringType), field("combination", DataTypes.StringType),
            field("directions_json", DataTypes.StringType), field("prompt", DataTypes.StringType),
            field("prompt_index", DataTypes.IntegerType), field("seed_index", DataTypes.IntegerType),
            field("seed", DataTypes.LongType), field("seconds", DataTypes.DoubleType),
            field("path", DataTypes.StringType),
            field("model_name", DataTypes.StringType), field("model_fingerprint", DataTypes.StringType),
            field("pack_fingerprints", DataTypes.StringType), field("guidance", DataTypes.DoubleType),
            field("top_k", DataTypes.IntegerType), field("temperature", DataTypes.DoubleType),
            field("generation_seconds", DataTypes.DoubleType), field("batch_id", DataTypes.StringType),
            field("batch_size", DataTypes.IntegerType),
            field("batch_index", DataTypes.IntegerType), field("batch_seconds", DataTypes.DoubleType),
            field("frame_rate", DataTypes.DoubleType)));

    /** The {@code errors} table: the units that failed, with the stage and message. */
    public static final StructType ERRORS = DataTypes.createStructType(List.of(field("unit_id", DataTypes.StringType),
            field("stage", DataTypes.StringType), field("message", DataTypes.StringType)));


    /** A unit's row (its {@code units/<id>.json}) as a row of {@link #SCHEMA}. */
    public static Row row(JsonObject o) {
        Object[] v = new Object[SCHEMA.fields().length];
        for (int i = 0; i < v.length; i++) {
            StructField f = SCHEMA.fields()[i];
            var e = o.get(f.name());
            if (e == null || e.isJsonNull()) {
                v[i] = null;
            } else if (f.dataType() == DataTypes.DoubleType) {
                v[i] = e.getAsDouble();
            } else if (f.dataType() == DataTypes.IntegerType) {
                v[i] = e.getAsInt();
            } else if (f.dataType() == DataTypes.LongType) {
                v[i] = e.getAsLong();
            } else {
                v[i] = e.getAsString();
            }
        }
        return RowFactory.create(v);
    }
}
