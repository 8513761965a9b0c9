package org.musicrfm.model.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.musicrfm.Fixtures;

class MusicgenLayoutTest {

    @Test
    void layoutFromConfigEqualsTheFixtureCheckpointExactly() throws Exception {
        try (Checkpoint c = Checkpoint.open(Fixtures.hfTiny().resolve("musicgen"))) {
            MusicgenLayout layout = MusicgenLayout.of(c.config());
            Map<String, String> expected = new TreeMap<>();
            for (String name : c.names()) {
                expected.put(name, Arrays.toString(c.info(name).shape()));
            }
            Map<String, String> actual = new TreeMap<>();
            for (TensorSpec t : layout.tensors()) {
                assertThat(actual.put(t.name(), Arrays.toString(t.shape()))).as("duplicate " + t.name()).isNull();
            }
            assertThat(actual).isEqualTo(expected);
            assertThat(layout.tensors()).hasSize(195);
            assertThat(layout.elementCount()).isEqualTo(4_304_808 / 4);
            assertThat(layout.encodec().numQuantizers()).isEqualTo(4);
            assertThat(layout.encodec().codebookDim()).isEqualTo(16);
        }
    }
}
