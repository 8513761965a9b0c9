package org.musicrfm.provenance;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;

/**
 * What every unit in an output folder shares ({@value #FILE}): fields that a re-run may not change
 * silently (the model of an activation folder, the audio format of a dataset). Written before any
 * unit, so the folder never holds units made under another manifest.
 */
public record FolderManifest(String job, SortedMap<String, String> fields) {

    public static final String FILE = "_provenance.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    public FolderManifest {
        fields = new TreeMap<>(fields);
    }

    public static FolderManifest of(String job, Map<String, String> fields) {
        return new FolderManifest(job, new TreeMap<>(fields));
    }

    /** The manifest of {@code dir}, or null when it has none. */
    public static FolderManifest read(Path dir) throws IOException {
        return read(Location.of(dir));
    }

    /** The manifest of {@code dir}, or null when it has none. */
    public static FolderManifest read(Location dir) throws IOException {
        Location f = dir.resolve(FILE);
        Storage storage = Storage.get();
        if (!storage.isFile(f)) {
            return null;
        }
        return GSON.fromJson(storage.readString(f), FolderManifest.class);
    }

    public void write(Path dir) throws IOException {
        write(Location.of(dir));
    }

    public void write(Location dir) throws IOException {
        Storage.get().write(dir.resolve(FILE), GSON.toJson(this).getBytes(StandardCharsets.UTF_8));
    }

    public String get(String field) {
        return fields.get(field);
    }

    /**
     * Fails when {@code existing} (the folder's manifest) disagrees with this one on any of
     * {@code keys}, naming each field that differs with both values, and how to proceed.
     */
    public void checkSameAs(FolderManifest existing, List<String> keys, Path dir) {
        checkSameAs(existing, keys, Location.of(dir));
    }

    /** As {@link #checkSameAs(FolderManifest, List, Path)} for a folder on any file system. */
    public void checkSameAs(FolderManifest existing, List<String> keys, Location dir) {
        if (existing == null) {
            return;
        }
        List<String> had = new java.util.ArrayList<>();
        List<String> want = new java.util.ArrayList<>();
        for (String k : keys) {
            String old = existing.fields().get(k);
            if (old != null && !old.equals(fields.get(k))) {
                had.add(k + "=" + old);
                want.add(k + "=" + fields.get(k));
            }
        }
        if (!had.isEmpty()) {
            throw new IdentityMismatchException(job + ": " + dir + " holds output made with " + String.join(", ", had)
                    + "; this run has " + String.join(", ", want) + ". Write to another --out, or pass --overwrite"
                    + " to clear the folder's outputs and start afresh");
        }
    }
}
