package org.musicrfm.rfm.benchmark;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;
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

    /** As {@link #folder(Path, String, String)} on any file system {@link Storage} reaches. */
    public static Location folder(Location out, String concept, String label) {
        return out.resolve("units").resolve("concept=" + concept).resolve("label=" + label);
    }

    /** The result of a finished unit with this identity, or null. */
    public static MethodResult done(Location out, String concept, String label, BenchmarkMethod m, String identity)
            throws IOException {
        Location dir = folder(out, concept, label);
        if (!DoneMarker.matches(dir.resolve(m.id() + ".done"), identity)) {
            return null;
        }
        Location file = dir.resolve(m.id() + ".json");
        return Storage.get().isFile(file) ? GSON.fromJson(Storage.get().readString(file), MethodResult.class) : null;
    }

    /** Writes a unit's result, then its marker. */
    public static void write(Location out, MethodResult r, UnitIdentity identity) throws IOException {
        Location dir = folder(out, r.concept(), r.label());
        Storage.get().write(dir.resolve(r.method().id() + ".json"), GSON.toJson(r).getBytes(StandardCharsets.UTF_8));
        DoneMarker.of(r.method().id(), r.concept() + "/" + r.label(), identity, List.of()).write(
                dir.resolve(r.method().id() + ".done"));
    }

    /**
     * A digest of a concept's activation files (relative name, size, modification time): extract
     * names its files by chunk identity, and a rewritten file has a new time.
     */
    public static String activationDigest(Location table, String concept) throws IOException {
        Storage storage = Storage.get();
        Location folder = table.resolve("concept=" + concept);
        String prefix = folder.uri().getPath() + "/";
        StringBuilder files = new StringBuilder();
        for (Location p : storage.files(folder)) {
            if (p.name().startsWith(".")) {
                continue;
            }
            FileStatus st = storage.status(p);
            files.append(p.uri().getPath().substring(prefix.length())).append(' ').append(st.getLen()).append(' ')
                    .append(st.getModificationTime()).append('\n');
        }
        return UnitIdentity.sha256(files.toString());
    }
}
