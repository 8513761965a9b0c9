package org.musicrfm.rfm.torch;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * torch.linalg routines DJL 0.33 does not expose (Cholesky, LU solve, eigh), called through a
 * TorchScript module whose source this project ships ({@code rfm_linalg.torchscript}). The
 * archive is written at run time (a stored zip: code, data.pkl of the module object, constants,
 * version), so no Python is needed, and it runs on whatever device the model is loaded on.
 */
final class TorchLinalg implements AutoCloseable {

    private static final String NAME = "rfmlinalg";

    /** Robust solve output: α, the path (0 Cholesky, 1 LU, 2 shifted LU) and the shift. */
    record Solve(NDArray alpha, int method, double shift) {}

    private final Model model;
    private final PtSymbolBlock block;
    private final Path dir;

    TorchLinalg(Device device) {
        try {
            dir = Files.createTempDirectory("rfm-linalg");
            writeArchive(dir.resolve(NAME + ".pt"));
            model = Model.newInstance(NAME, device, "PyTorch");
            model.load(dir, NAME);
            block = (PtSymbolBlock) model.getBlock();
        } catch (IOException | MalformedModelException e) {
            throw new IllegalStateException("cannot build the TorchScript linear-algebra module", e);
        }
    }

    /** (K + reg·I)·α = y with xRFM's fallbacks; results are attached to {@code manager}. */
    synchronized Solve solve(NDArray a, NDArray y, NDManager manager) {
        try (IValue op = IValue.from("solve");
             IValue args = IValue.listFrom((PtNDArray) a, (PtNDArray) y);
             IValue out = block.forward(op, args)) {
            NDArray[] r = out.toTensorArray((PtNDManager) manager);
            int method = (int) r[1].toDoubleArray()[0];
            double shift = r[2].toDoubleArray()[0];
            r[1].close();
            r[2].close();
            return new Solve(r[0], method, shift);
        }
    }

    /** Eigenvalues (ascending) and eigenvectors (columns) of a symmetric matrix. */
    synchronized NDArray[] eigh(NDArray a, NDManager manager) {
        try (IValue op = IValue.from("eigh");
             IValue args = IValue.listFrom((PtNDArray) a);
             IValue out = block.forward(op, args)) {
            return out.toTensorArray((PtNDManager) manager);
        }
    }

    @Override
    public void close() {
        model.close();
        try {
            Files.deleteIfExists(dir.resolve(NAME + ".pt"));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a stale temp file is harmless
        }
    }

    /** The TorchScript archive: {@code NAME/code/__torch__.py}, data.pkl, constants.pkl, version, byteorder. */
    static void writeArchive(Path file) throws IOException {
        byte[] code;
        try (InputStream in = TorchLinalg.class.getResourceAsStream("rfm_linalg.torchscript")) {
            if (in == null) {
                throw new IOException("resource rfm_linalg.torchscript missing from the classpath");
            }
            code = in.readAllBytes();
        }
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            stored(zip, NAME + "/data.pkl", modulePickle());
            stored(zip, NAME + "/code/__torch__.py", code);
            stored(zip, NAME + "/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
            stored(zip, NAME + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            stored(zip, NAME + "/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /**
     * Pickle (protocol 2) of the module object: GLOBAL __torch__.RfmLinalg, NEWOBJ with no
     * arguments, then BUILD with the state {"training": False}.
     */
    static byte[] modulePickle() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x80); // PROTO
        b.write(2);
        b.writeBytes("c__torch__\nRfmLinalg\n".getBytes(StandardCharsets.US_ASCII)); // GLOBAL
        b.write(')'); // EMPTY_TUPLE
        b.write(0x81); // NEWOBJ
        b.write('}'); // EMPTY_DICT
        b.write('('); // MARK
        byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
        b.write('X'); // BINUNICODE, 4-byte little-endian length
        b.write(key.length);
        b.write(0);
        b.write(0);
        b.write(0);
        b.writeBytes(key);
        b.write(0x89); // NEWFALSE
        b.write('u'); // SETITEMS
        b.write('b'); // BUILD
        b.write('.'); // STOP
        return b.toByteArray();
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }
}
