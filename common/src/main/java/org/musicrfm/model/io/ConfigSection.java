package org.musicrfm.model.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.musicrfm.model.io.ConfigFile;

/** One section of a {@link ConfigFile} ({@code text_encoder}, {@code audio_encoder}, {@code decoder}). */
public final class ConfigSection {

    private final JsonObject json;
    private final String name;
    private final ConfigFile file;

    ConfigSection(JsonObject json, String name, ConfigFile file) {
        this.json = json;
        this.name = name;
        this.file = file;
    }

    /** A section read on its own (tests, sub-configs without a file): messages say {@code config.json}. */
    public static ConfigSection of(JsonObject json, String name) {
        return new ConfigSection(json, name, new ConfigFile("config.json"));
    }

    public String name() {
        return name;
    }

    public ConfigFile file() {
        return file;
    }

    /** The value of {@code key}; null when absent (noted with {@code dflt}) or JSON null (an explicit None). */
    JsonElement field(String key, Object dflt) {
        JsonElement e = json.get(key);
        if (e == null) {
            file.noteDefault(name + "." + key, dflt instanceof int[] a ? java.util.Arrays.toString(a)
                    : dflt instanceof double[] d ? java.util.Arrays.toString(d) : String.valueOf(dflt));
            return null;
        }
        return e.isJsonNull() ? null : e;
    }

    IllegalArgumentException invalid(String key, JsonElement value, String expected) {
        return new IllegalArgumentException(file.name() + ": " + name + "." + key + " = " + value + ": expected "
                + expected);
    }

    IllegalArgumentException missing(String key) {
        return new IllegalArgumentException(file.name() + ": " + name + "." + key + " is missing");
    }
}
