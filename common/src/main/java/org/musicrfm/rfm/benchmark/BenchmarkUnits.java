package org.musicrfm.rfm.benchmark;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.musicrfm.io.AtomicFiles;
import org.musicrfm.provenance.DoneMarker;
import org.musicrfm.provenance.UnitIdentity;

/**
 * The resumable units of a benchmark run, one per (concept, label, method), under
 * {@code <out>/units/concept=<c>/label=<l>/}: the result ({@code <method>.json}) and then its
 * {@link DoneMarker} ({@code <method>.done}) carrying the unit's {@link UnitIdentity}. A unit whose
 * marker matches the wanted identity is reused; any other is run again.
 */
public final class BenchmarkUnits {

    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private BenchmarkUnits() {}

    public static Path folder(Path out, String concept, String label) {
        return out.resolve("units").resolve("concept=" + concept).resolve("label=" + label);
    }

    /** The result of a finished unit with this identity, or null. */
    public static MethodResult done(Path out, String concept, String label, BenchmarkMethod m, String identity)
            throws IOException {
        Path dir = folder(out, concept, label);
        if (!DoneMarker.matches(dir.resolve(m.id() + ".done"), identity)) {
            return null;
        }
        Path file = dir.resolve(m.id() + ".json");
        return Files.isRegularFile(file) ? GSON.fromJson(Files.readString(file), MethodResult.class) : null;
    }

    /** Writes a unit's result, then its marker. */
    public static void write(Path out, MethodResult r, UnitIdentity identity) throws IOException {
        Path dir = folder(out, r.concept(), r.label());
        AtomicFiles.write(dir.resolve(r.method().id() + ".json"), GSON.toJson(r).getBytes(StandardCharsets.UTF_8));
        DoneMarker.of(r.method().id(), r.concept() + "/" + r.label(), identity, List.of()).write(
                dir.resolve(r.method().id() + ".done"));
    }

    /**
     * A digest of a concept's activation files (relative name, size, modification time): extract
     * names its files by chunk identity, and a rewritten file has a new time.
     */
    public static String activationDigest(Path table, String concept) throws IOException {
        Path folder = table.resolve("concept=" + concept);
        StringBuilder files = new StringBuilder();
        List<Path> list;
        try (Stream<Path> s = Files.walk(folder)) {
            list = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
                    .toList();
        }
        for (Path p : list) {
            files.append(folder.relativize(p)).append(' ').append(Files.size(p)).append(' ')
                    .append(Files.getLastModifiedTime(p).toMillis()).append('\n');
        }
        return UnitIdentity.sha256(files.toString());
    }
}
