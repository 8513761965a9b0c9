package org.musicrfm.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavFilesTest {

    private static final Audio STEREO = new Audio(new float[] {0f, 0.5f, -0.5f, 1f, -1f, 0.25f}, 44_100, 2);

    @Test
    void floatRoundTripIsExact(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("a.wav");
        WavFiles.write(f, STEREO, SampleFormat.FLOAT_32);
        Audio back = WavFiles.read(f);
        assertThat(back.samples()).containsExactly(STEREO.samples());
        assertThat(back.sampleRate()).isEqualTo(44_100);
        assertThat(back.channels()).isEqualTo(2);
        assertThat(Files.size(f)).isEqualTo(44 + 6 * 4);
    }

    @Test
    void pcm16RoundTripWithinOneLevelAndClips() {
        Audio loud = new Audio(new float[] {0.3f, -0.7f, 1.5f, -2f}, 32_000, 1);
        Audio back = WavFiles.decode(WavFiles.encode(loud, SampleFormat.PCM_16));
        assertThat(back.samples()[0]).isCloseTo(0.3f, org.assertj.core.data.Offset.offset(1f / 32767));
        assertThat(back.samples()[1]).isCloseTo(-0.7f, org.assertj.core.data.Offset.offset(1f / 32767));
        assertThat(back.samples()[2]).isEqualTo(32767 / 32768f);
        assertThat(back.samples()[3]).isEqualTo(-1f);
    }

    @Test
    void truncatedFileIsAClearErrorNamingIt(@TempDir Path dir) throws IOException {
        byte[] bytes = WavFiles.encode(STEREO, SampleFormat.FLOAT_32);
        Path f = dir.resolve("cut.wav");
        Files.write(f, Arrays.copyOf(bytes, bytes.length - 5));
        assertThatThrownBy(() -> WavFiles.read(f)).isInstanceOf(IOException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("truncated");
        Path g = dir.resolve("garbage.wav");
        Files.writeString(g, "hello, not audio");
        assertThatThrownBy(() -> WavFiles.read(g)).isInstanceOf(IOException.class)
                .hasMessageContaining(g.toString());
        assertThatThrownBy(() -> WavFiles.read(dir.resolve("missing.wav"))).isInstanceOf(IOException.class)
                .hasMessageContaining("missing.wav");
    }
    @Test
    void nanOrInfiniteFloatSamplesAreAnErrorNamingFileAndFrame(@TempDir Path dir) throws IOException {
        Path nan = dir.resolve("nan.wav");
        WavFiles.write(nan, new Audio(new float[] {0f, 0.1f, 0.2f, Float.NaN, 0f, 0f}, 32_000, 2), SampleFormat.FLOAT_32);
        assertThatThrownBy(() -> WavFiles.read(nan)).isInstanceOf(IOException.class)
                .hasMessageContaining(nan.toString()).hasMessageContaining("non-finite sample NaN at frame 1, channel 1");
        Path inf = dir.resolve("inf.wav");
        WavFiles.write(inf, new Audio(new float[] {Float.NEGATIVE_INFINITY, 0f}, 32_000, 1), SampleFormat.FLOAT_32);
        assertThatThrownBy(() -> WavFiles.read(inf)).isInstanceOf(IOException.class)
                .hasMessageContaining("non-finite sample -Infinity at frame 0");
    }

    @Test
    void dataSizeLeftZeroOrMinusOneByAStreamingWriterIsReadToTheEndOfTheFile() {
        byte[] bytes = WavFiles.encode(STEREO, SampleFormat.FLOAT_32);
        int sizeField = 40; // "data" at 36, its size at 40 in the 44-byte header encode writes
        assertThat(new String(bytes, 36, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("data");
        for (int declared : new int[] {0, -1}) {
            byte[] streamed = bytes.clone();
            java.nio.ByteBuffer.wrap(streamed).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(sizeField, declared);
            assertThat(WavFiles.decode(streamed).samples()).containsExactly(STEREO.samples());
            // a partial last frame (3 of 8 bytes) is dropped, as other readers do
            byte[] partial = Arrays.copyOf(streamed, streamed.length + 3);
            assertThat(WavFiles.decode(partial).samples()).containsExactly(STEREO.samples());
        }
        byte[] empty = Arrays.copyOf(bytes, 44);
        java.nio.ByteBuffer.wrap(empty).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(sizeField, 0);
        assertThat(WavFiles.decode(empty).frames()).isZero();
    }
}
