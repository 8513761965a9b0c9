package org.musicrfm.provenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Temporary files and folders that a killed run leaves in an output folder: hidden names (starting
 * with '.') that end in {@code .tmp} or {@code .part} (or are their Hadoop checksums), or hold
 * {@code .staging-} or {@code .old-} (tables staged before their rename). Checksums of published
 * files ({@code .part-00000-….parquet.crc}) are not leftovers. Readers skip hidden names; the next run
 * removes them before it writes.
 */
public final class Leftovers {

    private Leftovers() {}

    /** True for a name a killed run may leave behind. */
    public static boolean isLeftover(String name) {
        return name.startsWith(".") && (name.endsWith(".tmp") || name.endsWith(".part") || name.endsWith(".tmp.crc")
                || name.endsWith(".part.crc") || name.contains(".staging-") || name.contains(".old-"));
    }

    /** Removes every leftover under {@code root} (recursively); returns what was removed. */
    public static List<Path> remove(Path root) throws IOException {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return found;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> !p.equals(root) && isLeftover(p.getFileName().toString())).forEach(found::add);
        }
        // Outermost first; a folder's contents go with it.
        found.sort(Comparator.comparingInt(Path::getNameCount));
        List<Path> removed = new ArrayList<>();
        for (Path p : found) {
            if (removed.stream().noneMatch(p::startsWith) && Files.exists(p)) {
                deleteRecursively(p);
                removed.add(p);
            }
        }
        return removed;
    }

    public static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    /** Removes empty folders under {@code root} (not {@code root} itself). */
    public static void removeEmptyFolders(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.walk(root)) {
            dirs = s.filter(Files::isDirectory).filter(p -> !p.equals(root))
                    .sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList();
        }
        for (Path d : dirs) {
            try (Stream<Path> s = Files.list(d)) {
                if (s.findAny().isEmpty()) {
                    Files.delete(d);
                }
            }
        }
    }
}
