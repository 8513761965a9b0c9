package org.musicrfm.model.clap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.musicrfm.model.Linear;
import org.musicrfm.model.Weights;

/**
 * {@code ClapAudioAttention} (Swin window attention): {@code self.query/key/value}, the relative
 * position bias looked up from {@code self.relative_position_bias_table} (the index is recomputed,
 * not read), the optional shifted-window mask, softmax, {@code output.dense}. The bias is built once
 * at load time as {@code [heads, N, N]}, {@code N = window^2}.
 */
public final class ClapAudioSelfAttention {

    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear output;
    private final NDArray positionBias; // [heads, N, N]
    private final int heads;
    private final int headDim;

    private ClapAudioSelfAttention(Linear query, Linear key, Linear value, Linear output, NDArray positionBias,
                                   int heads, int headDim) {
        this.query = query;
        this.key = key;
        this.value = value;
        this.output = output;
        this.positionBias = positionBias;
        this.heads = heads;
        this.headDim = headDim;
    }

    /** Loads {@code <prefix>} = {@code ...blocks.j.attention}. */
    public static ClapAudioSelfAttention load(Weights w, ClapAudioConfig c, int dim, int heads, int window) {
        if (dim % heads != 0) {
            throw new IllegalArgumentException("HTSAT stage width " + dim + " is not a multiple of " + heads + " heads");
        }
        Weights s = w.pp("self");
        boolean qkvBias = c.qkvBias();
        long span = 2L * window - 1;
        float[] table = s.floats("relative_position_bias_table", span * span, heads);
        int n = window * window;
        long[] index = ClapCheckpointLayout.relativePositionIndex(window); // [N, N] into the table's rows
        float[] bias = new float[heads * n * n];
        for (int ij = 0; ij < n * n; ij++) {
            for (int h = 0; h < heads; h++) {
                bias[h * n * n + ij] = table[(int) index[ij] * heads + h];
            }
        }
        NDArray positionBias = s.manager().create(bias, new Shape(heads, n, n)).toType(w.dtype(), false);
        return new ClapAudioSelfAttention(Linear.load(s.pp("query"), dim, dim, qkvBias),
                Linear.load(s.pp("key"), dim, dim, qkvBias), Linear.load(s.pp("value"), dim, dim, qkvBias),
                Linear.load(w.pp("output").pp("dense"), dim, dim, true), positionBias, heads, dim / heads);
    }

    /**
     * @param windows {@code [B * nW, N, C]} tokens grouped by window
     * @param mask    additive {@code [1, nW, 1, N, N]} shifted-window mask (0 or -100), or null
     * @return {@code [B * nW, N, C]}
     */
    public NDArray forward(NDArray windows, NDArray mask) {
        Shape s = windows.getShape();
        long bw = s.get(0);
        long n = s.get(1);
        NDArray q = query.forward(windows).reshape(bw, n, heads, headDim).transpose(0, 2, 1, 3); // [Bw, h, N, d]
        NDArray k = key.forward(windows).reshape(bw, n, heads, headDim).transpose(0, 2, 3, 1);   // [Bw, h, d, N]
        NDArray v = value.forward(windows).reshape(bw, n, heads, headDim).transpose(0, 2, 1, 3);
        NDArray scores = q.matMul(k).div(Math.sqrt(headDim)).add(positionBias); // [Bw, h, N, N]
        if (mask != null) {
            long nw = mask.getShape().get(1);
            scores = scores.reshape(bw / nw, nw, heads, n, n).add(mask).reshape(bw, heads, n, n);
        }
        NDArray ctx = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(bw, n, (long) heads * headDim);
        return output.forward(ctx);
    }
}
