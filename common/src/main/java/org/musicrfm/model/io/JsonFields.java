package org.musicrfm.model.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import org.musicrfm.model.io.ConfigFile;
import org.musicrfm.model.io.ConfigSection;

/**
 * Reads {@code config.json} fields with Hugging Face's defaults for absent or null ones; a value of
 * the wrong type is an error naming the file, section and key.
 */
public final class JsonFields {

    private JsonFields() {}

    private static boolean isNumber(JsonElement e) {
        return e.isJsonPrimitive() && ((JsonPrimitive) e).isNumber();
    }

    private static int toInt(ConfigSection c, String key, JsonElement e) {
        if (!isNumber(e)) {
            throw c.invalid(key, e, "an integer");
        }
        double d = e.getAsDouble();
        if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
            throw c.invalid(key, e, "an integer");
        }
        return (int) d;
    }

    public static int getInt(ConfigSection c, String key, int dflt) {
        JsonElement e = c.field(key, dflt);
        return e == null ? dflt : toInt(c, key, e);
    }

    /** A required integer: an error naming the field when absent. */
    public static int requireInt(ConfigSection c, String key) {
        JsonElement e = c.field(key, "(required)");
        if (e == null) {
            throw c.missing(key);
        }
        return toInt(c, key, e);
    }

    public static double getDouble(ConfigSection c, String key, double dflt) {
        JsonElement e = c.field(key, dflt);
        if (e == null) {
            return dflt;
        }
        if (!isNumber(e)) {
            throw c.invalid(key, e, "a number");
        }
        return e.getAsDouble();
    }

    public static boolean getBool(ConfigSection c, String key, boolean dflt) {
        JsonElement e = c.field(key, dflt);
        if (e == null) {
            return dflt;
        }
        if (!e.isJsonPrimitive() || !((JsonPrimitive) e).isBoolean()) {
            throw c.invalid(key, e, "true or false");
        }
        return e.getAsBoolean();
    }

    public static String getString(ConfigSection c, String key, String dflt) {
        JsonElement e = c.field(key, dflt);
        if (e == null) {
            return dflt;
        }
        if (!e.isJsonPrimitive() || !((JsonPrimitive) e).isString()) {
            throw c.invalid(key, e, "a string");
        }
        return e.getAsString();
    }

    /** Null when absent or null. */
    public static Double getNullableDouble(ConfigSection c, String key) {
        JsonElement e = c.field(key, "null");
        if (e == null) {
            return null;
        }
        if (!isNumber(e)) {
            throw c.invalid(key, e, "a number or null");
        }
        return e.getAsDouble();
    }

    public static int[] getInts(ConfigSection c, String key, int[] dflt) {
        JsonElement e = c.field(key, dflt);
        if (e == null) {
            return dflt;
        }
        if (!e.isJsonArray()) {
            throw c.invalid(key, e, "a list of integers");
        }
        JsonArray a = e.getAsJsonArray();
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!isNumber(a.get(i))) {
                throw c.invalid(key, e, "a list of integers");
            }
            out[i] = toInt(c, key, a.get(i));
        }
        return out;
    }

    public static double[] getDoubles(ConfigSection c, String key, double[] dflt) {
        JsonElement e = c.field(key, dflt);
        if (e == null) {
            return dflt;
        }
        if (!e.isJsonArray() || e.getAsJsonArray().isEmpty()) {
            throw c.invalid(key, e, "a non-empty list of numbers");
        }
        JsonArray a = e.getAsJsonArray();
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!isNumber(a.get(i))) {
                throw c.invalid(key, e, "a list of numbers");
            }
            out[i] = a.get(i).getAsDouble();
        }
        return out;
    }

    // Plain JsonObject readers for sub-configs parsed without a ConfigFile (CLAP's text/audio configs).

    private static JsonElement rawField(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e;
    }

    public static int getInt(JsonObject o, String key, int dflt) {
        JsonElement e = rawField(o, key);
        return e == null ? dflt : e.getAsInt();
    }

    /** A required integer: an error naming the field when absent. */
    public static int requireInt(JsonObject o, String key, String where) {
        JsonElement e = rawField(o, key);
        if (e == null) {
            throw new IllegalArgumentException(where + ": config field '" + key + "' is missing");
        }
        return e.getAsInt();
    }

    public static double getDouble(JsonObject o, String key, double dflt) {
        JsonElement e = rawField(o, key);
        return e == null ? dflt : e.getAsDouble();
    }

    public static boolean getBool(JsonObject o, String key, boolean dflt) {
        JsonElement e = rawField(o, key);
        return e == null ? dflt : e.getAsBoolean();
    }

    public static String getString(JsonObject o, String key, String dflt) {
        JsonElement e = rawField(o, key);
        return e == null ? dflt : e.getAsString();
    }

    /** Null when absent or null. */
    public static Double getNullableDouble(JsonObject o, String key) {
        JsonElement e = rawField(o, key);
        return e == null ? null : e.getAsDouble();
    }

    public static int[] getInts(JsonObject o, String key, int[] dflt) {
        JsonElement e = rawField(o, key);
        if (e == null) {
            return dflt;
        }
        JsonArray a = e.getAsJsonArray();
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsInt();
        }
        return out;
    }

    public static double[] getDoubles(JsonObject o, String key, double[] dflt) {
        JsonElement e = rawField(o, key);
        if (e == null) {
            return dflt;
        }
        JsonArray a = e.getAsJsonArray();
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsDouble();
        }
        return out;
    }

    /** A required sub-object ({@code text_encoder}, {@code audio_encoder}, {@code decoder}). */
    public static JsonObject requireObject(JsonObject o, String key, String where) {
        JsonElement e = rawField(o, key);
        if (e == null || !e.isJsonObject()) {
            throw new IllegalArgumentException(where + ": config object '" + key + "' is missing");
        }
        return e.getAsJsonObject();
    }
}
