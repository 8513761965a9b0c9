package org.musicrfm.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.musicrfm.Fixtures;

class CheckpointTest {

    private static final Path MUSICGEN = Fixtures.hfTiny().resolve("musicgen");

    @Test
    void opensSingleSafetensorsWithConfigAndUnifiedWeightNormNames() throws Exception {
        try (Checkpoint c = Checkpoint.open(MUSICGEN)) {
            assertThat(c.layout()).isEqualTo(Checkpoint.Layout.SAFETENSORS);
            assertThat(c.folder()).isEqualTo(MUSICGEN);
            assertThat(c.config().getAsJsonObject("decoder").get("hidden_size").getAsInt()).isEqualTo(32);
            assertThat(c.names()).hasSize(195)
                    .contains("audio_encoder.encoder.layers.0.conv.weight_g",
                            "audio_encoder.encoder.layers.0.conv.weight_v")
                    .noneMatch(n -> n.contains("parametrizations"));
            assertThat(c.storedName("audio_encoder.encoder.layers.0.conv.weight_v"))
                    .isEqualTo("audio_encoder.encoder.layers.0.conv.parametrizations.weight.original1");
            float[] g = c.require("audio_encoder.decoder.layers.0.conv.weight_g", 64, 1, 1);
            assertThat(g[0]).isEqualTo(0.5457957983016968f);
            assertThat(c.require("decoder.model.decoder.layers.2.fc1.weight", 64, 32)).hasSize(64 * 32);
        }
    }

    @Test
    void singleTorchBinFolderWithParametrizedWeightNormNames(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        java.nio.file.Files.copy(MUSICGEN.resolve("config.json"), tmp.resolve("config.json"));
        new TorchZipBuilder()
                .storage("0", TorchZipBuilder.floats(1, 2, 3, 4, 5, 6))
                .storage("1", TorchZipBuilder.floats(7, 8))
                .tensor("m.conv.parametrizations.weight.original1", "FloatStorage", "0", 6, 0,
                        new long[] {2, 1, 3}, new long[] {3, 3, 1})
                .tensor("m.conv.parametrizations.weight.original0", "FloatStorage", "1", 2, 0,
                        new long[] {2, 1, 1}, new long[] {1, 1, 1})
                .write(tmp.resolve("pytorch_model.bin"));
        try (Checkpoint c = Checkpoint.open(tmp)) {
            assertThat(c.layout()).isEqualTo(Checkpoint.Layout.TORCH_BIN);
            assertThat(c.names()).containsExactly("m.conv.weight_g", "m.conv.weight_v");
            assertThat(c.require("m.conv.weight_v", 2, 1, 3)).containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(c.require("m.conv.weight_g", 2, 1, 1)).containsExactly(7, 8);
        }
    }

    @Test
    void bothWeightNormSpellingsOfOneTensorAreAnError(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        java.nio.file.Files.copy(MUSICGEN.resolve("config.json"), tmp.resolve("config.json"));
        new TorchZipBuilder()
                .storage("0", TorchZipBuilder.floats(1, 2))
                .tensor("m.conv.weight_g", "FloatStorage", "0", 2, 0, new long[] {2}, new long[] {1})
                .tensor("m.conv.parametrizations.weight.original0", "FloatStorage", "0", 2, 0, new long[] {2},
                        new long[] {1})
                .write(tmp.resolve("pytorch_model.bin"));
        assertThatThrownBy(() -> Checkpoint.open(tmp)).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("m.conv.weight_g appears twice");
    }

    @Test
    void requireNamesTensorAndShapes() throws Exception {
        try (Checkpoint c = Checkpoint.open(MUSICGEN)) {
            assertThatThrownBy(() -> c.require("enc_to_dec_proj.weight", 32, 768))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("enc_to_dec_proj.weight")
                    .hasMessageContaining("[32, 768]")
                    .hasMessageContaining("[32, 24]");
            assertThatThrownBy(() -> c.require("decoder.model.decoder.layers.9.fc1.weight", 64, 32))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("missing tensor decoder.model.decoder.layers.9.fc1.weight in " + MUSICGEN);
        }
    }
}
