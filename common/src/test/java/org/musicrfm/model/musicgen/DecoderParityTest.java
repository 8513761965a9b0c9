package org.musicrfm.model.musicgen;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.musicrfm.Fixtures;
import org.musicrfm.model.BlockHook;
import org.musicrfm.model.Parity;
import org.musicrfm.model.Reference;
import org.musicrfm.model.TinyModel;

/**
 * Teacher-forced decoder with text conditioning against {@code decoder.*}: logits, Hugging Face's
 * hidden states, every block's raw output and its time mean; and {@code steer.decoder.logits}.
 */
class DecoderParityTest {

    private static long[][][] fixtureCodes() {
        long[] flat = Reference.longs("decoder.codes");
        long[] s = Reference.shape("decoder.codes");
        return MusicgenModel.unflatten(flat, (int) s[0], (int) s[1], (int) s[2]);
    }

    @Test
    void delayPatternReproducesTheFixtureInputIds() {
        long[][][] delayed = DelayPattern.apply(fixtureCodes(), Fixtures.tinyDecoder().bosTokenId(),
                Fixtures.tinyDecoder().padTokenId());
        long[] want = Reference.longs("decoder.input_ids");
        long[] got = new long[want.length];
        int i = 0;
        for (long[][] clip : delayed) {
            for (long[] row : clip) {
                for (long v : row) {
                    got[i++] = v;
                }
            }
        }
        assertThat(got).containsExactly(want);
    }

    @Test
    void logitsHiddenStatesAndLayerOutputsMatchTransformers() {
        MusicgenModel model = TinyModel.get();
        int layers = model.numLayers();
        Map<Integer, float[]> states = new HashMap<>();
        try (NDManager scope = model.newScope()) {
            TextConditioning text = model.encodeTokens(scope, rows("t5.input_ids"), rows("t5.attention_mask"));
            NDArray ids = scope.create(Reference.longs("decoder.input_ids"), new Shape(Reference.shape("decoder.input_ids")));
            NDArray logits = model.forward(ids, text, null, (index, h) -> states.put(index, h.toFloatArray()));
            assertThat(logits.getShape().getShape()).containsExactly(Reference.shape("decoder.logits"));
            Parity.assertClose("decoder.logits", logits.toFloatArray(), Reference.floats("decoder.logits"));
        }
        for (int i = 0; i <= layers; i++) {
            Parity.assertClose("decoder.hidden_states." + i, states.get(StateObserver.hfIndex(i, layers)),
                    Reference.floats("decoder.hidden_states." + i));
        }
        for (int l = 0; l < layers; l++) {
            float[] out = states.get(StateObserver.blockIndex(l));
            Parity.assertClose("decoder.layer_output." + l, out, Reference.floats("decoder.layer_output." + l));
        }
    }

    @Test
    void meanPooledLayerOutputsMatchTransformers() {
        MusicgenModel model = TinyModel.get();
        int layers = model.numLayers();
        int[] states = new int[layers];
        for (int l = 0; l < layers; l++) {
            states[l] = StateObserver.blockIndex(l);
        }
        ActivationPooler pooler = new ActivationPooler(states, java.util.EnumSet.of(Pooling.MEAN));
        try (NDManager scope = model.newScope()) {
            TextConditioning text = model.encodeTokens(scope, rows("t5.input_ids"), rows("t5.attention_mask"));
            NDArray ids = scope.create(Reference.longs("decoder.input_ids"), new Shape(Reference.shape("decoder.input_ids")));
            model.forward(ids, text, null, pooler);
        }
        Activations a = pooler.result();
        for (int l = 0; l < layers; l++) {
            float[] got = concat(a.get(Pooling.MEAN, l, 0), a.get(Pooling.MEAN, l, 1));
            Parity.assertClose("decoder.layer_output_meanpool." + l, got,
                    Reference.floats("decoder.layer_output_meanpool." + l));
        }
    }

    @Test
    void steeredLogitsMatchTransformers() {
        MusicgenModel model = TinyModel.get();
        float[] directions = Reference.floats("steer.directions"); // [L, H]
        float[] coefficients = Reference.floats("steer.coefficients");
        int hidden = (int) Reference.shape("steer.directions")[1];
        try (NDManager scope = model.newScope()) {
            NDArray q = scope.create(directions, new Shape(coefficients.length, hidden));
            NDArray coef = scope.create(coefficients, new Shape(coefficients.length, 1));
            NDArray add = q.mul(coef); // [L, H]
            BlockHook hook = (layer, h, offset) -> h.add(add.get(layer));
            TextConditioning text = model.encodeTokens(scope, rows("t5.input_ids"), rows("t5.attention_mask"));
            NDArray ids = scope.create(Reference.longs("decoder.input_ids"), new Shape(Reference.shape("decoder.input_ids")));
            NDArray logits = model.forward(ids, text, hook, null);
            Parity.assertClose("steer.decoder.logits", logits.toFloatArray(), Reference.floats("steer.decoder.logits"));
        }
    }

    static long[][] rows(String name) {
        long[] flat = Reference.longs(name);
        long[] s = Reference.shape(name);
        long[][] out = new long[(int) s[0]][(int) s[1]];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(flat, i * out[i].length, out[i], 0, out[i].length);
        }
        return out;
    }

    static float[] concat(float[] a, float[] b) {
        float[] out = new float[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
