package org.musicrfm.dataset;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads MusicBench's JSON-lines files ({@code MusicBench_train.json}, {@code MusicBench_test_A.json},
 * {@code MusicBench_test_B.json}): one JSON object a line. Blank lines are skipped; a line that is
 * not a JSON object, lacks {@code location}, or holds a value of the wrong shape (an unknown key
 * name, a non-positive bpm, …) is a {@link Malformed} line named by file and line number.
 */
public final class MusicBenchReader {

    /** A line that could not be read: its file, 1-based line number and the reason. */
    public record Malformed(String file, int line, String reason) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + reason;
        }
    }

    /** The entries of some files in file and line order, and the lines that could not be read. */
    public record Result(List<MusicBenchEntry> entries, List<Malformed> malformed) {}

    private MusicBenchReader() {}

    public static Result read(List<Path> files) throws IOException {
        return readLocations(files.stream().map(Location::of).toList());
    }

    /** As {@link #read(List)} for files on any file system {@link Storage} reaches. */
    public static Result readLocations(List<Location> files) throws IOException {
        List<MusicBenchEntry> entries = new ArrayList<>();
        List<Malformed> malformed = new ArrayList<>();
        Storage storage = Storage.get();
        for (Location f : files) {
            if (!storage.isFile(f)) {
                throw new IOException("MusicBench JSON file not found: " + f);
            }
            String subset = subset(f.name());
            try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(storage.open(f),
                    StandardCharsets.UTF_8))) {
                int n = 0;
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    n++;
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        entries.add(parse(line, f.toString(), n, subset));
                    } catch (IllegalArgumentException | JsonParseException | IllegalStateException e) {
                        malformed.add(new Malformed(f.toString(), n, e.getMessage()));
                    }
                }
            }
        }
        return new Result(entries, malformed);
    }

    /** {@code MusicBench_test_A.json} → {@code test_A}; other names lose only their extension. */
    public static String subset(String fileName) {
        String s = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
        return s.startsWith("MusicBench_") ? s.substring("MusicBench_".length()) : s;
    }

    /** Parses one line; an IllegalArgumentException says what is wrong with it. */
    public static MusicBenchEntry parse(String line, String file, int lineNumber, String subset) {
        JsonElement root;
        try (JsonReader r = new JsonReader(new StringReader(line))) {
            r.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(r);
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonParseException("text after the JSON value");
            }
        } catch (JsonParseException | IOException e) {
            throw new IllegalArgumentException("not valid JSON (" + rootCause(e) + ")");
        }
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonObject o = root.getAsJsonObject();
        String location = string(o, "location");
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("no 'location'");
        }
        return new MusicBenchEntry(file, lineNumber, subset, location.trim(), string(o, "main_caption"),
                string(o, "alt_caption"), key(o), keyProb(o), bpm(o), beatCount(o));
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static boolean absent(JsonObject o, String field) {
        return !o.has(field) || o.get(field).isJsonNull();
    }

    private static String string(JsonObject o, String field) {
        if (absent(o, field)) {
            return null;
        }
        JsonElement e = o.get(field);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("'" + field + "' is not a string: " + e);
        }
        return e.getAsString();
    }

    /** {@code ["Ab", "minor"]}; absent, null or [] means no key. */
    private static MusicKey key(JsonObject o) {
        if (absent(o, "key")) {
            return null;
        }
        JsonElement e = o.get("key");
        if (!e.isJsonArray()) {
            throw new IllegalArgumentException("'key' is not a [tonic, mode] list: " + e);
        }
        JsonArray a = e.getAsJsonArray();
        if (a.isEmpty()) {
            return null;
        }
        if (a.size() != 2 || !isString(a.get(0)) || !isString(a.get(1))) {
            throw new IllegalArgumentException("'key' is not a [tonic, mode] list: " + e);
        }
        try {
            return MusicKey.parse(a.get(0).getAsString(), a.get(1).getAsString());
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("'key' " + e + ": " + ex.getMessage());
        }
    }

    private static boolean isString(JsonElement e) {
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
    }

    /** {@code [0.89]} (MusicBench) or a plain number; absent, null or [] means none. */
    private static Double keyProb(JsonObject o) {
        if (absent(o, "keyprob")) {
            return null;
        }
        JsonElement e = o.get("keyprob");
        if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            if (a.isEmpty()) {
                return null;
            }
            if (a.size() != 1) {
                throw new IllegalArgumentException("'keyprob' holds " + a.size() + " values, expected one: " + e);
            }
            e = a.get(0);
        }
        double p = number(e, "keyprob");
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException("'keyprob' " + p + " outside [0, 1]");
        }
        return p;
    }

    private static Double bpm(JsonObject o) {
        if (absent(o, "bpm")) {
            return null;
        }
        double bpm = number(o.get("bpm"), "bpm");
        if (!(bpm > 0)) {
            throw new IllegalArgumentException("'bpm' must be positive, got " + bpm);
        }
        return bpm;
    }

    /** {@code beats} = [[times], [positions in the bar]]: the largest position is the beat count. */
    private static Integer beatCount(JsonObject o) {
        if (absent(o, "beats")) {
            return null;
        }
        JsonElement e = o.get("beats");
        if (!e.isJsonArray()) {
            throw new IllegalArgumentException("'beats' is not a [times, positions] list");
        }
        JsonArray a = e.getAsJsonArray();
        if (a.isEmpty()) {
            return null;
        }
        if (a.size() != 2 || !a.get(1).isJsonArray()) {
            throw new IllegalArgumentException("'beats' is not a [times, positions] list");
        }
        int max = 0;
        for (JsonElement p : a.get(1).getAsJsonArray()) {
            double v = number(p, "beats");
            if (v < 1 || v != Math.rint(v)) {
                throw new IllegalArgumentException("'beats' position " + v + " is not a positive whole number");
            }
            max = Math.max(max, (int) v);
        }
        return max == 0 ? null : max;
    }

    private static double number(JsonElement e, String field) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException("'" + field + "' is not a number: " + e);
        }
        double v = e.getAsDouble();
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("'" + field + "' is not finite: " + e);
        }
        return v;
    }
}
