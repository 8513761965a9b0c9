package org.musicrfm.model.t5;

import ai.djl.ndarray.NDArray;
import org.musicrfm.model.Scope;
import org.musicrfm.model.Weights;

/** One encoder block: {@code h += SelfAttention(LN(h))} ({@code layer.0}), then the feed-forward ({@code layer.1}). */
public final class T5Block {

    private final T5LayerNorm attentionNorm;
    private final T5Attention attention;
    private final T5LayerFF ff;

    private T5Block(T5LayerNorm attentionNorm, T5Attention attention, T5LayerFF ff) {
        this.attentionNorm = attentionNorm;
        this.attention = attention;
        this.ff = ff;
    }

    public static T5Block load(Weights w, T5Config c, boolean hasRelativeBias) {
        Weights l0 = w.pp("layer").pp(0);
        return new T5Block(T5LayerNorm.load(l0.pp("layer_norm"), c),
                T5Attention.load(l0.pp("SelfAttention"), c, hasRelativeBias),
                T5LayerFF.load(w.pp("layer").pp(1), c));
    }

    public T5Attention attention() {
        return attention;
    }

    // [B, S, D] -> [B, S, D]
    public NDArray forward(NDArray h, NDArray positionBias) {
        return Scope.keep(h, m -> {
            NDArray a = h.add(attention.forward(attentionNorm.forward(h), positionBias));
            return ff.forward(a);
        }, positionBias);
    }
}
