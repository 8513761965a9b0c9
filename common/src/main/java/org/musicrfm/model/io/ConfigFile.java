package org.musicrfm.model.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@code config.json} being read: its path, named in every error, and the keys it lacks that
 * took the transformers defaults (listed in warnings and sidecars: a checkpoint saved by an old or
 * hand-edited config can differ from what its weights were trained with).
 */
public final class ConfigFile {

    private final String name;
    private final List<String> defaulted = new ArrayList<>();

    /** {@code name}: how messages refer to the file (its path when known). */
    public ConfigFile(String name) {
        this.name = name;
    }

    public static ConfigFile of(Path file) {
        return new ConfigFile(file.toAbsolutePath().toString());
    }

    public String name() {
        return name;
    }

    /** The sub-object {@code key} of {@code root}; an error naming the file and key when absent. */
    public ConfigSection section(JsonObject root, String key) {
        JsonElement e = root.get(key);
        if (e == null || !e.isJsonObject()) {
            throw new IllegalArgumentException(name + ": no \"" + key + "\" object"
                    + (e == null ? "" : " (found " + e + ")") + ": not a MusicGen config");
        }
        return new ConfigSection(e.getAsJsonObject(), key, this);
    }

    /** Keys absent from the file that took defaults, as {@code section.key=value}, in reading order. */
    public List<String> defaulted() {
        return Collections.unmodifiableList(defaulted);
    }

    /** A suffix for error messages: the defaulted keys, which are often the real cause. */
    public String defaultsHint() {
        return defaulted.isEmpty() ? "" : " (keys absent from " + name + ", given transformers' defaults: "
                + String.join(", ", defaulted) + ")";
    }

    void noteDefault(String key, String value) {
        if (!defaulted.contains(key + "=" + value)) {
            defaulted.add(key + "=" + value);
        }
    }
}
