package org.musicrfm.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Reads {@code config.json} fields with Hugging Face's defaults for absent or null ones. */
public final class JsonFields {

    private JsonFields() {}

    private static JsonElement field(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e;
    }

    public static int getInt(JsonObject o, String key, int dflt) {
        JsonElement e = field(o, key);
        return e == null ? dflt : e.getAsInt();
    }

    /** A required integer: an error naming the field when absent. */
    public static int requireInt(JsonObject o, String key, String where) {
        JsonElement e = field(o, key);
        if (e == null) {
            throw new IllegalArgumentException(where + ": config field '" + key + "' is missing");
        }
        return e.getAsInt();
    }

    public static double getDouble(JsonObject o, String key, double dflt) {
        JsonElement e = field(o, key);
        return e == null ? dflt : e.getAsDouble();
    }

    public static boolean getBool(JsonObject o, String key, boolean dflt) {
        JsonElement e = field(o, key);
        return e == null ? dflt : e.getAsBoolean();
    }

    public static String getString(JsonObject o, String key, String dflt) {
        JsonElement e = field(o, key);
        return e == null ? dflt : e.getAsString();
    }

    /** Null when absent or null. */
    public static Double getNullableDouble(JsonObject o, String key) {
        JsonElement e = field(o, key);
        return e == null ? null : e.getAsDouble();
    }

    public static int[] getInts(JsonObject o, String key, int[] dflt) {
        JsonElement e = field(o, key);
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
        JsonElement e = field(o, key);
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
        JsonElement e = field(o, key);
        if (e == null || !e.isJsonObject()) {
            throw new IllegalArgumentException(where + ": config object '" + key + "' is missing");
        }
        return e.getAsJsonObject();
    }
}
