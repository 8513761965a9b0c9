package org.musicrfm.model.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;

/**
 * Streams a safetensors file tensor by tensor: the header (names, dtypes, shapes, offsets) is
 * written first from the declared tensors, then each tensor's data in declaration order, so only
 * one tensor is in memory at a time. Floats are narrowed to the declared dtype (F16 and BF16 round
 * to nearest even).
 */
public final class SafetensorsWriter implements AutoCloseable {

    private static final int BUFFER = 1 << 20;

    private final String file;
    private final WritableByteChannel channel;
    private final List<TensorInfo> tensors;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private int next;

    private SafetensorsWriter(String file, WritableByteChannel channel, List<TensorInfo> tensors) {
        this.file = file;
        this.channel = channel;
        this.tensors = tensors;
    }

    /** Creates the file and writes its header; tensors must then be written in this order. */
    public static SafetensorsWriter create(Path file, List<TensorInfo> tensors, Map<String, String> metadata)
            throws IOException {
        ByteBuffer head = header(file, tensors, metadata);
        return start(file.toString(), FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                head, tensors);
    }

    /** As {@link #create(Path, List, Map)} for a new file on any file system {@link Storage} reaches. */
    public static SafetensorsWriter create(Location file, List<TensorInfo> tensors, Map<String, String> metadata)
            throws IOException {
        if (file.isLocal()) {
            return create(file.localPath(), tensors, metadata);
        }
        ByteBuffer head = header(file, tensors, metadata);
        return start(file.toString(), Channels.newChannel(Storage.get().create(file)), head, tensors);
    }

    private static SafetensorsWriter start(String file, WritableByteChannel ch, ByteBuffer head, List<TensorInfo> tensors)
            throws IOException {
        try {
            head.flip();
            while (head.hasRemaining()) {
                ch.write(head);
            }
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return new SafetensorsWriter(file, ch, List.copyOf(tensors));
    }

    private static ByteBuffer header(Object file, List<TensorInfo> tensors, Map<String, String> metadata) {
        JsonObject header = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            new TreeMap<>(metadata).forEach(meta::addProperty); // sorted: Map.of iterates in a per-JVM order
            header.add("__metadata__", meta);
        }
        long offset = 0;
        for (TensorInfo t : tensors) {
            Dtype dtype = Dtype.parse(t.dtype(), file, t.name());
            long bytes = t.elementCount() * dtype.bytes();
            JsonObject e = new JsonObject();
            e.addProperty("dtype", dtype.name());
            JsonArray shape = new JsonArray();
            for (long s : t.shape()) {
                shape.add(s);
            }
            e.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(offset + bytes);
            e.add("data_offsets", offsets);
            if (header.has(t.name())) {
                throw new IllegalArgumentException("tensor " + t.name() + " declared twice for " + file);
            }
            header.add(t.name(), e);
            offset += bytes;
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8; // the data section starts 8-byte aligned
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        return head;
    }

    private TensorInfo expect(String name, long count) {
        if (next >= tensors.size()) {
            throw new IllegalStateException("all " + tensors.size() + " tensors of " + file + " already written; got " + name);
        }
        TensorInfo t = tensors.get(next);
        if (!t.name().equals(name)) {
            throw new IllegalStateException("tensors of " + file + " must be written in declared order: expected "
                    + t.name() + ", got " + name);
        }
        if (t.elementCount() != count) {
            throw new IllegalArgumentException("tensor " + name + " of " + file + " has shape "
                    + Arrays.toString(t.shape()) + " (" + t.elementCount() + " elements), got " + count + " values");
        }
        next++;
        return t;
    }

    /** Writes the next tensor from float32 values, converted to its declared floating dtype. */
    public void writeFloats(String name, float[] values) throws IOException {
        Dtype dtype = Dtype.parse(expect(name, values.length).dtype(), file, name);
        for (float v : values) {
            if (buffer.remaining() < 8) {
                flush();
            }
            switch (dtype) {
                case F32 -> buffer.putFloat(v);
                case F64 -> buffer.putDouble(v);
                case F16 -> buffer.putShort(HalfFloat.fromFloat(v));
                case BF16 -> buffer.putShort(toBf16(v));
                default -> throw new IllegalArgumentException("tensor " + name + " is declared " + dtype
                        + ": use writeLongs");
            }
        }
    }

    /** Writes the next tensor from float64 values: exact when declared F64, else rounded as {@link #writeFloats}. */
    public void writeDoubles(String name, double[] values) throws IOException {
        Dtype dtype = Dtype.parse(expect(name, values.length).dtype(), file, name);
        if (dtype != Dtype.F64) {
            next--;
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            writeFloats(name, f);
            return;
        }
        for (double v : values) {
            if (buffer.remaining() < 8) {
                flush();
            }
            buffer.putDouble(v);
        }
    }

    /** Writes the next tensor from integers, converted to its declared integer dtype. */
    public void writeLongs(String name, long[] values) throws IOException {
        Dtype dtype = Dtype.parse(expect(name, values.length).dtype(), file, name);
        for (long v : values) {
            if (buffer.remaining() < 8) {
                flush();
            }
            switch (dtype) {
                case I64 -> buffer.putLong(v);
                case I32 -> buffer.putInt((int) v);
                case I16 -> buffer.putShort((short) v);
                case I8, U8, BOOL -> buffer.put((byte) v);
                default -> throw new IllegalArgumentException("tensor " + name + " is declared " + dtype
                        + ": use writeFloats");
            }
        }
    }

    /** Round to nearest even, keeping NaN a NaN. */
    static short toBf16(float v) {
        int bits = Float.floatToRawIntBits(v);
        if (Float.isNaN(v)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        return (short) ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16);
    }

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    /** Flushes and closes; an error if some declared tensor was never written. */
    @Override
    public void close() throws IOException {
        try {
            flush();
            if (next != tensors.size()) {
                throw new IOException(file + ": only " + next + " of " + tensors.size()
                        + " declared tensors were written (next: " + tensors.get(next).name() + ")");
            }
            if (channel instanceof FileChannel f) {
                f.force(false);
            }
        } finally {
            channel.close();
        }
    }
}
