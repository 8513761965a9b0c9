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
