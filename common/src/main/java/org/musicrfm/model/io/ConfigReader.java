package org.musicrfm.model.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.function.Function;

/**
 * Typed reads from a {@code config.json} section, with the transformers defaults for absent or null
 * keys; a value of the wrong type is an error naming the file, the section and the key.
 */
final class ConfigReader {

    private final JsonObject json;
    private final String where;
    private final String file;

    ConfigReader(JsonObject json, String where) {
        this(json, where, "config.json");
    }

    private ConfigReader(JsonObject json, String where, String file) {
        this.json = json;
        this.where = where;
        this.file = file;
    }

    /** The sub-config {@code key}; an error naming it when absent. */
    static ConfigReader section(JsonObject root, String key) {
        return section(root, key, new ConfigFile("config.json"));
    }

    /** The sub-config {@code key} of {@code file}'s contents; an error naming both when absent. */
    static ConfigReader section(JsonObject root, String key, ConfigFile file) {
        JsonElement e = root.get(key);
        if (e == null || !e.isJsonObject()) {
            throw new IllegalArgumentException(file.name() + ": no \"" + key + "\" object"
                    + (e == null ? "" : " (found " + e + ")") + ": not a MusicGen config");
        }
        return new ConfigReader(e.getAsJsonObject(), key, file.name());
    }

    private JsonElement get(String key) {
        JsonElement e = json.get(key);
        return e == null || e.isJsonNull() ? null : e;
    }

    private IllegalArgumentException invalid(String key, JsonElement e, String expected) {
        return new IllegalArgumentException(file + ": " + where + "." + key + " = " + e + ": expected " + expected);
    }

    private <T> T typed(String key, JsonElement e, String expected, Function<JsonElement, T> read) {
        if (!e.isJsonPrimitive() && !expected.startsWith("a list")) {
            throw invalid(key, e, expected);
        }
        try {
            return read.apply(e);
        } catch (RuntimeException ex) {
            throw invalid(key, e, expected);
        }
    }

    int integer(String key, int dflt) {
        JsonElement e = get(key);
        if (e == null) {
            return dflt;
        }
        double d = typed(key, e, "a non-negative integer", JsonElement::getAsDouble);
        if (d < 0 || d != Math.rint(d) || d > Integer.MAX_VALUE) {
            throw invalid(key, e, "a non-negative integer");
        }
        return (int) d;
    }

    /** A size or a divisor: an integer above 0. */
    int positive(String key, int dflt) {
        int v = integer(key, dflt);
        if (v <= 0) {
            throw invalid(key, json.get(key), "a positive integer");
        }
        return v;
    }

    Integer optionalInteger(String key) {
        return get(key) == null ? null : integer(key, 0);
    }

    double number(String key, double dflt) {
        JsonElement e = get(key);
        return e == null ? dflt : typed(key, e, "a number", x -> Double.parseDouble(x.getAsString()));
    }

    boolean bool(String key, boolean dflt) {
        JsonElement e = get(key);
        if (e == null) {
            return dflt;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw invalid(key, e, "true or false");
        }
        return e.getAsBoolean();
    }

    String string(String key, String dflt) {
        JsonElement e = get(key);
        if (e == null) {
            return dflt;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw invalid(key, e, "a string");
        }
        return e.getAsString();
    }

    int[] integers(String key, int... dflt) {
        JsonElement e = get(key);
        if (e == null) {
            return dflt.clone();
        }
        if (!e.isJsonArray()) {
            throw invalid(key, e, "a list of integers");
        }
        JsonArray a = e.getAsJsonArray();
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement x = a.get(i);
            double d = x.isJsonPrimitive() && x.getAsJsonPrimitive().isNumber() ? x.getAsDouble() : Double.NaN;
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                throw invalid(key, e, "a list of integers");
            }
            out[i] = (int) d;
        }
        return out;
    }

    double[] numbers(String key, double... dflt) {
        JsonElement e = get(key);
        if (e == null) {
            return dflt.clone();
        }
        if (!e.isJsonArray() || e.getAsJsonArray().isEmpty()) {
            throw invalid(key, e, "a non-empty list of numbers");
        }
        JsonArray a = e.getAsJsonArray();
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement x = a.get(i);
            if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isNumber()) {
                throw invalid(key, e, "a list of numbers");
            }
            out[i] = x.getAsDouble();
        }
        return out;
    }
}
