package org.musicrfm.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Local files and folders that appear complete under their name or not at all: the local-path face of
 * {@link Storage}, which writes a hidden temporary sibling (readers and Spark skip names starting with '.'),
 * renames it into place when complete, and removes it if writing fails; what a killed process leaves behind
 * is matched by {@link org.musicrfm.provenance.Leftovers}.
 */
public final class AtomicFiles {

    /** Writes the content of a file or folder at the temporary path it is given. */
    @FunctionalInterface
    public interface Body {
        void write(Path tmp) throws IOException;
    }

    private AtomicFiles() {}

    /** Writes bytes to a temporary sibling and renames it into place, replacing an existing file. */
    public static void write(Path file, byte[] bytes) throws IOException {
        Storage.get().write(Location.of(file), bytes);
    }

    /**
     * Lets {@code body} write the file at a temporary sibling ({@code .<name>.<uuid>.part}), then renames it
     * into place, replacing an existing file. On failure the temporary file (and the checksum Hadoop's local
     * file system writes beside it) is removed and {@code file} is left as it was.
     */
    public static void write(Path file, Body body) throws IOException {
        Storage.get().write(Location.of(file), tmp -> body.write(tmp.localPath()));
    }

    /**
     * Creates the folder {@code out} (which must not exist or be an empty folder) so that it appears
     * complete or not at all: {@code body} fills a hidden sibling ({@code .<name>.partial-<hex>}) that is
     * renamed at the end, and removed on failure. Returns the absolute, normalized {@code out}.
     */
    public static Path writeFolder(Path out, Body body) throws IOException {
        Path target = out.toAbsolutePath().normalize();
        Storage.get().writeFolder(Location.of(target), tmp -> body.write(tmp.localPath()));
        return target;
    }

    /**
     * Replaces the folder {@code target} by {@code staged} (a sibling written before): readers see the old
     * folder or the new one, never a mix. The old one is moved aside ({@code .<name>.old-<uuid>}) and deleted.
     */
    public static void replaceFolder(Path staged, Path target) throws IOException {
        Storage.get().replaceFolder(Location.of(staged), Location.of(target));
    }

    /** Deletes {@code p} and everything under it; nothing if it does not exist. */
    public static void deleteRecursively(Path p) throws IOException {
        Storage.get().delete(Location.of(p));
    }
}
