package org.musicrfm.model.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Typed reads from a {@code config.json} section, with the transformers defaults for absent or null keys. */
final class ConfigReader {

    private final JsonObject json;
    private final String where;

    ConfigReader(JsonObject json, String where) {
        this.json = json;
        this.where = where;
    }

    /** The sub-config {@code key}; an error naming it when absent. */
    static ConfigReader section(JsonObject root, String key) {
        JsonElement e = root.get(key);
        if (e == null || !e.isJsonObject()) {
            throw new IllegalArgumentException("config.json has no \"" + key + "\" section (not a MusicGen config)");
        }
        return new ConfigReader(e.getAsJsonObject(), key);
    }

    private JsonElement get(String key) {
        JsonElement e = json.get(key);
        return e == null || e.isJsonNull() ? null : e;
    }

    int integer(String key, int dflt) {
        JsonElement e = get(key);
        if (e == null) {
            return dflt;
        }
        try {
            int v = e.getAsInt();
            if (v < 0) {
                throw new IllegalArgumentException();
            }
            return v;
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException("config.json " + where + "." + key + " = " + e
                    + ": expected a non-negative integer");
        }
    }

    Integer optionalInteger(String key) {
        return get(key) == null ? null : integer(key, 0);
    }

    double number(String key, double dflt) {
        JsonElement e = get(key);
        return e == null ? dflt : e.getAsDouble();
    }

    boolean bool(String key, boolean dflt) {
        JsonElement e = get(key);
        return e == null ? dflt : e.getAsBoolean();
    }

    String string(String key, String dflt) {
        JsonElement e = get(key);
        return e == null ? dflt : e.getAsString();
    }

    int[] integers(String key, int... dflt) {
        JsonElement e = get(key);
        if (e == null) {
            return dflt.clone();
        }
        JsonArray a = e.getAsJsonArray();
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsInt();
        }
        return out;
    }

    double[] numbers(String key, double... dflt) {
        JsonElement e = get(key);
        if (e == null) {
            return dflt.clone();
        }
        JsonArray a = e.getAsJsonArray();
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsDouble();
        }
        return out;
    }
}
