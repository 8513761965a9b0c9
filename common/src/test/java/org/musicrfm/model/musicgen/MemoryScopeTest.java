package org.musicrfm.model.musicgen;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.musicrfm.model.Reference;
import org.musicrfm.model.TinyModel;

/**
 * Memory discipline: a block's state is freed as soon as the next one exists, everything else with
 * the batch scope, and nothing can attach to the (capped) weights' manager.
 */
class MemoryScopeTest {

    @Test
    void statesAreFreedDuringTheForwardAndTheScopeFreesTheRest() {
        MusicgenModel model = TinyModel.get();
        List<NDArray> seen = new ArrayList<>();
        NDArray last;
        NDArray ids;
        try (NDManager scope = model.newScope()) {
            ids = scope.create(Reference.longs("decoder.input_ids"), new Shape(Reference.shape("decoder.input_ids")));
            TextConditioning text = model.encodeTokens(scope, DecoderParityTest.rows("t5.input_ids"),
                    DecoderParityTest.rows("t5.attention_mask"));
            last = model.model().decoder().decoder().forward(ids, text.states(), text.mask(), null,
                    (index, h) -> seen.add(h), null);
            assertThat(seen).hasSize(model.numLayers() + 2);
            for (int i = 0; i <= model.numLayers(); i++) {
                assertThat(seen.get(i).isReleased()).as("state " + i + " freed during the forward").isTrue();
            }
            assertThat(last.isReleased()).isFalse();
            assertThat(ids.isReleased()).as("caller's input").isFalse();
        }
        assertThat(last.isReleased()).isTrue();
        assertThat(ids.isReleased()).isTrue();
    }
}
