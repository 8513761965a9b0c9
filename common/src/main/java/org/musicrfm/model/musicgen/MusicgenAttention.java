package org.musicrfm.model.musicgen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.musicrfm.model.Linear;
import org.musicrfm.model.Weights;

/**
 * Multi-head attention ({@code q_proj/k_proj/v_proj/out_proj}, no biases in MusicGen), scaled by
 * {@code head_dim^-0.5}; used as causal self attention and as cross attention on the text states.
 * Masks are additive float32 ({@code 0} or {@code float32 min}, never {@code -inf}, so that a fully
 * masked row, the unconditional CFG row, yields zeros rather than NaN); the masked softmax runs in
 * float32 whatever the model dtype.
 */
public final class MusicgenAttention {

    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Linear out;
    private final int heads;
    private final int headDim;
    private final float scaling;

    private MusicgenAttention(Linear q, Linear k, Linear v, Linear out, int heads, int headDim) {
        this.q = q;
        this.k = k;
        this.v = v;
        this.out = out;
        this.heads = heads;
        this.headDim = headDim;
        this.scaling = (float) Math.pow(headDim, -0.5);
    }

    public static MusicgenAttention load(Weights w, MusicgenDecoderConfig c) {
        long h = c.hiddenSize();
        return new MusicgenAttention(Linear.loadOptionalBias(w.pp("q_proj"), h, h),
                Linear.loadOptionalBias(w.pp("k_proj"), h, h), Linear.loadOptionalBias(w.pp("v_proj"), h, h),
                Linear.loadOptionalBias(w.pp("out_proj"), h, h), c.numAttentionHeads(), c.headDim());
    }

    // [B, T, H] -> [B, h, T, d]
    private NDArray split(NDArray x) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        return x.reshape(b, t, heads, headDim).transpose(0, 2, 1, 3);
    }

    /** Keys and values {@code [B, h, S, d]} of {@code source} {@code [B, S, H]}. */
    NDArray[] keysValues(NDArray source) {
        return new NDArray[] {split(k.forward(source)), split(v.forward(source))};
    }

    /**
     * @param x    {@code [B, T, H]} queries' input
     * @param keys {@code [B, h, S, d]}
     * @param mask additive float32 mask broadcastable to {@code [B, h, T, S]}, or null
     * @return {@code [B, T, H]}
     */
    NDArray attend(NDArray x, NDArray keys, NDArray values, NDArray mask) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        DataType dtype = x.getDataType();
        NDArray qs = split(q.forward(x).mul(scaling));
        NDArray scores = qs.matMul(keys.transpose(0, 1, 3, 2));          // [B, h, T, S]
        if (mask != null || dtype != DataType.FLOAT32) {
            scores = scores.toType(DataType.FLOAT32, false);
            if (mask != null) {
                scores = scores.add(mask);
            }
        }
        NDArray probs = scores.softmax(-1).toType(dtype, false);
        NDArray ctx = probs.matMul(values).transpose(0, 2, 1, 3).reshape(b, t, (long) heads * headDim);
        return out.forward(ctx);
    }
}
