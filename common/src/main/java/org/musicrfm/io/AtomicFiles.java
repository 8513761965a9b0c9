package org.musicrfm.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Files and folders that appear complete under their name or not at all. Each is written to a hidden
 * temporary sibling (readers and Spark skip names starting with '.'), renamed into place when complete,
 * and removed if writing fails; what a killed process leaves behind is matched by
 * {@link org.musicrfm.provenance.Leftovers}.
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
        write(file, tmp -> Files.write(tmp, bytes));
    }

    /**
     * Lets {@code body} write the file at a temporary sibling ({@code .<name>.<uuid>.part}), then renames it
     * into place, replacing an existing file. On failure the temporary file (and the checksum Hadoop's local
     * file system writes beside it) is removed and {@code file} is left as it was.
     */
    public static void write(Path file, Body body) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            body.write(tmp);
            move(tmp, target, true);
        } finally {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(tmp.resolveSibling("." + tmp.getFileName() + ".crc"));
        }
    }

    /**
     * Creates the folder {@code out} (which must not exist or be an empty folder) so that it appears
     * complete or not at all: {@code body} fills a hidden sibling ({@code .<name>.partial-<hex>}) that is
     * renamed at the end, and removed on failure. Returns the absolute, normalized {@code out}.
     */
    public static Path writeFolder(Path out, Body body) throws IOException {
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            if (!Files.isDirectory(target)) {
                throw new FileAlreadyExistsException(target.toString(), null, "exists and is not a folder");
            }
            try (Stream<Path> s = Files.list(target)) {
                if (s.findAny().isPresent()) {
                    throw new FileAlreadyExistsException(target.toString(), null,
                            "folder is not empty; refusing to overwrite");
                }
            }
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        // a plain createDirectory (not createTempDirectory, which makes it owner-only) under the umask
        Path tmp = parent.resolve("." + target.getFileName() + ".partial-"
                + Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE));
        Files.createDirectory(tmp);
        try {
            body.write(tmp);
            if (Files.exists(target)) {
                Files.delete(target); // the empty folder checked above
            }
            move(tmp, target, false);
            return target;
        } catch (IOException | RuntimeException | Error e) {
            try {
                deleteRecursively(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup); // a hidden leftover is harmless; the cause is what matters
            }
            throw e;
        }
    }

    /**
     * Replaces the folder {@code target} by {@code staged} (a sibling written before): readers see the old
     * folder or the new one, never a mix. The old one is moved aside ({@code .<name>.old-<uuid>}) and deleted.
     */
    public static void replaceFolder(Path staged, Path target) throws IOException {
        Path old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
        boolean hadOld = Files.exists(target);
        if (hadOld) {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        if (hadOld) {
            deleteRecursively(old);
        }
    }

    /** Deletes {@code p} and everything under it; nothing if it does not exist. */
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

    /** Renames atomically where the file system can, else with a plain move (some mounts cannot). */
    private static void move(Path from, Path to, boolean replace) throws IOException {
        try {
            if (replace) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            if (replace) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to);
            }
        }
    }
}
