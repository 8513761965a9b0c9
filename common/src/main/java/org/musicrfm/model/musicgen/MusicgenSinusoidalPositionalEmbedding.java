package org.musicrfm.model.musicgen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * MusicGen's sinusoidal positions: {@code [cos(p * e), sin(p * e)]} with
 * {@code e_i = exp(-i * ln(10000) / (H/2 - 1))}. Values are computed in float32 arithmetic in the
 * same order as Hugging Face's table (rounded products of float32 operands), so positions match
 * to the last bits rather than to double-precision values.
 */
public final class MusicgenSinusoidalPositionalEmbedding {

    private final int dim;
    private final float[] freqs; // e_i, float32

    public MusicgenSinusoidalPositionalEmbedding(int dim) {
        this.dim = dim;
        int half = dim / 2;
        float step = (float) -(Math.log(10000) / (half - 1));
        freqs = new float[half];
        for (int i = 0; i < half; i++) {
            freqs[i] = (float) Math.exp((float) i * step);
        }
    }

    /** Rows {@code offset .. offset + length - 1} of the table as a {@code [length, H]} array of {@code dtype}. */
    public NDArray forward(NDManager m, int offset, int length, DataType dtype) {
        int half = freqs.length;
        float[] out = new float[length * dim];
        for (int t = 0; t < length; t++) {
            float p = offset + t;
            int row = t * dim;
            for (int i = 0; i < half; i++) {
                float a = p * freqs[i];
                out[row + i] = (float) Math.cos(a);
                out[row + half + i] = (float) Math.sin(a);
            }
            // odd H: the last column stays 0, as HF's zero pad
        }
        NDArray table = m.create(out, new Shape(length, dim));
        return table.toType(dtype, false);
    }
}
