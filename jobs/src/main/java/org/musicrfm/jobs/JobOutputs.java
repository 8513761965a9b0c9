package org.musicrfm.jobs;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.security.AccessControlException;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;

/**
 * Output folders of jobs, on any file system {@link Storage} reaches: checked before any work, tables
 * published by rename, and a completion marker ({@value #MARKER}) that records the job's config so that an
 * identical re-run does nothing.
 */
public final class JobOutputs {

    public static final String MARKER = "_COMPLETE.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private JobOutputs() {}

    /**
     * Fails, creating nothing, unless {@code dir} is a folder or can become one: its nearest
     * existing ancestor must be a writable folder (a regular file in the way is named).
     */
    public static void checkWritable(Path dir) throws IOException {
        checkWritable(Location.of(dir.toAbsolutePath().normalize()));
    }

    /** As {@link #checkWritable(Path)} for a folder on any file system. */
    public static void checkWritable(Location dir) throws IOException {
        Storage storage = Storage.get();
        Location p = dir;
        while (p != null && !storage.exists(p)) {
            p = p.parent();
        }
        if (p == null) {
            throw new IOException("output path " + dir + " has no existing ancestor");
        }
        if (!storage.isDirectory(p)) {
            throw new IOException("cannot write output " + dir + ": " + p + " is a file, not a folder");
        }
        if (p.isLocal() ? !Files.isWritable(p.localPath()) : !writable(storage.fs(p), p)) {
            throw new IOException("cannot write output " + dir + ": " + p + " is not writable");
        }
    }

    private static boolean writable(FileSystem fs, Location dir) throws IOException {
        try {
            fs.access(dir.hadoopPath(), FsAction.WRITE);
            return true;
        } catch (AccessControlException e) {
            return false;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return true; // a file system that cannot tell: writing will say
        }
    }

    /**
     * Writes {@code table} as one Parquet file under {@code target}, published by rename: readers see
     * the old table or the new one, never a mix; leftovers of killed runs are removed first.
     */
    public static void writeTable(org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> table, Path target)
            throws IOException {
        writeTable(table, Location.of(target));
    }

    /** As {@link #writeTable(org.apache.spark.sql.Dataset, Path)} for a table on any file system. */
    public static void writeTable(org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> table, Location target)
            throws IOException {
        cleanStaleStaging(target);
        Location staged = target.resolveSibling("." + target.name() + ".staging-" + UUID.randomUUID());
        table.coalesce(1).write().parquet(sparkPath(staged));
        Storage.get().replaceFolder(staged, target);
    }

    /** The location as Spark's readers and writers take it: the plain path of a local one, else the URI. */
    public static String sparkPath(Location l) {
        return l.toString();
    }

    /** Removes leftovers of killed runs ({@code .name.staging-*}, {@code .name.old-*}) beside {@code target}. */
    public static void cleanStaleStaging(Path target) throws IOException {
        cleanStaleStaging(Location.of(target));
    }

    /** As {@link #cleanStaleStaging(Path)} for a table on any file system. */
    public static void cleanStaleStaging(Location target) throws IOException {
        Storage storage = Storage.get();
        Location parent = target.parent();
        if (!storage.isDirectory(parent)) {
            return;
        }
        String prefix = "." + target.name() + ".";
        for (Location p : storage.list(parent)) {
            if (p.name().startsWith(prefix)) {
                storage.delete(p);
            }
        }
    }

    public static void deleteRecursively(Path p) throws IOException {
        Storage.get().delete(Location.of(p));
    }

    /** The marker's content if {@code dir} holds a completed run whose config equals {@code config}. */
    public static JsonObject completedWith(Path dir, Object config) throws IOException {
        return completedWith(Location.of(dir), config);
    }

    /** As {@link #completedWith(Path, Object)} for a folder on any file system. */
    public static JsonObject completedWith(Location dir, Object config) throws IOException {
        Location marker = dir.resolve(MARKER);
        Storage storage = Storage.get();
        if (!storage.isFile(marker)) {
            return null;
        }
        JsonObject m = JsonParser.parseString(storage.readString(marker)).getAsJsonObject();
        JsonElement want = GSON.toJsonTree(config);
        return want.equals(m.get("config")) ? m : null;
    }

    /**
     * The marker's content if {@code dir} holds a completed run whose config equals {@code config}
     * and whose output identity (a digest of every unit's identity, inputs included) is {@code identity}.
     */
    public static JsonObject completedWith(Path dir, Object config, String identity) throws IOException {
        return completedWith(Location.of(dir), config, identity);
    }

    /** As {@link #completedWith(Path, Object, String)} for a folder on any file system. */
    public static JsonObject completedWith(Location dir, Object config, String identity) throws IOException {
        JsonObject m = completedWith(dir, config);
        return m != null && m.has("identity") && m.get("identity").getAsString().equals(identity) ? m : null;
    }

    /** Writes the completion marker atomically, last, after every output is in place. */
    public static void markComplete(Path dir, Object config, Object result) throws IOException {
        markComplete(Location.of(dir), config, result, null);
    }

    /** Writes the completion marker atomically, last, after every output is in place. */
    public static void markComplete(Location dir, Object config, Object result) throws IOException {
        markComplete(dir, config, result, null);
    }

    /** Writes the completion marker with the output's identity, last, after every output is in place. */
    public static void markComplete(Path dir, Object config, Object result, String identity) throws IOException {
        markComplete(Location.of(dir), config, result, identity);
    }

    /** As {@link #markComplete(Path, Object, Object, String)} for a folder on any file system. */
    public static void markComplete(Location dir, Object config, Object result, String identity) throws IOException {
        JsonObject m = new JsonObject();
        m.add("config", GSON.toJsonTree(config));
        m.add("result", GSON.toJsonTree(result));
        if (identity != null) {
            m.addProperty("identity", identity);
        }
        Storage.get().write(dir.resolve(MARKER), GSON.toJson(m).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Removes the completion marker: done first by a run that changes the folder, so that a run
     * killed midway never leaves an old marker over a changed output.
     */
    public static void unmarkComplete(Path dir) throws IOException {
        unmarkComplete(Location.of(dir));
    }

    /** As {@link #unmarkComplete(Path)} for a folder on any file system. */
    public static void unmarkComplete(Location dir) throws IOException {
        Storage.get().delete(dir.resolve(MARKER));
    }

    /** {@code --overwrite}: removes the named outputs of {@code dir} (marker first), nothing else there. */
    public static void clear(Path dir, List<String> outputs) throws IOException {
        clear(Location.of(dir), outputs);
    }

    /** As {@link #clear(Path, List)} for a folder on any file system. */
    public static void clear(Location dir, List<String> outputs) throws IOException {
        unmarkComplete(dir);
        Storage storage = Storage.get();
        for (String name : outputs) {
            storage.delete(dir.resolve(name));
        }
        org.musicrfm.provenance.Leftovers.remove(dir);
    }

    public static Gson gson() {
        return GSON;
    }
}
