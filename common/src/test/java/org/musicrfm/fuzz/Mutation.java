package org.musicrfm.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * One edit of a file's bytes, chosen by jqwik: the kinds that break parsers — flipped bits,
 * size fields overwritten with boundary values, truncation, insertion, duplication and deletion.
 *
 * @param kind     which edit (taken modulo the number of kinds)
 * @param position where (taken modulo the length)
 * @param value    the bits it writes or the length it spans
 */
record Mutation(int kind, int position, long value) {

    /** Values that size and offset fields get wrong: zero, negative, sign and width boundaries. */
    static final long[] BOUNDARY = {0, 1, -1, 2, 7, 8, 255, 65_535, Integer.MAX_VALUE, Integer.MIN_VALUE,
            0xFFFFFFFFL, 1L << 31, 1L << 32, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE, 100_000_001};

    byte[] apply(byte[] in) {
        if (in.length == 0) {
            return new byte[] {(byte) value};
        }
        int at = Math.floorMod(position, in.length);
        long boundary = BOUNDARY[(int) Math.floorMod(value, (long) BOUNDARY.length)];
        byte[] out = in.clone();
        switch (Math.floorMod(kind, 7)) {
            case 0 -> out[at] ^= (byte) (1 << Math.floorMod(value, 8));
            case 1 -> put(out, at, boundary, 4);
            case 2 -> put(out, at, boundary, 8);
            case 3 -> out = Arrays.copyOf(in, at);
            case 4 -> { // insert up to 16 bytes
                int n = 1 + (int) Math.floorMod(value, 16L);
                out = new byte[in.length + n];
                System.arraycopy(in, 0, out, 0, at);
                for (int i = 0; i < n; i++) {
                    out[at + i] = (byte) (value >>> (i % 8 * 8));
                }
                System.arraycopy(in, at, out, at + n, in.length - at);
            }
            case 5 -> { // duplicate a slice
                int n = Math.min(in.length - at, 1 + (int) Math.floorMod(value, 64L));
                out = new byte[in.length + n];
                System.arraycopy(in, 0, out, 0, at + n);
                System.arraycopy(in, at, out, at + n, in.length - at);
            }
            default -> { // delete a slice
                int n = Math.min(in.length - at, 1 + (int) Math.floorMod(value, 64L));
                out = new byte[in.length - n];
                System.arraycopy(in, 0, out, 0, at);
                System.arraycopy(in, at + n, out, at, in.length - at - n);
            }
        }
        return out;
    }

    private static void put(byte[] b, int at, long v, int width) {
        ByteBuffer buf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v);
        for (int i = 0; i < width && at + i < b.length; i++) {
            b[at + i] = buf.get(i);
        }
    }

    static byte[] applyAll(byte[] seed, List<Mutation> mutations) {
        byte[] b = seed;
        for (Mutation m : mutations) {
            b = m.apply(b);
        }
        return b;
    }
}
