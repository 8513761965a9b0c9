package org.musicrfm.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.Fixtures;

/** Corrupt or incomplete input fails with an exception naming the file, never a crash or a fault later. */
class CorruptInputTest {

    @TempDir
    Path tmp;

    private static byte[] safetensors(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private Path copyFolder(String fixture) throws IOException {
        Path src = Fixtures.hfTiny().resolve(fixture);
        Path dst = tmp.resolve(fixture);
        Files.createDirectories(dst);
        try (Stream<Path> files = Files.list(src)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dst.resolve(f.getFileName()));
                dst.resolve(f.getFileName()).toFile().setWritable(true);
            }
        }
        return dst;
    }

    @Test
    void truncatedSafetensors() throws Exception {
        byte[] full = Files.readAllBytes(Fixtures.hfTiny().resolve("musicgen/model.safetensors"));
        Path cut = write("cut.safetensors", Arrays.copyOf(full, full.length / 2));
        assertThatThrownBy(() -> SafetensorsFile.open(cut)).isInstanceOf(IOException.class)
                .hasMessageContaining(cut.toString()).hasMessageContaining("out of range");
        Path tiny = write("tiny.safetensors", new byte[] {1, 2, 3});
        assertThatThrownBy(() -> SafetensorsFile.open(tiny)).isInstanceOf(IOException.class)
                .hasMessageContaining(tiny.toString());
        Path headerCut = write("headercut.safetensors", Arrays.copyOf(full, 100));
        assertThatThrownBy(() -> SafetensorsFile.open(headerCut)).isInstanceOf(IOException.class)
                .hasMessageContaining(headerCut.toString()).hasMessageContaining("header length");
    }

    @Test
    void headerLengthBeyondTheFile() throws Exception {
        byte[] b = safetensors("{}", 0);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40);
        Path p = write("huge.safetensors", b);
        assertThatThrownBy(() -> SafetensorsFile.open(p)).isInstanceOf(IOException.class)
                .hasMessageContaining(p.toString()).hasMessageContaining("header length 1099511627776");
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1L);
        Path q = write("negative.safetensors", b);
        assertThatThrownBy(() -> SafetensorsFile.open(q)).isInstanceOf(IOException.class)
                .hasMessageContaining("header length 18446744073709551615");
    }

    @Test
    void jsonGarbage() throws Exception {
        Path p = write("garbage.safetensors", safetensors("{\"a\": [1, 2,,, }}}", 4));
        assertThatThrownBy(() -> SafetensorsFile.open(p)).isInstanceOf(IOException.class)
                .hasMessageContaining(p.toString()).hasMessageContaining("not valid JSON");
        Path q = write("notobject.safetensors", safetensors("[1, 2, 3]", 4));
        assertThatThrownBy(() -> SafetensorsFile.open(q)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a JSON object");
        Path r = write("badentry.safetensors", safetensors("{\"x\": {\"dtype\": \"F32\", \"shape\": \"big\"}}", 4));
        assertThatThrownBy(() -> SafetensorsFile.open(r)).isInstanceOf(IOException.class)
                .hasMessageContaining("tensor x").hasMessageContaining(r.toString());
        byte[] bad = safetensors("{\"x\":1}", 0);
        bad[9] = (byte) 0xff; // invalid UTF-8
        Path s = write("utf8.safetensors", bad);
        assertThatThrownBy(() -> SafetensorsFile.open(s)).isInstanceOf(IOException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void dataOffsetsOutOfRangeOrInconsistentWithTheShape() throws Exception {
        Path p = write("range.safetensors",
                safetensors("{\"x\": {\"dtype\": \"F32\", \"shape\": [4], \"data_offsets\": [0, 16]}}", 8));
        assertThatThrownBy(() -> SafetensorsFile.open(p)).isInstanceOf(IOException.class)
                .hasMessageContaining("tensor x in " + p).hasMessageContaining("[0, 16]")
                .hasMessageContaining("8-byte data section");
        Path q = write("span.safetensors",
                safetensors("{\"x\": {\"dtype\": \"F32\", \"shape\": [3], \"data_offsets\": [0, 16]}}", 16));
        assertThatThrownBy(() -> SafetensorsFile.open(q)).isInstanceOf(IOException.class)
                .hasMessageContaining("tensor x").hasMessageContaining("needs 12");
        Path r = write("backwards.safetensors",
                safetensors("{\"x\": {\"dtype\": \"F32\", \"shape\": [0], \"data_offsets\": [8, 4]}}", 16));
        assertThatThrownBy(() -> SafetensorsFile.open(r)).isInstanceOf(IOException.class).hasMessageContaining("[8, 4]");
    }

    @Test
    void tensorsSharingOrOverlappingBytesAreRefusedNamingBoth() throws Exception {
        Path same = write("same.safetensors", safetensors("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]},"
                + " \"b\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}}", 8));
        assertThatThrownBy(() -> SafetensorsFile.open(same)).isInstanceOf(IOException.class)
                .hasMessageContaining(same.toString()).hasMessageContaining("overlap")
                .hasMessageContaining("tensor a").hasMessageContaining("tensor b");
        Path overlap = write("overlap.safetensors", safetensors("{\"b\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [4, 12]},"
                + " \"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}}", 12));
        assertThatThrownBy(() -> SafetensorsFile.open(overlap)).isInstanceOf(IOException.class)
                .hasMessageContaining("tensor b bytes [4, 12) overlap tensor a bytes [0, 8)");
    }

    @Test
    void gapsAndTrailingBytesAreRefused() throws Exception {
        Path gap = write("gap.safetensors", safetensors("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]},"
                + " \"b\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [8, 12]}}", 12));
        assertThatThrownBy(() -> SafetensorsFile.open(gap)).isInstanceOf(IOException.class)
                .hasMessageContaining(gap.toString()).hasMessageContaining("gap of 4 bytes before tensor b");
        Path late = write("late.safetensors", safetensors("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 8]}}", 8));
        assertThatThrownBy(() -> SafetensorsFile.open(late)).isInstanceOf(IOException.class)
                .hasMessageContaining("gap of 4 bytes before tensor a").hasMessageContaining("must start at 0");
        Path trailing = write("trailing.safetensors", safetensors("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}", 5));
        assertThatThrownBy(() -> SafetensorsFile.open(trailing)).isInstanceOf(IOException.class)
                .hasMessageContaining(trailing.toString()).hasMessageContaining("1 trailing bytes after the last tensor")
                .hasMessageContaining("a ends at data offset 4");
        byte[] full = Files.readAllBytes(Fixtures.hfTiny().resolve("musicgen/model.safetensors"));
        Path appended = write("appended.safetensors", Arrays.copyOf(full, full.length + 16));
        assertThatThrownBy(() -> SafetensorsFile.open(appended)).hasMessageContaining("16 trailing bytes");
    }

    @Test
    void aRealCheckpointWithTwoTensorsOnTheSameBytesIsRefused() throws Exception {
        byte[] full = Files.readAllBytes(Fixtures.hfTiny().resolve("musicgen/model.safetensors"));
        long n = ByteBuffer.wrap(full).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        String header = new String(full, 8, (int) n, StandardCharsets.UTF_8);
        var root = com.google.gson.JsonParser.parseString(header).getAsJsonObject();
        // two tensors of the same dtype and shape: point the second at the first one's bytes
        String first = null;
        String second = null;
        for (var e : root.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            var o = e.getValue().getAsJsonObject();
            if (first == null) {
                first = e.getKey();
            } else if (o.get("shape").equals(root.getAsJsonObject(first).get("shape"))
                    && o.get("dtype").equals(root.getAsJsonObject(first).get("dtype"))) {
                second = e.getKey();
                break;
            }
        }
        assertThat(second).isNotNull();
        root.getAsJsonObject(second).add("data_offsets", root.getAsJsonObject(first).get("data_offsets").deepCopy());
        byte[] h = root.toString().getBytes(StandardCharsets.UTF_8);
        byte[] data = Arrays.copyOfRange(full, 8 + (int) n, full.length);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Path p = write("aliased.safetensors", b.array());
        assertThatThrownBy(() -> SafetensorsFile.open(p)).isInstanceOf(IOException.class)
                .hasMessageContaining(p.toString()).hasMessageContaining("overlap").hasMessageContaining(second);
    }

    @Test
    void unknownDtype() throws Exception {
        Path p = write("dtype.safetensors",
                safetensors("{\"x\": {\"dtype\": \"Q4\", \"shape\": [4], \"data_offsets\": [0, 2]}}", 2));
        assertThatThrownBy(() -> SafetensorsFile.open(p))
                .hasMessageContaining("unknown dtype 'Q4'").hasMessageContaining("tensor x").hasMessageContaining(p.toString());
    }

    @Test
    void missingShardListedInTheIndex() throws Exception {
        Path folder = copyFolder("musicgen-sharded");
        Files.delete(folder.resolve("model-00003-of-00005.safetensors"));
        assertThatThrownBy(() -> Checkpoint.open(folder)).isInstanceOf(IOException.class)
                .hasMessageContaining("model-00003-of-00005.safetensors")
                .hasMessageContaining("model.safetensors.index.json");
    }

    @Test
    void indexListingATensorItsShardLacks() throws Exception {
        Path folder = copyFolder("musicgen-sharded");
        Path index = folder.resolve("model.safetensors.index.json");
        String json = Files.readString(index).replace("\"weight_map\": {", "\"weight_map\": {\"ghost.weight\": \"model-00001-of-00005.safetensors\", ");
        assertThat(json).contains("ghost.weight");
        Files.writeString(index, json);
        assertThatThrownBy(() -> Checkpoint.open(folder)).isInstanceOf(IOException.class)
                .hasMessageContaining("ghost.weight").hasMessageContaining("model-00001-of-00005.safetensors");
    }

    @Test
    void missingConfigJsonAndMissingWeights() throws Exception {
        Path folder = copyFolder("musicgen");
        Files.delete(folder.resolve("config.json"));
        assertThatThrownBy(() -> Checkpoint.open(folder)).isInstanceOf(IOException.class)
                .hasMessageContaining("missing config.json in " + folder);
        Path empty = tmp.resolve("empty");
        Files.createDirectories(empty);
        Files.writeString(empty.resolve("config.json"), "{}");
        assertThatThrownBy(() -> Checkpoint.open(empty)).isInstanceOf(IOException.class)
                .hasMessageContaining("no weights in " + empty);
        Files.writeString(empty.resolve("config.json"), "{not json");
        assertThatThrownBy(() -> Checkpoint.open(empty)).isInstanceOf(IOException.class)
                .hasMessageContaining(empty.resolve("config.json").toString());
    }

    @Test
    void truncatedAndGarbageTorchBin() throws Exception {
        Path src = Fixtures.hfTiny().resolve("musicgen-bin-sharded/pytorch_model-00001-of-00002.bin");
        byte[] full = Files.readAllBytes(src);
        Path cut = write("cut.bin", Arrays.copyOf(full, full.length - 100));
        assertThatThrownBy(() -> TorchBinFile.open(cut)).isInstanceOf(IOException.class)
                .hasMessageContaining(cut.toString());
        Path garbage = write("garbage.bin", "not a zip at all".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> TorchBinFile.open(garbage)).isInstanceOf(IOException.class)
                .hasMessageContaining(garbage.toString()).hasMessageContaining("not a torch.save zip");
    }

    @Test
    void corruptPickleInsideAValidZip() throws Exception {
        Path p = tmp.resolve("pickle.bin");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(p))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("archive/data.pkl"));
            zip.write(new byte[] {(byte) 0x80, 2, '}', '(', 'X', 5, 0, 0}); // string length beyond the data
            zip.closeEntry();
        }
        assertThatThrownBy(() -> TorchBinFile.open(p)).isInstanceOf(IOException.class)
                .hasMessageContaining(p.toString());
    }
}
