package org.musicrfm.model.musicgen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.musicrfm.Fixtures;
import org.musicrfm.model.ModelOptions;
import org.musicrfm.model.Parity;
import org.musicrfm.model.Reference;

/** Every copy of the fixture weights (sharded, legacy weight norm, sharded .bin) gives the reference logits and codes. */
class CheckpointCopiesTest {

    @ParameterizedTest
    @ValueSource(strings = {"musicgen-sharded", "musicgen-legacy-weightnorm", "musicgen-bin-sharded"})
    void everyLayoutReproducesTheReference(String folder) throws Exception {
        try (MusicgenModel model = MusicgenModel.load(Fixtures.hfTiny().resolve(folder), ModelOptions.cpu());
             NDManager scope = model.newScope()) {
            TextConditioning text = model.encodeTokens(scope, DecoderParityTest.rows("t5.input_ids"),
                    DecoderParityTest.rows("t5.attention_mask"));
            NDArray ids = scope.create(Reference.longs("decoder.input_ids"), new Shape(Reference.shape("decoder.input_ids")));
            NDArray logits = model.forward(ids, text, null, null);
            Parity.assertClose(folder + " decoder.logits", logits.toFloatArray(), Reference.floats("decoder.logits"));
            long[][][] codes = model.encodeAudio(new float[][] {Reference.floats("encodec.input")});
            long[] want = Reference.longs("encodec.codes");
            org.assertj.core.api.Assertions.assertThat(codes[0][3][51]).isEqualTo(want[want.length - 1]);
            org.assertj.core.api.Assertions.assertThat(codes[0][0][0]).isEqualTo(want[0]);
        }
    }
}
