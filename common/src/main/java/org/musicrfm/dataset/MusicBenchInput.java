package org.musicrfm.dataset;

import java.io.IOException;
import java.util.List;
import org.musicrfm.io.Location;

/** MusicBench's JSON-lines files read and checked on the driver, before any output. */
public final class MusicBenchInput {

    /** Malformed lines named in the failure message; the rest are counted. */
    private static final int SHOWN = 10;

    private MusicBenchInput() {}

    /**
     * Reads the files. Malformed lines fail unless {@code skipMalformed} (then they are in the result);
     * no entry at all fails, naming {@code given}, the files as the user gave them.
     */
    public static MusicBenchReader.Result read(List<Location> files, List<String> given, boolean skipMalformed)
            throws IOException {
        MusicBenchReader.Result read = MusicBenchReader.readLocations(files);
        if (!read.malformed().isEmpty() && !skipMalformed) {
            throw new IllegalArgumentException(malformedMessage(read.malformed()));
        }
        if (read.entries().isEmpty()) {
            throw new IllegalArgumentException("no MusicBench entries in " + given);
        }
        return read;
    }

    static String malformedMessage(List<MusicBenchReader.Malformed> malformed) {
        StringBuilder s = new StringBuilder().append(malformed.size()).append(" malformed MusicBench line")
                .append(malformed.size() == 1 ? "" : "s").append(" (nothing written; --skip-malformed lists them in"
                        + " errors/ and goes on): ");
        for (int i = 0; i < Math.min(SHOWN, malformed.size()); i++) {
            s.append(i == 0 ? "" : "; ").append(malformed.get(i));
        }
        if (malformed.size() > SHOWN) {
            s.append("; … and ").append(malformed.size() - SHOWN).append(" more");
        }
        return s.toString();
    }
}
