package org.musicrfm.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.Fixtures;

/** Offsets beyond 2 and 4 GiB, and tensors spanning several map windows. */
class LargeFileTest {

    @TempDir
    Path tmp;

    @Test
    void readsATensorStoredBeyondFourGibInASparseFile() throws Exception {
        long pad = 4_500_000_000L; // a U8 filler tensor pushes "x" past 4 GiB
        String header = "{\"pad\":{\"dtype\":\"U8\",\"shape\":[" + pad + "],\"data_offsets\":[0," + pad + "]},"
                + "\"x\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[" + pad + "," + (pad + 16) + "]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        Path file = tmp.resolve("big.safetensors");
        long dataStart = 8 + h.length;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(dataStart + pad + 16); // sparse: no disk blocks for the filler
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(8 + h.length).order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(h.length).put(h).flip();
            ch.write(b, 0);
            ByteBuffer x = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            x.putFloat(1.5f).putFloat(-2f).putFloat(0x1p-30f).putFloat(3e38f).flip();
            ch.write(x, dataStart + pad);
        }
        assertThat(Files.size(file)).isGreaterThan(4L << 30);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertThat(f.readFloats("x")).containsExactly(1.5f, -2f, 0x1p-30f, 3e38f);
            assertThatThrownBy(() -> f.readLongs("pad")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tensor pad").hasMessageContaining("4500000000 elements");
        }
    }

    @Test
    void tensorsSpanningManySmallWindowsReadTheSame() throws Exception {
        Path file = Fixtures.hfTiny().resolve("musicgen/model.safetensors");
        try (SafetensorsFile f = SafetensorsFile.open(file);
             FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            String name = "decoder.lm_heads.0.weight";
            float[] whole = f.readFloats(name);
            // same bytes through 12-byte windows (3 floats): every window boundary is crossed
            long header = ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            long begin = 2010312; // data_offsets of decoder.lm_heads.0.weight in the fixture header
            float[] windowed = MappedReader.readFloats(ch, 8 + header + begin, Dtype.F32, whole.length, 12);
            assertThat(CheckpointLayoutsTest.firstDifference(whole, windowed)).isEqualTo(-1);
        }
    }
}
