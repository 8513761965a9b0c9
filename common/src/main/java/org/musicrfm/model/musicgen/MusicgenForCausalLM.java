package org.musicrfm.model.musicgen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import org.musicrfm.model.BlockHook;
import org.musicrfm.model.Linear;
import org.musicrfm.model.Scope;
import org.musicrfm.model.Weights;

/** The decoder plus one LM head per codebook ({@code decoder.lm_heads.k}, no bias). */
public final class MusicgenForCausalLM {

    private final MusicgenDecoder decoder;
    private final List<Linear> lmHeads;

    private MusicgenForCausalLM(MusicgenDecoder decoder, List<Linear> lmHeads) {
        this.decoder = decoder;
        this.lmHeads = lmHeads;
    }

    /** Loads from a view such as {@code decoder} (decoder at {@code model.decoder}, heads at {@code lm_heads}). */
    public static MusicgenForCausalLM load(Weights w, MusicgenDecoderConfig c) {
        List<Linear> heads = new ArrayList<>();
        for (int k = 0; k < c.numCodebooks(); k++) {
            heads.add(Linear.load(w.pp("lm_heads").pp(k), c.hiddenSize(), c.vocabSize(), false));
        }
        return new MusicgenForCausalLM(MusicgenDecoder.load(w.pp("model").pp("decoder"), c), heads);
    }

    public MusicgenDecoder decoder() {
        return decoder;
    }

    /** Per-codebook logits of final states. */
    // [B, T, H] -> [B, K, T, V]
    public NDArray logits(NDArray hidden) {
        return Scope.keep(hidden, m -> {
            NDList per = new NDList();
            for (Linear head : lmHeads) {
                per.add(head.forward(hidden));
            }
            return NDArrays.stack(per, 1);
        });
    }

    /**
     * Teacher-forced forward; see {@link MusicgenDecoder#forward} for the arguments.
     *
     * @return logits {@code [B * K, T, V]}, Hugging Face's layout
     */
    public NDArray forward(NDArray inputIds, NDArray text, NDArray textMask, BlockHook hook, StateObserver observer,
                           KvCache cache) {
        NDArray last = decoder.forward(inputIds, text, textMask, hook, observer, cache);
        NDArray logits = logits(last); // [B, K, T, V]
        last.close();
        var s = logits.getShape();
        return logits.reshape(s.get(0) * s.get(1), s.get(2), s.get(3));
    }
}
