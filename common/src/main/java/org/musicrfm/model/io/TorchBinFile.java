package org.musicrfm.model.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.musicrfm.model.io.TorchPickle.TensorRef;

/**
 * A PyTorch {@code .bin} checkpoint as written by {@code torch.save} (≥ 1.6): a zip holding
 * {@code <name>/data.pkl}, the pickled state dict, and {@code <name>/data/<key>}, one raw
 * little-endian storage per key. Tensors may share a storage at an offset; non-contiguous strides
 * are gathered element by element.
 */
public final class TorchBinFile implements TensorSource {

    /** Decoding chunk: bounded so that reading a large tensor never holds two full copies. */
    private static final int CHUNK = 1 << 24;

    /** A state dict's pickle holds names and tuples only (a few MB for the largest MusicGen). */
    private static final int MAX_PICKLE = 256 << 20;

    private record Entry(TensorInfo info, TensorRef ref, ZipEntry storage) {}

    private final Path file;
    private final ZipFile zip;
    private final Map<String, Entry> entries;

    private TorchBinFile(Path file, ZipFile zip, Map<String, Entry> entries) {
        this.file = file;
        this.zip = zip;
        this.entries = entries;
    }

    /** Opens a {@code torch.save} zip and reads its tensor table; corrupt input is an IOException naming the file. */
    public static TorchBinFile open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not a torch.save zip archive (truncated, corrupt, or the legacy "
                    + "pre-1.6 format): " + e, e);
        }
        try {
            String prefix = findPrefix(zip, file);
            Object root;
            ZipEntry pklEntry = zip.getEntry(prefix + "data.pkl");
            if (pklEntry.getSize() > MAX_PICKLE) {
                throw new IOException(file + ": data.pkl of " + pklEntry.getSize() + " bytes is too large for a state dict");
            }
            try (InputStream in = zip.getInputStream(pklEntry)) {
                byte[] pkl = in.readNBytes(MAX_PICKLE + 1);
                if (pkl.length > MAX_PICKLE) {
                    throw new IOException(file + ": data.pkl is too large for a state dict");
                }
                root = new TorchPickle(file.toString()).load(new ByteArrayInputStream(pkl));
            } catch (IOException | RuntimeException e) {
                throw new IOException(file + ": cannot unpickle data.pkl: " + e.getMessage(), e);
            }
            if (!(root instanceof Map<?, ?> dict)) {
                throw new IOException(file + ": data.pkl holds " + (root == null ? "None" : root.getClass().getSimpleName())
                        + ", not a state dict");
            }
            Map<String, Entry> entries = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : dict.entrySet()) {
                if (!(e.getKey() instanceof String name) || !(e.getValue() instanceof TensorRef ref)) {
                    throw new IOException(file + ": state dict entry " + e.getKey() + " is not a named tensor");
                }
                entries.put(name, validate(file, zip, prefix, name, ref));
            }
            return new TorchBinFile(file, zip, Collections.unmodifiableMap(entries));
        } catch (IOException e) {
            zip.close();
            throw e.getMessage() != null && e.getMessage().contains(file.toString()) ? e
                    : new IOException(file + ": cannot read the zip: " + e, e);
        } catch (RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    private static String findPrefix(ZipFile zip, Path file) throws IOException {
        for (Enumeration<? extends ZipEntry> it = zip.entries(); it.hasMoreElements(); ) {
            String n = it.nextElement().getName();
            if (n.endsWith("/data.pkl") && n.indexOf('/') == n.length() - "/data.pkl".length()) {
                return n.substring(0, n.length() - "data.pkl".length());
            }
        }
        throw new IOException(file + ": no <name>/data.pkl in the zip (not a torch.save checkpoint)");
    }

    private static Entry validate(Path file, ZipFile zip, String prefix, String name, TensorRef ref) throws IOException {
        String where = "tensor " + name + " in " + file;
        Dtype dtype = ref.storage().dtype();
        ZipEntry storage = zip.getEntry(prefix + "data/" + ref.storage().key());
        if (storage == null) {
            throw new IOException(where + ": storage data/" + ref.storage().key() + " is missing from the zip");
        }
        long numel = ref.storage().numel();
        if (storage.getSize() >= 0 && storage.getSize() != numel * dtype.bytes()) {
            throw new IOException(where + ": storage data/" + ref.storage().key() + " holds " + storage.getSize()
                    + " bytes, expected " + numel + " " + dtype + " elements");
        }
        if (ref.shape().length != ref.stride().length) {
            throw new IOException(where + ": shape " + Arrays.toString(ref.shape()) + " and stride "
                    + Arrays.toString(ref.stride()) + " differ in rank");
        }
        long count = 1;
        long last = ref.offset();
        for (int i = 0; i < ref.shape().length; i++) {
            if (ref.shape()[i] < 0 || ref.stride()[i] < 0) {
                throw new IOException(where + ": negative size or stride");
            }
            count *= ref.shape()[i];
            last += (ref.shape()[i] - 1) * ref.stride()[i];
        }
        if (ref.offset() < 0 || (count > 0 && last >= numel)) {
            throw new IOException(where + ": offset " + ref.offset() + ", shape " + Arrays.toString(ref.shape())
                    + " and stride " + Arrays.toString(ref.stride()) + " reach beyond its storage of " + numel
                    + " elements");
        }
        return new Entry(new TensorInfo(name, dtype.name(), ref.shape().clone()), ref, storage);
    }

    /** The file this reads. */
    public Path file() {
        return file;
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
        Dtype dtype = e.ref().storage().dtype();
        if (!dtype.floating()) {
            throw new IllegalArgumentException("tensor " + name + " in " + file + " is " + dtype
                    + ", not floating point: use readLongs");
        }
        int n = MappedReader.arrayLength(e.info(), file);
        long[] strides = contiguousStrides(e.ref().shape());
        if (n == 0 || isContiguous(e.ref(), strides)) {
            float[] out = new float[n];
            readRange(e, e.ref().offset(), n, (buf, at, k) -> dtype.decodeFloats(buf, out, at, k));
            return out;
        }
        // [span of storage] -> gathered row-major tensor
        int span = span(e);
        float[] raw = new float[span];
        readRange(e, e.ref().offset(), span, (buf, at, k) -> dtype.decodeFloats(buf, raw, at, k));
        float[] out = new float[n];
        gather(e.ref(), n, (dst, src) -> out[dst] = raw[src]);
        return out;
    }

    @Override
    public long[] readLongs(String name) throws IOException {
        Entry e = entry(name);
        Dtype dtype = e.ref().storage().dtype();
        if (dtype.floating()) {
            throw new IllegalArgumentException("tensor " + name + " in " + file + " is " + dtype
                    + ", not an integer type: use readFloats");
        }
        int n = MappedReader.arrayLength(e.info(), file);
        long[] strides = contiguousStrides(e.ref().shape());
        if (n == 0 || isContiguous(e.ref(), strides)) {
            long[] out = new long[n];
            readRange(e, e.ref().offset(), n, (buf, at, k) -> dtype.decodeLongs(buf, out, at, k));
            return out;
        }
        int span = span(e);
        long[] raw = new long[span];
        readRange(e, e.ref().offset(), span, (buf, at, k) -> dtype.decodeLongs(buf, raw, at, k));
        long[] out = new long[n];
        gather(e.ref(), n, (dst, src) -> out[dst] = raw[src]);
        return out;
    }

    private interface Decoder {
        void decode(ByteBuffer buf, int at, int count);
    }

    private interface Copy {
        void copy(int dst, int src);
    }

    /** Streams {@code count} elements starting at element {@code first} of the storage through the decoder. */
    private void readRange(Entry e, long first, int count, Decoder decoder) throws IOException {
        int es = e.ref().storage().dtype().bytes();
        try (InputStream in = zip.getInputStream(e.storage())) {
            in.skipNBytes(first * es);
            int perChunk = Math.max(1, CHUNK / es);
            byte[] buf = new byte[Math.min(count, perChunk) * es];
            for (int done = 0; done < count; ) {
                int k = Math.min(perChunk, count - done);
                int len = k * es;
                int got = in.readNBytes(buf, 0, len);
                if (got != len) {
                    throw new IOException("tensor " + e.info().name() + " in " + file + ": storage data/"
                            + e.ref().storage().key() + " ends early (truncated file)");
                }
                decoder.decode(ByteBuffer.wrap(buf, 0, len), done, k);
                done += k;
            }
        } catch (IOException ex) {
            if (ex.getMessage() != null && ex.getMessage().contains(file.toString())) {
                throw ex;
            }
            throw new IOException("tensor " + e.info().name() + " in " + file + ": cannot read storage data/"
                    + e.ref().storage().key() + ": " + ex, ex);
        }
    }

    private int span(Entry e) {
        long last = 0;
        for (int i = 0; i < e.ref().shape().length; i++) {
            last += (e.ref().shape()[i] - 1) * e.ref().stride()[i];
        }
        if (last + 1 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensor " + e.info().name() + " in " + file
                    + ": non-contiguous tensor spans too much storage to gather");
        }
        return (int) (last + 1);
    }

    /** Row-major walk over the shape: copy(destination index, storage index relative to the offset). */
    private static void gather(TensorRef ref, int n, Copy copy) {
        long[] shape = ref.shape();
        long[] stride = ref.stride();
        int rank = shape.length;
        long[] idx = new long[rank];
        long src = 0;
        for (int dst = 0; dst < n; dst++) {
            copy.copy(dst, (int) src);
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                src += stride[d];
                if (idx[d] < shape[d]) {
                    break;
                }
                src -= idx[d] * stride[d];
                idx[d] = 0;
            }
        }
    }

    private static long[] contiguousStrides(long[] shape) {
        long[] s = new long[shape.length];
        long acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    private static boolean isContiguous(TensorRef ref, long[] contiguous) {
        for (int i = 0; i < contiguous.length; i++) {
            if (ref.shape()[i] != 1 && ref.stride()[i] != contiguous[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    @Override
    public String toString() {
        return "TorchBinFile[" + file + ", " + entries.size() + " tensors]";
    }
}
