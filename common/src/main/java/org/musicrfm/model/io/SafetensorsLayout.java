package org.musicrfm.model.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The byte-range rules of the reference safetensors reader: the tensors' {@code data_offsets},
 * sorted by (begin, end), must tile the data section exactly — the first starts at 0, each starts
 * where the previous ends, the last ends at the end of the file. Two tensors sharing bytes, a gap
 * between them and bytes after the last one are all refused, naming the file and the tensors.
 */
final class SafetensorsLayout {

    /** One tensor's byte range in the data section. */
    record Range(String name, long begin, long end) {}

    private SafetensorsLayout() {}

    /** Checks that {@code ranges} tile {@code [0, dataLen)} exactly. */
    static void check(Path file, List<Range> ranges, long dataLen) throws IOException {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(Range::begin).thenComparingLong(Range::end));
        long expected = 0;
        Range previous = null;
        for (Range r : sorted) {
            if (r.begin() < expected) {
                throw new IOException(file + ": tensor " + r.name() + " bytes [" + r.begin() + ", " + r.end()
                        + ") overlap tensor " + previous.name() + " bytes [" + previous.begin() + ", "
                        + previous.end() + ") (corrupt or crafted file)");
            }
            if (r.begin() > expected) {
                throw new IOException(file + ": gap of " + (r.begin() - expected) + " bytes before tensor "
                        + r.name() + " at data offset " + r.begin()
                        + (previous == null ? " (the first tensor must start at 0)"
                                : " (previous tensor " + previous.name() + " ends at " + expected + ")"));
            }
            expected = r.end();
            previous = r;
        }
        if (expected != dataLen) {
            throw new IOException(file + ": " + (dataLen - expected) + " trailing bytes after the last tensor"
                    + (previous == null ? "" : " (" + previous.name() + " ends at data offset " + expected + ")")
                    + " in a " + dataLen + "-byte data section (corrupt or appended file)");
        }
    }
}
