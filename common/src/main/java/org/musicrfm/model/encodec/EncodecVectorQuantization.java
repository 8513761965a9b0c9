package org.musicrfm.model.encodec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;
import org.musicrfm.model.Weights;

/** One codebook ({@code codebook.embed}, {@code [size, dim]}): nearest code by L2 distance, and lookup. */
public final class EncodecVectorQuantization {

    private final NDArray embed;     // [N, D] float32
    private final NDArray embedT;    // [D, N]
    private final NDArray embedSq;   // [1, N], sum of squares per code

    private EncodecVectorQuantization(NDArray embed, NDArray embedT, NDArray embedSq) {
        this.embed = embed;
        this.embedT = embedT;
        this.embedSq = embedSq;
    }

    /** The codebook is kept in float32 whatever the model dtype, so that code choices do not depend on it. */
    public static EncodecVectorQuantization load(Weights w, EncodecConfig c) {
        NDArray embed = w.float32().get("codebook.embed", c.codebookSize(), c.codebookDim());
        NDArray embedT = embed.transpose().duplicate();
        NDArray sq = embedT.square().sum(new int[] {0}, true);
        return new EncodecVectorQuantization(embed, embedT, sq);
    }

    /**
     * Nearest code per frame, as Hugging Face computes it:
     * {@code argmax(-(|x|^2 - 2 x.E^T + |e|^2))}.
     */
    // [B, D, T] -> [B, T] int64
    public NDArray encode(NDArray x) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(2);
        long d = x.getShape().get(1);
        NDArray flat = x.toType(DataType.FLOAT32, false).transpose(0, 2, 1).reshape(-1, d); // [B*T, D]
        NDArray xsq = flat.square().sum(new int[] {1}, true);                            // [B*T, 1]
        NDArray dist = xsq.sub(flat.mul(2f).matMul(embedT)).add(embedSq).neg();         // [B*T, N]
        return dist.argMax(1).reshape(b, t);
    }

    // [B, T] int64 -> [B, D, T] float32
    public NDArray decode(NDArray codes) {
        NDArray q = codes.getNDArrayInternal().embedding(codes, embed, SparseFormat.DENSE).singletonOrThrow();
        return q.transpose(0, 2, 1);
    }
}
