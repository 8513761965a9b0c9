package org.musicrfm.model.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One safetensors file: {@code u64 LE header length}, a JSON header, then the raw data. Tensors are
 * read through memory maps of at most 1 GiB with long offsets, so files over 2 GiB work. The header
 * is validated on open as strictly as the reference reader (dtype, shape, offsets; the byte ranges
 * must tile the data section with no overlap, gap or trailing byte), so a corrupt file fails there
 * with an error naming it and the tensor, never later with a fault or wrong weights.
 */
public final class SafetensorsFile implements TensorSource {

    /** The safetensors format caps the header at 100 MB. */
    static final long MAX_HEADER = 100L << 20;

    private record Entry(TensorInfo info, Dtype dtype, long begin, long end) {}

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, Entry> entries;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path file, FileChannel channel, long dataStart, Map<String, Entry> entries,
                            Map<String, String> metadata) {
        this.file = file;
        this.channel = channel;
        this.dataStart = dataStart;
        this.entries = entries;
        this.metadata = metadata;
    }

    /** Opens and validates a safetensors file. */
    public static SafetensorsFile open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = ch.size();
            if (size < 8) {
                throw new IOException(file + ": not a safetensors file (" + size + " bytes, shorter than the 8-byte header length)");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0, file);
            long headerLen = lenBuf.getLong(0);
            if (headerLen < 2 || headerLen > MAX_HEADER || headerLen > size - 8) {
                throw new IOException(file + ": header length " + Long.toUnsignedString(headerLen)
                        + " is impossible for a file of " + size + " bytes (truncated or not safetensors)");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLen);
            readFully(ch, header, 8, file);
            String json;
            try {
                json = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(header.flip()).toString();
            } catch (CharacterCodingException e) {
                throw new IOException(file + ": safetensors header is not UTF-8", e);
            }
            long dataStart = 8 + headerLen;
            Map<String, String> metadata = new LinkedHashMap<>();
            Map<String, Entry> entries = parseHeader(file, json, size - dataStart, metadata);
            return new SafetensorsFile(file, ch, dataStart, entries, metadata);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos, Path file) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) {
                throw new IOException(file + ": unexpected end of file");
            }
        }
    }

    private static Map<String, Entry> parseHeader(Path file, String json, long dataLen, Map<String, String> metadata)
            throws IOException {
        JsonObject root;
        try {
            JsonElement parsed = JsonParser.parseString(json.trim());
            if (!parsed.isJsonObject()) {
                throw new IOException(file + ": safetensors header is not a JSON object");
            }
            root = parsed.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(file + ": safetensors header is not valid JSON: " + e.getMessage(), e);
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : root.entrySet()) {
            String name = e.getKey();
            if (name.equals("__metadata__")) {
                if (e.getValue().isJsonObject()) {
                    for (var m : e.getValue().getAsJsonObject().entrySet()) {
                        metadata.put(m.getKey(), m.getValue().isJsonPrimitive() ? m.getValue().getAsString()
                                : m.getValue().toString());
                    }
                }
                continue;
            }
            entries.put(name, parseEntry(file, name, e.getValue(), dataLen));
        }
        List<SafetensorsLayout.Range> ranges = new ArrayList<>(entries.size());
        for (Entry e : entries.values()) {
            ranges.add(new SafetensorsLayout.Range(e.info().name(), e.begin(), e.end()));
        }
        SafetensorsLayout.check(file, ranges, dataLen);
        return Collections.unmodifiableMap(entries);
    }

    private static Entry parseEntry(Path file, String name, JsonElement value, long dataLen) throws IOException {
        String where = "tensor " + name + " in " + file;
        try {
            JsonObject o = value.getAsJsonObject();
            Dtype dtype = Dtype.parse(o.get("dtype").getAsString(), file, name);
            JsonArray shapeJson = o.getAsJsonArray("shape");
            long[] shape = new long[shapeJson.size()];
            long count = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeJson.get(i).getAsLong();
                if (shape[i] < 0) {
                    throw new IOException(where + ": negative dimension in shape " + shapeJson);
                }
                count = Math.multiplyExact(count, shape[i]);
            }
            JsonArray offsets = o.getAsJsonArray("data_offsets");
            if (offsets == null || offsets.size() != 2) {
                throw new IOException(where + ": data_offsets must be [begin, end]");
            }
            long begin = offsets.get(0).getAsLong();
            long end = offsets.get(1).getAsLong();
            if (begin < 0 || end < begin || end > dataLen) {
                throw new IOException(where + ": data_offsets [" + begin + ", " + end
                        + "] out of range of the " + dataLen + "-byte data section (truncated or corrupt file)");
            }
            long expected = Math.multiplyExact(count, (long) dtype.bytes());
            if (end - begin != expected) {
                throw new IOException(where + ": data_offsets span " + (end - begin) + " bytes but " + dtype
                        + shapeJson + " needs " + expected);
            }
            return new Entry(new TensorInfo(name, dtype.name(), shape), dtype, begin, end);
        } catch (IllegalStateException | NullPointerException | UnsupportedOperationException
                 | ClassCastException | NumberFormatException | ArithmeticException e) {
            throw new IOException(where + ": malformed header entry " + value, e);
        }
    }

    /** The file this reads. */
    public Path file() {
        return file;
    }

    /** The {@code __metadata__} map of the header (empty when absent). */
    public Map<String, String> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    @Override
    public Set<String> names() {
        return entries.keySet();
    }

    @Override
    public TensorInfo info(String name) {
        return entry(name).info();
    }

    private Entry entry(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException("missing tensor " + name + " in " + file);
        }
        return e;
    }

    @Override
    public float[] readFloats(String name) throws IOException {
        Entry e = entry(name);
        if (!e.dtype().floating()) {
            throw new IllegalArgumentException("tensor " + name + " in " + file + " is " + e.dtype()
                    + ", not floating point: use readLongs");
        }
        return MappedReader.readFloats(channel, dataStart + e.begin(), e.dtype(), MappedReader.arrayLength(e.info(), file));
    }

    /** A floating tensor as float64: exact for F64, widened from the narrower types. */
    public double[] readDoubles(String name) throws IOException {
        Entry e = entry(name);
        if (e.dtype() != Dtype.F64) {
            float[] f = readFloats(name);
            double[] out = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
            return out;
        }
        int count = MappedReader.arrayLength(e.info(), file);
        double[] out = new double[count];
        java.nio.MappedByteBuffer buf = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + e.begin(), (long) count * 8);
        buf.order(java.nio.ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
        return out;
    }

    @Override
    public long[] readLongs(String name) throws IOException {
        Entry e = entry(name);
        if (e.dtype().floating()) {
            throw new IllegalArgumentException("tensor " + name + " in " + file + " is " + e.dtype()
                    + ", not an integer type: use readFloats");
        }
        return MappedReader.readLongs(channel, dataStart + e.begin(), e.dtype(), MappedReader.arrayLength(e.info(), file));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "SafetensorsFile[" + file + ", " + entries.size() + " tensors]";
    }
}
