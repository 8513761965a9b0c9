package org.musicrfm.model.musicgen;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.musicrfm.model.BlockHook;
import org.musicrfm.model.Parity;
import org.musicrfm.model.Reference;
import org.musicrfm.model.TinyModel;

/** Incremental decoding with the key/value cache gives the teacher-forced logits, steered or not. */
class KvCacheTest {

    @Test
    void chunkedDecodingEqualsTheFullForward() {
        MusicgenModel model = TinyModel.get();
        try (NDManager scope = model.newScope()) {
            TextConditioning text = model.encodeTokens(scope, DecoderParityTest.rows("t5.input_ids"),
                    DecoderParityTest.rows("t5.attention_mask"));
            NDArray ids = scope.create(Reference.longs("decoder.input_ids"), new Shape(Reference.shape("decoder.input_ids")));
            NDArray directions = scope.create(Reference.floats("steer.directions"), new Shape(Reference.shape("steer.directions")));
            NDArray coef = scope.create(Reference.floats("steer.coefficients"), new Shape(Reference.shape("steer.coefficients")[0], 1));
            NDArray add = directions.mul(coef);
            BlockHook steer = (layer, h, offset) -> h.add(add.get(layer));
            for (BlockHook hook : new BlockHook[] {null, steer}) {
                NDArray full = model.model().forward(ids, text, hook, null, null);
                for (int capacity : new int[] {0, 4}) { // 4: the buffers grow twice (10 -> 20 positions)
                    KvCache cache = new KvCache(scope, model.numLayers(), capacity);
                    NDList parts = new NDList();
                    int[] cuts = {0, 10, 11, 12, 18};
                    for (int i = 0; i + 1 < cuts.length; i++) {
                        NDArray chunk = ids.get(":, {}:{}", cuts[i], cuts[i + 1]);
                        parts.add(model.model().forward(chunk, text, hook, null, cache));
                    }
                    assertThat(cache.length()).isEqualTo(18);
                    NDArray chunked = NDArrays.concat(parts, 1);
                    String what = (hook == null ? "kv-cache logits" : "kv-cache steered logits") + ", capacity " + capacity;
                    Parity.assertClose(what, chunked.toFloatArray(), full.toFloatArray());
                    if (hook != null) {
                        Parity.assertClose(what + " vs reference", chunked.toFloatArray(),
                                Reference.floats("steer.decoder.logits"));
                    }
                }
            }
        }
    }
}
