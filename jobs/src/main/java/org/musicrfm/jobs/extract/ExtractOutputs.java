package org.musicrfm.jobs.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.musicrfm.activations.ExtractChunk;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;
import org.musicrfm.provenance.Leftovers;

/**
 * Keeps an extract folder to the chunks of the current run: removes the markers, error lists and
 * Parquet files of chunks that no longer belong (another identity, clips gone), markers first so
 * that a run killed midway never leaves a marker over missing files.
 */
final class ExtractOutputs {

    private ExtractOutputs() {}

    static void removeStale(Path out, List<ExtractChunk> chunks) throws IOException {
        removeStale(Location.of(out), chunks);
    }

    static void removeStale(Location out, List<ExtractChunk> chunks) throws IOException {
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
