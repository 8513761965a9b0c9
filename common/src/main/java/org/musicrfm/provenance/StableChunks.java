package org.musicrfm.provenance;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Cuts a list of items sorted by id into chunks whose boundaries depend on the ids themselves, not
 * on positions: a chunk ends after an item whose id hashes to 0 modulo the target size (or when it
 * reaches twice the target). Adding or removing items changes only the chunks they fall in, so a
 * re-run on a grown or shrunk input keeps every other chunk, and cuts the same chunks a clean run
 * cuts.
 */
public final class StableChunks {

    private StableChunks() {}

    public static <T> List<List<T>> cut(List<T> sortedItems, Function<T, String> id, int targetSize) {
        if (targetSize <= 0) {
            throw new IllegalArgumentException("chunk size must be positive, got " + targetSize);
        }
        List<List<T>> out = new ArrayList<>();
        List<T> current = new ArrayList<>();
        for (T item : sortedItems) {
            current.add(item);
            if (endsChunk(id.apply(item), targetSize) || current.size() >= 2 * targetSize) {
                out.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    static boolean endsChunk(String id, int targetSize) {
        byte[] h = UnitIdentity.newSha256().digest(id.getBytes(StandardCharsets.UTF_8));
        return Math.floorMod(ByteBuffer.wrap(h, 0, Long.BYTES).getLong(), (long) targetSize) == 0;
    }
}
