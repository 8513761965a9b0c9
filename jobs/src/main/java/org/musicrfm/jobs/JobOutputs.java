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
import java.util.stream.Stream;
import org.musicrfm.io.AtomicFiles;

/**
 * Output folders of jobs: checked before any work, tables published by rename, and a completion
 * marker ({@value #MARKER}) that records the job's config so that an identical re-run does nothing.
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
        Path p = dir.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IOException("output path " + dir + " has no existing ancestor");
        }
        if (!Files.isDirectory(p)) {
            throw new IOException("cannot write output " + dir + ": " + p + " is a file, not a folder");
        }
        if (!Files.isWritable(p)) {
            throw new IOException("cannot write output " + dir + ": " + p + " is not writable");
        }
    }

    /**
     * Writes {@code table} as one Parquet file under {@code target}, published by rename: readers see
     * the old table or the new one, never a mix; leftovers of killed runs are removed first.
     */
    public static void writeTable(org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> table, Path target)
            throws IOException {
        cleanStaleStaging(target);
        Path staged = stagingFor(target);
        table.coalesce(1).write().parquet(staged.toString());
        publish(staged, target);
    }

    /** A fresh temporary sibling of {@code target} for a table to be written into before {@link #publish}. */
    private static Path stagingFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".staging-" + UUID.randomUUID());
    }

    /** Replaces {@code target} by {@code staged}: readers see the old table or the new one, never a mix. */
    private static void publish(Path staged, Path target) throws IOException {
        AtomicFiles.replaceFolder(staged, target);
    }

    /** Removes leftovers of killed runs ({@code .name.staging-*}, {@code .name.old-*}) beside {@code target}. */
    public static void cleanStaleStaging(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            return;
        }
        String prefix = "." + target.getFileName() + ".";
        try (Stream<Path> s = Files.list(parent)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                deleteRecursively(p);
            }
        }
    }

    public static void deleteRecursively(Path p) throws IOException {
        AtomicFiles.deleteRecursively(p);
    }

    /** The marker's content if {@code dir} holds a completed run whose config equals {@code config}. */
    public static JsonObject completedWith(Path dir, Object config) throws IOException {
        Path marker = dir.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return null;
        }
        JsonObject m = JsonParser.parseString(Files.readString(marker)).getAsJsonObject();
        JsonElement want = GSON.toJsonTree(config);
        return want.equals(m.get("config")) ? m : null;
    }

    /**
     * The marker's content if {@code dir} holds a completed run whose config equals {@code config}
     * and whose output identity (a digest of every unit's identity, inputs included) is {@code identity}.
     */
    public static JsonObject completedWith(Path dir, Object config, String identity) throws IOException {
        JsonObject m = completedWith(dir, config);
        return m != null && m.has("identity") && m.get("identity").getAsString().equals(identity) ? m : null;
    }

    /** Writes the completion marker atomically, last, after every output is in place. */
    public static void markComplete(Path dir, Object config, Object result) throws IOException {
        markComplete(dir, config, result, null);
    }

    /** Writes the completion marker with the output's identity, last, after every output is in place. */
    public static void markComplete(Path dir, Object config, Object result, String identity) throws IOException {
        JsonObject m = new JsonObject();
        m.add("config", GSON.toJsonTree(config));
        m.add("result", GSON.toJsonTree(result));
        if (identity != null) {
            m.addProperty("identity", identity);
        }
        AtomicFiles.write(dir.resolve(MARKER),
                GSON.toJson(m).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Removes the completion marker: done first by a run that changes the folder, so that a run
     * killed midway never leaves an old marker over a changed output.
     */
    public static void unmarkComplete(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(MARKER));
    }

    /** {@code --overwrite}: removes the named outputs of {@code dir} (marker first), nothing else there. */
    public static void clear(Path dir, List<String> outputs) throws IOException {
        unmarkComplete(dir);
        for (String name : outputs) {
            deleteRecursively(dir.resolve(name));
        }
        org.musicrfm.provenance.Leftovers.remove(dir);
    }

    public static Gson gson() {
        return GSON;
    }
}
