package org.musicrfm.model.io;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/** Reads element ranges of a file through read-only memory maps of at most 1 GiB each (long offsets). */
final class MappedReader {

    /** Window size: well under the 2 GiB limit of one {@link MappedByteBuffer}. */
    static final long WINDOW = 1L << 30;

    private MappedReader() {}

    static float[] readFloats(FileChannel ch, long position, Dtype dtype, int count) throws IOException {
        return readFloats(ch, position, dtype, count, WINDOW);
    }

    /** As above with a given window size in bytes (tests use tiny windows to cross many boundaries). */
    static float[] readFloats(FileChannel ch, long position, Dtype dtype, int count, long window) throws IOException {
        float[] out = new float[count];
        int perWindow = (int) Math.max(1, window / dtype.bytes());
        for (int done = 0; done < count; ) {
            int n = Math.min(perWindow, count - done);
            MappedByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, position + (long) done * dtype.bytes(),
                    (long) n * dtype.bytes());
            dtype.decodeFloats(buf, out, done, n);
            done += n;
        }
        return out;
    }

    static long[] readLongs(FileChannel ch, long position, Dtype dtype, int count) throws IOException {
        long[] out = new long[count];
        int perWindow = (int) (WINDOW / dtype.bytes());
        for (int done = 0; done < count; ) {
            int n = Math.min(perWindow, count - done);
            MappedByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, position + (long) done * dtype.bytes(),
                    (long) n * dtype.bytes());
            dtype.decodeLongs(buf, out, done, n);
            done += n;
        }
        return out;
    }

    /** The element count as an int array length, or a clear error naming the tensor. */
    static int arrayLength(TensorInfo info, Object file) {
        long n = info.elementCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensor " + info.name() + " in " + file + " has " + n
                    + " elements, more than one Java array holds");
        }
        return (int) n;
    }
}
