package org.musicrfm.steering.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;

/**
 * The per-unit files of a sweep output: each unit's WAV ({@value #AUDIO}{@code /<id>.wav}) and, written
 * after it, its row ({@value #UNITS}{@code /<id>.json}); a unit with a row is done.
 */
public final class SweepOutputs {

    public static final String AUDIO = "audio";
    public static final String UNITS = "units";

    private SweepOutputs() {}

    /** The row file of unit {@code unitId} inside output {@code out}. */
    public static Path rowFile(Path out, String unitId) {
        return out.resolve(UNITS).resolve(unitId + ".json");
    }

    /** The row file of unit {@code unitId} inside output {@code out}. */
    public static Location rowFile(Location out, String unitId) {
        return out.resolve(UNITS).resolve(unitId + ".json");
    }

    /**
     * Deletes WAVs and rows of units not in {@code wanted} (and leftovers of interrupted writes);
     * returns the units removed.
     */
    public static long removeStale(Path out, Set<String> wanted) throws IOException {
        return removeStale(Location.of(out), wanted);
    }

    /** As {@link #removeStale(Path, Set)} for an output on any file system {@link Storage} reaches. */
    public static long removeStale(Location out, Set<String> wanted) throws IOException {
        Storage storage = Storage.get();
        long n = 0;
        for (String dir : List.of(UNITS, AUDIO)) {
            for (Location p : storage.list(out.resolve(dir))) {
                String name = p.name();
                int dot = name.indexOf('.');
                String id = dot < 0 ? name : name.substring(0, dot);
                boolean finished = name.equals(id + (dir.equals(UNITS) ? ".json" : ".wav"));
                if (!finished || !wanted.contains(id)) {
                    storage.delete(p);
                    n += finished && dir.equals(UNITS) ? 1 : 0;
                }
            }
        }
        return n;
    }

    /** Units whose row (written after the WAV) exists. */
    public static Set<String> doneUnits(Path out) throws IOException {
        return doneUnits(Location.of(out));
    }

    /** As {@link #doneUnits(Path)} for an output on any file system {@link Storage} reaches. */
    public static Set<String> doneUnits(Location out) throws IOException {
        Set<String> done = new HashSet<>();
        Storage.get().names(out.resolve(UNITS)).stream().filter(n -> n.endsWith(".json"))
                .forEach(n -> done.add(n.substring(0, n.length() - 5)));
        return done;
    }
}
