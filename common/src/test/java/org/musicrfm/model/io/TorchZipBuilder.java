package org.musicrfm.model.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes small torch.save-style zips by hand (pickle protocol 2 opcodes), for reader tests. */
final class TorchZipBuilder {

    private final ByteArrayOutputStream pkl = new ByteArrayOutputStream();
    private final Map<String, byte[]> storages = new LinkedHashMap<>();

    TorchZipBuilder() {
        pkl.write(0x80);
        pkl.write(2);
        global("collections", "OrderedDict");
        pkl.write(')');
        pkl.write('R');
    }

    TorchZipBuilder storage(String key, byte[] bytes) {
        storages.put(key, bytes);
        return this;
    }

    /** Appends name → _rebuild_tensor_v2(storage(type, key, numel), offset, shape, stride, False, OrderedDict()). */
    TorchZipBuilder tensor(String name, String storageType, String key, long numel, long offset, long[] shape,
                           long[] stride) {
        unicode(name);
        global("torch._utils", "_rebuild_tensor_v2");
        pkl.write('(');
        pkl.write('(');
        unicode("storage");
        global("torch", storageType);
        unicode(key);
        unicode("cpu");
        binint(numel);
        pkl.write('t');
        pkl.write('Q');
        binint(offset);
        tuple(shape);
        tuple(stride);
        pkl.write(0x89);
        global("collections", "OrderedDict");
        pkl.write(')');
        pkl.write('R');
        pkl.write('t');
        pkl.write('R');
        pkl.write('s');
        return this;
    }

    /** Raw global reference as a dict value (for the "unsupported global" test). */
    TorchZipBuilder globalValue(String name, String module, String attr) {
        unicode(name);
        global(module, attr);
        pkl.write('s');
        return this;
    }

    void write(Path file) throws IOException {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes(pkl.toByteArray());
        // BUILD with {'_metadata': {}} as torch does for state dicts, then STOP
        p.write('}');
        byte[] meta = "_metadata".getBytes(StandardCharsets.UTF_8);
        p.write('X');
        p.writeBytes(le32(meta.length));
        p.writeBytes(meta);
        p.write('}');
        p.write('s');
        p.write('b');
        p.write('.');
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, "archive/data.pkl", p.toByteArray());
            for (var e : storages.entrySet()) {
                put(zip, "archive/data/" + e.getKey(), e.getValue());
            }
            put(zip, "archive/version", "3\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    private void global(String module, String name) {
        pkl.write('c');
        pkl.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private void unicode(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        pkl.write('X');
        pkl.writeBytes(le32(b.length));
        pkl.writeBytes(b);
    }

    private void binint(long v) {
        pkl.write('J');
        pkl.writeBytes(le32((int) v));
    }

    private void tuple(long[] values) {
        pkl.write('(');
        for (long v : values) {
            binint(v);
        }
        pkl.write('t');
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            b.putFloat(x);
        }
        return b.array();
    }

    static byte[] shorts(int... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) {
            b.putShort((short) x);
        }
        return b.array();
    }

    static byte[] longs(long... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) {
            b.putLong(x);
        }
        return b.array();
    }
}
