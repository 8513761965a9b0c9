package org.musicrfm.provenance;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;

/**
 * The marker of a finished unit of work (a chunk): its name, the clips it holds, and the identity
 * it was produced under (digest and fields). Written atomically after the unit's files, so a unit
 * without a marker is unfinished; a marker whose digest differs from the wanted one is stale.
 */
public record DoneMarker(String unit, String group, String identity, List<String> clips,
                         SortedMap<String, String> fields) {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    public DoneMarker {
        clips = List.copyOf(clips);
    }

    public static DoneMarker of(String unit, String group, UnitIdentity id, List<String> clips) {
        return new DoneMarker(unit, group, id.digest(), clips, id.fields());
    }

    public void write(Path file) throws IOException {
        write(Location.of(file));
    }

    public void write(Location file) throws IOException {
        Storage.get().write(file, GSON.toJson(this).getBytes(StandardCharsets.UTF_8));
    }

    /** The marker in {@code file}, or null when there is none or it cannot be read (treated as unfinished). */
    public static DoneMarker read(Path file) throws IOException {
        return read(Location.of(file));
    }

    /** The marker in {@code file}, or null when there is none or it cannot be read (treated as unfinished). */
    public static DoneMarker read(Location file) throws IOException {
        Storage storage = Storage.get();
        if (!storage.isFile(file)) {
            return null;
        }
        try {
            DoneMarker m = GSON.fromJson(storage.readString(file), DoneMarker.class);
            return m == null || m.identity() == null || m.clips() == null ? null : m;
        } catch (JsonParseException e) {
            return null;
        }
    }

    /** True when {@code file} holds a marker for exactly this identity. */
    public static boolean matches(Path file, String identity) throws IOException {
        return matches(Location.of(file), identity);
    }

    /** True when {@code file} holds a marker for exactly this identity. */
    public static boolean matches(Location file, String identity) throws IOException {
        DoneMarker m = read(file);
        return m != null && identity.equals(m.identity());
    }
}
