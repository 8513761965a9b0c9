package org.musicrfm.model.t5;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.musicrfm.model.Parity;
import org.musicrfm.model.Reference;
import org.musicrfm.model.TinyModel;
import org.musicrfm.model.musicgen.MusicgenModel;
import org.musicrfm.model.musicgen.TextConditioning;

/** T5 encoder and enc_to_dec_proj against the {@code t5.*} fixture (two prompts, the second padded). */
class T5ParityTest {

    @Test
    void encoderOutputAndProjectionMatchTransformers() {
        MusicgenModel model = TinyModel.get();
        long[] ids = Reference.longs("t5.input_ids");
        long[] mask = Reference.longs("t5.attention_mask");
        long[] shape = Reference.shape("t5.input_ids");
        try (NDManager scope = model.newScope()) {
            NDArray idArray = scope.create(ids, new Shape(shape));
            NDArray maskArray = scope.create(mask, new Shape(shape));
            NDArray hidden = model.model().textEncoder().forward(idArray, maskArray);
            assertThat(hidden.getShape().getShape()).containsExactly(Reference.shape("t5.last_hidden_state"));
            Parity.assertClose("t5.last_hidden_state", hidden.toFloatArray(), Reference.floats("t5.last_hidden_state"));
            // t5.projected is enc_to_dec_proj(out) without the mask multiplication
            NDArray projected = model.model().projectText(hidden, scope.ones(new Shape(shape)));
            Parity.assertClose("t5.projected", projected.toFloatArray(), Reference.floats("t5.projected"));
            TextConditioning cond = model.model().encodeText(idArray, maskArray);
            float[] masked = cond.states().toFloatArray();
            float[] want = Reference.floats("t5.projected");
            int width = (int) Reference.shape("t5.projected")[2];
            for (int i = 0; i < mask.length; i++) {
                for (int j = 0; j < width; j++) {
                    want[i * width + j] *= mask[i];
                }
            }
            Parity.assertClose("t5.projected * mask", masked, want);
        }
    }

    @Test
    void tokenizerMatchesTheFixtureIds() throws Exception {
        List<String> texts = List.of("calm piano song in C major", "a fast jazz beat with drums", "loud rocking guitar");
        long[][] expected = {{7, 5, 8, 12, 13, 14, 1}, {4, 16, 9, 18, 10, 11, 1}, {48, 47, 20, 6, 1}};
        try (T5Tokenizer tok = T5Tokenizer.load(Reference.tokenizer(), 0)) {
            for (int i = 0; i < texts.size(); i++) {
                assertThat(tok.encode(texts.get(i))).as(texts.get(i)).containsExactly(expected[i]);
            }
            T5Tokenizer.Tokens padded = tok.encode(texts);
            assertThat(padded.ids()[2]).containsExactly(48, 47, 20, 6, 1, 0, 0);
            assertThat(padded.mask()[2]).containsExactly(1, 1, 1, 1, 1, 0, 0);
        }
    }
}
