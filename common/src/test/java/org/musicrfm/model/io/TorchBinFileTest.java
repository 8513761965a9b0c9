package org.musicrfm.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.Fixtures;

class TorchBinFileTest {

    @TempDir
    Path tmp;

    @Test
    void readsTheFixtureShardWithTorchNames() throws Exception {
        Path bin = Fixtures.hfTiny().resolve("musicgen-bin-sharded/pytorch_model-00001-of-00002.bin");
        try (TorchBinFile f = TorchBinFile.open(bin)) {
            TensorInfo g = f.info("audio_encoder.decoder.layers.0.conv.weight_g");
            assertThat(g.dtype()).isEqualTo("F32");
            assertThat(g.shape()).containsExactly(64, 1, 1);
            assertThat(f.readFloats(g.name())[0]).isEqualTo(0.5457957983016968f);
        }
    }

    @Test
    void sharedStorageOffsetsStridesHalfAndLong() throws Exception {
        Path file = tmp.resolve("t.bin");
        float[] storage = new float[12];
        for (int i = 0; i < storage.length; i++) {
            storage[i] = i;
        }
        new TorchZipBuilder()
                .storage("0", TorchZipBuilder.floats(storage))
                .storage("1", TorchZipBuilder.shorts(0x3c00, 0xc000, 0x0001))
                .storage("2", TorchZipBuilder.longs(5, -7, 1L << 40))
                // a transposed view: t[i][j] = storage[2 + i + 2j]
                .tensor("t", "FloatStorage", "0", 12, 2, new long[] {2, 3}, new long[] {1, 2})
                .tensor("c", "FloatStorage", "0", 12, 6, new long[] {2, 2}, new long[] {2, 1})
                .tensor("h", "HalfStorage", "1", 3, 0, new long[] {3}, new long[] {1})
                .tensor("i", "LongStorage", "2", 3, 1, new long[] {2}, new long[] {1})
                .write(file);
        try (TorchBinFile f = TorchBinFile.open(file)) {
            assertThat(f.names()).containsExactly("t", "c", "h", "i");
            assertThat(f.readFloats("t")).containsExactly(2, 4, 6, 3, 5, 7);
            assertThat(f.readFloats("c")).containsExactly(6, 7, 8, 9);
            assertThat(f.info("h").dtype()).isEqualTo("F16");
            assertThat(f.readFloats("h")).containsExactly(1f, -2f, 0x1p-24f);
            assertThat(f.info("i").dtype()).isEqualTo("I64");
            assertThat(f.readLongs("i")).containsExactly(-7, 1L << 40);
        }
    }

    @Test
    void viewsBeyondTheirStorageAndUnknownGlobalsAreClearErrors() throws Exception {
        Path beyond = tmp.resolve("beyond.bin");
        new TorchZipBuilder().storage("0", TorchZipBuilder.floats(1, 2, 3))
                .tensor("x", "FloatStorage", "0", 3, 2, new long[] {2}, new long[] {1})
                .write(beyond);
        assertThatThrownBy(() -> TorchBinFile.open(beyond)).isInstanceOf(IOException.class)
                .hasMessageContaining("tensor x").hasMessageContaining(beyond.toString())
                .hasMessageContaining("beyond its storage of 3");

        Path evil = tmp.resolve("evil.bin");
        new TorchZipBuilder().globalValue("x", "os", "system").write(evil);
        assertThatThrownBy(() -> TorchBinFile.open(evil)).isInstanceOf(IOException.class)
                .hasMessageContaining(evil.toString()).hasMessageContaining("unsupported pickle global os.system");

        Path missing = tmp.resolve("missing.bin");
        new TorchZipBuilder().tensor("x", "FloatStorage", "7", 3, 0, new long[] {3}, new long[] {1}).write(missing);
        assertThatThrownBy(() -> TorchBinFile.open(missing)).isInstanceOf(IOException.class)
                .hasMessageContaining("storage data/7 is missing");
    }
}
