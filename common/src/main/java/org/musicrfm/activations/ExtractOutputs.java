package org.musicrfm.activations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
        Map<String, String> wanted = new HashMap<>(); // chunk name -> concept
        chunks.forEach(c -> wanted.put(c.name(), c.concept()));
        Path markers = out.resolve(ExtractChunk.FOLDER);
        if (Files.isDirectory(markers)) {
            List<Path> files;
            try (Stream<Path> s = Files.list(markers)) {
                files = s.toList();
            }
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (n.endsWith(".done") && !wanted.containsKey(n.substring(0, n.length() - ".done".length()))) {
                    Files.delete(f);
                }
            }
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (n.endsWith(".errors.json")
                        && !wanted.containsKey(n.substring(0, n.length() - ".errors.json".length()))) {
                    Files.deleteIfExists(f);
                }
            }
        }
        for (String table : List.of("activations", "frames")) {
            Path root = out.resolve(table);
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> s = Files.walk(root)) {
                files = s.filter(Files::isRegularFile).toList();
            }
            for (Path f : files) {
                if (!belongs(root, f, wanted)) {
                    Files.delete(f);
                }
            }
            Leftovers.removeEmptyFolders(root);
        }
    }

    /** True for {@code concept=<c>/layer=<l>/<chunk>.parquet} of a wanted chunk of concept c. */
    private static boolean belongs(Path root, Path file, Map<String, String> wanted) {
        Path rel = root.relativize(file);
        String n = file.getFileName().toString();
        if (rel.getNameCount() != 3 || !n.endsWith(".parquet") || !rel.getName(1).toString().startsWith("layer=")) {
            return false;
        }
        String concept = wanted.get(n.substring(0, n.length() - ".parquet".length()));
        return concept != null && rel.getName(0).toString().equals("concept=" + concept);
    }
}
