package org.musicrfm.activations;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;
import org.musicrfm.provenance.DoneMarker;
import org.musicrfm.provenance.Leftovers;

/**
 * Keeps an extract folder to the chunks of the current run: removes the markers, error lists and
 * Parquet files of chunks that no longer belong (another identity, clips gone), markers first so
 * that a run killed midway never leaves a marker over missing files.
 */
public final class ExtractOutputs {

    private ExtractOutputs() {}

    /** The chunks whose done marker inside {@code out} does not hold their identity: those to extract. */
    public static List<ExtractChunk> pending(Path out, List<ExtractChunk> chunks) throws IOException {
        return pending(Location.of(out), chunks);
    }

    /** As {@link #pending(Path, List)} for an output on any file system {@link Storage} reaches. */
    public static List<ExtractChunk> pending(Location out, List<ExtractChunk> chunks) throws IOException {
        List<ExtractChunk> todo = new ArrayList<>();
        for (ExtractChunk c : chunks) {
            if (!DoneMarker.matches(c.doneMarker(out), c.identity())) {
                todo.add(c);
            }
        }
        return todo;
    }

    /** Removes the files of chunks that are not among {@code chunks}. */
    public static void removeStale(Path out, List<ExtractChunk> chunks) throws IOException {
        removeStale(Location.of(out), chunks);
    }

    /** As {@link #removeStale(Path, List)} for an output on any file system {@link Storage} reaches. */
    public static void removeStale(Location out, List<ExtractChunk> chunks) throws IOException {
        Storage storage = Storage.get();
        Map<String, String> wanted = new HashMap<>(); // chunk name -> concept
        chunks.forEach(c -> wanted.put(c.name(), c.concept()));
        Location markers = out.resolve(ExtractChunk.FOLDER);
        if (storage.isDirectory(markers)) {
            List<Location> files = storage.list(markers);
            for (Location f : files) {
                String n = f.name();
                if (n.endsWith(".done") && !wanted.containsKey(n.substring(0, n.length() - ".done".length()))) {
                    storage.delete(f);
                }
            }
            for (Location f : files) {
                String n = f.name();
                if (n.endsWith(".errors.json")
                        && !wanted.containsKey(n.substring(0, n.length() - ".errors.json".length()))) {
                    storage.delete(f);
                }
            }
        }
        for (String table : List.of("activations", "frames")) {
            Location root = out.resolve(table);
            if (!storage.isDirectory(root)) {
                continue;
            }
            for (Location f : storage.files(root)) {
                if (!belongs(root, f, wanted)) {
                    storage.delete(f);
                }
            }
            Leftovers.removeEmptyFolders(root);
        }
    }

    /** True for {@code concept=<c>/layer=<l>/<chunk>.parquet} of a wanted chunk of concept c. */
    private static boolean belongs(Location root, Location file, Map<String, String> wanted) {
        Location layer = file.parent();
        Location concept = layer == null ? null : layer.parent();
        String n = file.name();
        if (concept == null || !root.equals(concept.parent()) || !n.endsWith(".parquet")
                || !layer.name().startsWith("layer=")) {
            return false;
        }
        String c = wanted.get(n.substring(0, n.length() - ".parquet".length()));
        return c != null && concept.name().equals("concept=" + c);
    }
}
