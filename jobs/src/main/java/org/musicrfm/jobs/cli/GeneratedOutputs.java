package org.musicrfm.jobs.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The outputs an earlier {@code generate} run recorded in its sidecar (file and identity per
 * prompt): which of them a re-run may keep, and which no longer belong.
 */
final class GeneratedOutputs {

    private static final List<String> SHARED = List.of("command", "decoding_steps", "frames", "sample_rate",
            "audio_samples");

    private final JsonObject meta;

    private GeneratedOutputs(JsonObject meta) {
        this.meta = meta;
    }

    /** The sidecar's record, or an empty one when there is no readable sidecar. */
    static GeneratedOutputs read(Path sidecar) {
        try {
            if (Files.isRegularFile(sidecar)) {
                JsonObject o = JsonParser.parseString(Files.readString(sidecar)).getAsJsonObject();
                if (o.has("outputs") && o.get("outputs").isJsonArray()) {
                    return new GeneratedOutputs(o);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: nothing is kept
        }
        JsonObject empty = new JsonObject();
        empty.add("outputs", new JsonArray());
        return new GeneratedOutputs(empty);
    }

    /** True when {@code file} exists and the record lists it with this identity. */
    boolean holds(Path file, String identity) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        String abs = file.toAbsolutePath().toString();
        for (JsonElement e : meta.getAsJsonArray("outputs")) {
            JsonObject o = e.getAsJsonObject();
            if (o.has("file") && o.has("identity") && abs.equals(o.get("file").getAsString())
                    && identity.equals(o.get("identity").getAsString())) {
                return true;
            }
        }
        return false;
    }

    /** A sidecar listing only the recorded outputs that {@code files}/{@code ids} keep. */
    JsonObject keeping(List<Path> files, List<String> ids) {
        JsonObject o = new JsonObject();
        JsonArray kept = new JsonArray();
        for (JsonElement e : meta.getAsJsonArray("outputs")) {
            JsonObject out = e.getAsJsonObject();
            for (int i = 0; i < files.size(); i++) {
                if (out.has("file") && files.get(i).toAbsolutePath().toString().equals(out.get("file").getAsString())
                        && holds(files.get(i), ids.get(i))) {
                    kept.add(out);
                }
            }
        }
        if (!kept.isEmpty()) {
            SHARED.stream().filter(meta::has).forEach(k -> o.add(k, meta.get(k)));
        }
        o.addProperty("command", "generate");
        o.add("outputs", kept);
        return o;
    }

    /** Deletes the files the record lists that are not among {@code files} (outputs of a longer batch). */
    void removeStale(List<Path> files) throws IOException {
        Set<String> now = new HashSet<>();
        files.forEach(f -> now.add(f.toAbsolutePath().toString()));
        for (JsonElement e : meta.getAsJsonArray("outputs")) {
            JsonObject o = e.getAsJsonObject();
            if (o.has("file") && !now.contains(o.get("file").getAsString())) {
                Files.deleteIfExists(Path.of(o.get("file").getAsString()));
            }
        }
    }

    /** Indices to generate, cut into runs of consecutive indices of at most {@code batchSize}: [from, to). */
    static List<int[]> batches(List<Integer> todo, int batchSize) {
        List<int[]> runs = new ArrayList<>();
        int i = 0;
        while (i < todo.size()) {
            int from = todo.get(i);
            int to = from + 1;
            i++;
            while (i < todo.size() && todo.get(i) == to && to - from < batchSize) {
                to++;
                i++;
            }
            runs.add(new int[] {from, to});
        }
        return runs;
    }
}
