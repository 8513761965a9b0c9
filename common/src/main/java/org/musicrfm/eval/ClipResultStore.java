package org.musicrfm.eval;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;

/**
 * Evaluation results kept per clip in a folder, each with a key of its inputs (row, WAV size and time,
 * probe and aggregate files, models, settings): a clip is evaluated again only when its key changes.
 */
public final class ClipResultStore {

    /** The folder of clip results inside an evaluation's output. */
    public static final String FOLDER = "_clips";
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private ClipResultStore() {}

    /** The inputs every clip shares: settings, MusicGen fingerprint and the CLAP snapshot's files. */
    public static String sharedInputs(EvalSettings settings, String modelFingerprint, Path clap) throws IOException {
        return GSON.toJson(settings) + "|" + modelFingerprint + "|" + folderStamp(clap);
    }

    /** Each clip's key by unit id, in the order of {@code clips}. */
    public static Map<String, String> keys(List<EvalClip> clips, ProbeSet probes, String shared) throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        for (EvalClip c : clips) {
            String key = key(c, probes.fileFor(c.concept()), shared);
            String agg = probes.aggregateFor(c.concept());
            if (agg != null && c.target() != null) {
                key = sha256(key + "|" + agg + ":" + fileStamp(Location.parse(agg, "aggregate model")));
            }
            keys.put(c.unitId(), key);
        }
        return keys;
    }

    /** The clips whose stored result is missing or has another key. */
    public static List<EvalClip> pending(Location dir, List<EvalClip> clips, Map<String, String> keys)
            throws IOException {
        List<EvalClip> todo = new ArrayList<>();
        for (EvalClip c : clips) {
            if (!keys.get(c.unitId()).equals(storedKey(dir, c.unitId()))) {
                todo.add(c);
            }
        }
        return todo;
    }

    /** The stored results of {@code clips}, in their order. */
    public static List<ClipResult> readAll(Location dir, List<EvalClip> clips) throws IOException {
        List<ClipResult> results = new ArrayList<>();
        for (EvalClip c : clips) {
            results.add(read(dir, c.unitId()));
        }
        return results;
    }

    static String key(EvalClip c, String probeFile, String shared) throws IOException {
        StringBuilder b = new StringBuilder(GSON.toJson(c)).append('|').append(shared).append('|')
                .append(fileStamp(Location.parse(c.path(), "path")));
        if (probeFile != null) {
            b.append('|').append(probeFile).append(':').append(fileStamp(Location.parse(probeFile, "probe")));
        }
        return sha256(b.toString());
    }

    static String fileStamp(Path p) throws IOException {
        return fileStamp(Location.of(p));
    }

    /** Size and modification time (ms) of a file on any file system {@link Storage} reaches, or "missing". */
    static String fileStamp(Location p) throws IOException {
        FileStatus s = Storage.get().status(p);
        if (s == null || !s.isFile()) {
            return "missing";
        }
        return s.getLen() + "@" + s.getModificationTime();
    }

    static String folderStamp(Path dir) throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                b.append(p.getFileName()).append('=').append(fileStamp(p)).append(';');
            }
        }
        return b.toString();
    }

    static Location file(Location dir, String unitId) {
        return dir.resolve(sha256(unitId).substring(0, 32) + ".json");
    }

    static String storedKey(Location dir, String unitId) throws IOException {
        Location f = file(dir, unitId);
        if (!Storage.get().isFile(f)) {
            return null;
        }
        return JsonParser.parseString(Storage.get().readString(f)).getAsJsonObject().get("key").getAsString();
    }

    /** Stores one clip's result with its key. */
    public static void write(Location dir, String unitId, String key, ClipResult r) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("key", key);
        o.add("result", GSON.toJsonTree(r));
        Storage.get().write(file(dir, unitId), GSON.toJson(o).getBytes(StandardCharsets.UTF_8));
    }

    static ClipResult read(Location dir, String unitId) throws IOException {
        JsonObject o = JsonParser.parseString(Storage.get().readString(file(dir, unitId))).getAsJsonObject();
        return GSON.fromJson(o.get("result"), ClipResult.class);
    }

    /** Lower-case hex SHA-256 of the string's UTF-8 bytes. */
    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
