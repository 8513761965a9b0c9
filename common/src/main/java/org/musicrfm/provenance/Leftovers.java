package org.musicrfm.provenance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;

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
        return remove(Location.of(root)).stream().map(Location::localPath).toList();
    }

    /** Removes every leftover under {@code root} (recursively), outermost first; returns what was removed. */
    public static List<Location> remove(Location root) throws IOException {
        List<Location> removed = new ArrayList<>();
        Storage storage = Storage.get();
        if (!storage.isDirectory(root)) {
            return removed;
        }
        removeUnder(storage, root, removed);
        return removed;
    }

    private static void removeUnder(Storage storage, Location dir, List<Location> removed) throws IOException {
        List<Location> folders = new ArrayList<>();
        for (Location p : storage.list(dir)) {
            if (isLeftover(p.name())) {
                storage.delete(p);
                removed.add(p);
            } else if (storage.isDirectory(p)) {
                folders.add(p);
            }
        }
        for (Location f : folders) {
            removeUnder(storage, f, removed);
        }
    }

    public static void deleteRecursively(Path p) throws IOException {
        Storage.get().delete(Location.of(p));
    }

    /** Removes empty folders under {@code root} (not {@code root} itself). */
    public static void removeEmptyFolders(Path root) throws IOException {
        removeEmptyFolders(Location.of(root));
    }

    /** Removes empty folders under {@code root} (not {@code root} itself), deepest first. */
    public static void removeEmptyFolders(Location root) throws IOException {
        Storage storage = Storage.get();
        if (!storage.isDirectory(root)) {
            return;
        }
        List<Location> dirs = new ArrayList<>(storage.folders(root));
        dirs.sort(Comparator.comparingInt((Location l) -> l.uri().getPath().length()).reversed());
        for (Location d : dirs) {
            if (storage.list(d).isEmpty()) {
                storage.delete(d);
            }
        }
    }
}
