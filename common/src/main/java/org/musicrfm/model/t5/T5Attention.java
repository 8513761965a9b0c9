package org.musicrfm.model.t5;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import org.musicrfm.model.Linear;
import org.musicrfm.model.Weights;

/**
 * T5 bidirectional self-attention ({@code SelfAttention.q/k/v/o}, no biases, no 1/sqrt(d) scaling).
 * The first block also owns {@code relative_attention_bias} and computes the position bias that every
 * block reuses.
 */
public final class T5Attention {

    private final T5Config config;
    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Linear o;
    private final NDArray relativeAttentionBias; // [buckets, heads] or null

    private T5Attention(T5Config config, Linear q, Linear k, Linear v, Linear o, NDArray bias) {
        this.config = config;
        this.q = q;
        this.k = k;
        this.v = v;
        this.o = o;
        this.relativeAttentionBias = bias;
    }

    public static T5Attention load(Weights w, T5Config c, boolean hasRelativeBias) {
        long d = c.dModel();
        long inner = c.innerDim();
        return new T5Attention(c, Linear.load(w.pp("q"), d, inner, false), Linear.load(w.pp("k"), d, inner, false),
                Linear.load(w.pp("v"), d, inner, false), Linear.load(w.pp("o"), inner, d, false),
                hasRelativeBias ? w.get("relative_attention_bias.weight", c.relativeAttentionNumBuckets(), c.numHeads())
                        : null);
    }

    /**
     * Bucket of each relative position {@code key - query} (bidirectional), computed with the same
     * float32 tensor operations as Hugging Face so that boundary cases (log ratios that are whole
     * numbers) round the same way.
     */
    static NDArray relativePositionBucket(NDManager m, int queryLength, int keyLength, int numBuckets, int maxDistance) {
        NDArray context = m.arange(0, queryLength, 1, DataType.INT64).reshape(queryLength, 1);
        NDArray memory = m.arange(0, keyLength, 1, DataType.INT64).reshape(1, keyLength);
        NDArray relative = memory.sub(context); // [Q, K]
        int half = numBuckets / 2;
        NDArray buckets = relative.gt(0).toType(DataType.INT64, false).mul(half);
        NDArray n = relative.abs();
        int maxExact = half / 2;
        NDArray isSmall = n.lt(maxExact);
        // n = 0 would give log(0); those entries take the exact branch anyway
        NDArray large = n.maximum(1).toType(DataType.FLOAT32, false).div(maxExact).log()
                .div(Math.log((double) maxDistance / maxExact)).mul(half - maxExact)
                .toType(DataType.INT64, false).add(maxExact);
        large = large.minimum(half - 1);
        return buckets.add(NDArrays.where(isSmall, n, large));
    }

    /** Position bias {@code [1, heads, Q, K]} from this layer's relative attention table. */
    public NDArray computeBias(NDManager m, int queryLength, int keyLength) {
        if (relativeAttentionBias == null) {
            throw new IllegalStateException("this T5 attention layer has no relative_attention_bias");
        }
        NDArray buckets = relativePositionBucket(m, queryLength, keyLength, config.relativeAttentionNumBuckets(),
                config.relativeAttentionMaxDistance());
        NDArray values = buckets.getNDArrayInternal()
                .embedding(buckets, relativeAttentionBias, SparseFormat.DENSE).singletonOrThrow(); // [Q, K, heads]
        return values.transpose(2, 0, 1).expandDims(0);
    }

    /**
     * @param x            {@code [B, S, D]}
     * @param positionBias {@code [B or 1, heads, S, S]} position bias plus the additive padding mask
     */
    public NDArray forward(NDArray x, NDArray positionBias) {
        long b = x.getShape().get(0);
        long s = x.getShape().get(1);
        int h = config.numHeads();
        int dk = config.dKv();
        NDArray qs = q.forward(x).reshape(b, s, h, dk).transpose(0, 2, 1, 3); // [B, h, S, dk]
        NDArray ks = k.forward(x).reshape(b, s, h, dk).transpose(0, 2, 3, 1); // [B, h, dk, S]
        NDArray vs = v.forward(x).reshape(b, s, h, dk).transpose(0, 2, 1, 3);
        NDArray scores = qs.matMul(ks).add(positionBias);                  // [B, h, S, S]
        NDArray probs = scores.softmax(-1);
        NDArray ctx = probs.matMul(vs).transpose(0, 2, 1, 3).reshape(new Shape(b, s, (long) h * dk));
        return o.forward(ctx);
    }
}
