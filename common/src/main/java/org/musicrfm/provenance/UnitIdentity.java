package org.musicrfm.provenance;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What produced a unit of output: named fields (options that change the output, model fingerprint,
 * digests of the input rows and files, seeds), each a string. Its {@link #digest()} is SHA-256 over
 * the fields sorted by name, {@code name=value} one per line: equal fields, equal digest, in any JVM.
 */
public record UnitIdentity(SortedMap<String, String> fields) {

    public UnitIdentity {
        fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
    }

    public static UnitIdentity of(Map<String, String> fields) {
        return new UnitIdentity(new TreeMap<>(fields));
    }

    /**
     * The fields of a config (as JSON, nested objects flattened to {@code a.b}) except those named in
     * {@code ignored}: options that do not change the output (paths, parallelism, device). Options
     * added to the config later count by default.
     */
    public static SortedMap<String, String> configFields(JsonObject config, Set<String> ignored) {
        SortedMap<String, String> out = new TreeMap<>();
        flatten("", config, ignored, out);
        return out;
    }

    private static void flatten(String prefix, JsonObject o, Set<String> ignored, SortedMap<String, String> out) {
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            String key = prefix + e.getKey();
            if (ignored.contains(key)) {
                continue;
            }
            if (e.getValue().isJsonObject()) {
                flatten(key + ".", e.getValue().getAsJsonObject(), ignored, out);
            } else {
                out.put("config." + key, e.getValue().toString());
            }
        }
    }

    /** A copy with one more field. */
    public UnitIdentity with(String name, String value) {
        TreeMap<String, String> f = new TreeMap<>(fields);
        f.put(name, value);
        return new UnitIdentity(f);
    }

    /** SHA-256 (hex) of the sorted {@code name=value} lines. */
    public String digest() {
        StringBuilder s = new StringBuilder();
        fields.forEach((k, v) -> s.append(k).append('=').append(v).append('\n'));
        return sha256(s.toString());
    }

    /** SHA-256 (hex) of a string's UTF-8 bytes. */
    public static String sha256(String text) {
        return HexFormat.of().formatHex(newSha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** SHA-256 (hex) of a file's bytes. */
    public static String sha256(Path file) throws IOException {
        MessageDigest sha = newSha256();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                sha.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
