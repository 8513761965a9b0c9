package org.musicrfm.model.io;

import java.util.Arrays;

/**
 * A tensor a model expects: canonical name (legacy weight-norm spelling), shape, what kind of
 * parameter it is and its fan-in (inputs summed per output element), which is what a random
 * initialization needs to keep activations at unit scale.
 */
public record TensorSpec(String name, long[] shape, Kind kind, long fanIn) {

    /** The role of a tensor, which decides its random initialization. */
    public enum Kind {
        /** Linear layer weight [out, in]. */
        LINEAR,
        /** Token embedding table [vocab, dim]. */
        EMBEDDING,
        /** Bias of a linear or convolution layer. */
        BIAS,
        /** Gain of a LayerNorm, T5 RMS norm or GroupNorm (initialized to 1). */
        NORM_WEIGHT,
        /** Shift of a LayerNorm or GroupNorm (initialized to 0). */
        NORM_BIAS,
        /** Convolution weight without weight norm. */
        CONV,
        /** Weight-norm magnitude {@code weight_g} [out, 1, 1] (or [in, 1, 1] for transposed convs). */
        WEIGHT_NORM_G,
        /** Weight-norm direction {@code weight_v}. */
        WEIGHT_NORM_V,
        /** LSTM input or recurrent weight [4H, H]. */
        LSTM_WEIGHT,
        /** LSTM bias [4H]. */
        LSTM_BIAS,
        /** T5 relative attention bias table [buckets, heads]. */
        RELATIVE_BIAS,
        /** RVQ codebook vectors ({@code embed}, {@code embed_avg}) [codebook_size, dim]. */
        CODEBOOK,
        /** RVQ codebook usage counts {@code cluster_size} [codebook_size]. */
        CODEBOOK_COUNT,
        /** RVQ {@code inited} flag [1]. */
        CODEBOOK_FLAG
    }

    public TensorSpec {
        shape = shape.clone();
    }

    /** Number of elements. */
    public long elementCount() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && name.equals(t.name) && Arrays.equals(shape, t.shape) && kind == t.kind
                && fanIn == t.fanIn;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + " " + kind;
    }
}
