package org.musicrfm.model.musicgen;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.musicrfm.model.ModelOptions;
import org.musicrfm.model.Parity;
import org.musicrfm.model.Reference;

/**
 * The parity fixtures (transformers, float32) with the model in float16 on the CPU — the path a GPU
 * runs in half precision, checked as far as a CPU allows. Tolerance: a relative Frobenius error of
 * {@value #HALF_TOLERANCE}, 6× float16's unit roundoff (2^-11 ≈ 4.9e-4): weights and activations are
 * rounded to 11-bit mantissas and the errors of the blocks add up (measured 3.3e-4 to 9.0e-4 on the
 * fixtures); float32 stays within 1e-4.
 */
class HalfPrecisionParityTest {

    static final double HALF_TOLERANCE = 3e-3;

    static MusicgenModel half;

    @BeforeAll
    static void load() throws Exception {
        half = MusicgenModel.load(Reference.musicgenFolder(), Reference.tokenizer(),
                new ModelOptions(Device.cpu(), DataType.FLOAT16));
    }

    @AfterAll
    static void close() {
        half.close();
    }

    private static float[] floats(NDArray a) {
        return a.toType(DataType.FLOAT32, false).toFloatArray();
    }

    private static double assertHalfClose(String what, float[] got, float[] want) {
        double err = Parity.relativeError(got, want);
        System.out.printf("parity float16 %-38s rel.err %.3e%n", what, err);
        assertThat(err).as(what + " relative Frobenius error in float16").isLessThanOrEqualTo(HALF_TOLERANCE);
        return err;
    }

    @Test
    void decoderLogitsAndLayerOutputsInFloat16() {
        int layers = half.numLayers();
        Map<Integer, float[]> states = new HashMap<>();
        try (NDManager scope = half.newScope()) {
            TextConditioning text = half.encodeTokens(scope, DecoderParityTest.rows("t5.input_ids"),
                    DecoderParityTest.rows("t5.attention_mask"));
            NDArray ids = scope.create(Reference.longs("decoder.input_ids"), new Shape(Reference.shape("decoder.input_ids")));
            NDArray logits = half.forward(ids, text, null, (index, h) -> states.put(index, floats(h)));
            assertThat(logits.getDataType()).isEqualTo(DataType.FLOAT16);
            assertHalfClose("decoder.logits", floats(logits), Reference.floats("decoder.logits"));
        }
        for (int l = 0; l < layers; l++) {
            assertHalfClose("decoder.layer_output." + l, states.get(StateObserver.blockIndex(l)),
                    Reference.floats("decoder.layer_output." + l));
        }
    }

    @Test
    void encodecEncoderAndDecoderInFloat16() {
        try (NDManager scope = half.newScope()) {
            NDArray audio = scope.create(Reference.floats("encodec.input"), new Shape(Reference.shape("encodec.input")));
            NDArray emb = half.model().audioEncoder().embed(audio.toType(DataType.FLOAT16, false));
            assertHalfClose("encodec.encoder_output", floats(emb), Reference.floats("encodec.encoder_output"));
        }
        long[] flat = Reference.longs("encodec.codes");
        long[] shape = Reference.shape("encodec.codes");
        int k = (int) shape[2];
        int t = (int) shape[3];
        long[][][] codes = new long[1][k][t];
        for (int c = 0; c < k; c++) {
            System.arraycopy(flat, c * t, codes[0][c], 0, t);
        }
        assertHalfClose("encodec.decoded", half.decodeAudio(codes)[0], Reference.floats("encodec.decoded"));
    }
}
