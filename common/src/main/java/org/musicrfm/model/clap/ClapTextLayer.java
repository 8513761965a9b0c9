package org.musicrfm.model.clap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.musicrfm.model.LayerNorm;
import org.musicrfm.model.Linear;
import org.musicrfm.model.Scope;
import org.musicrfm.model.Weights;

/**
 * {@code ClapTextLayer} (a post-norm BERT block): {@code h = LN(h + attention.output.dense(attn(h)))},
 * {@code h = LN(h + output.dense(gelu(intermediate.dense(h))))}; scaled dot-product attention over
 * {@code attention.self.query/key/value} with an additive padding mask.
 */
public final class ClapTextLayer {

    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear attentionOutput;
    private final LayerNorm attentionNorm;
    private final Linear intermediate;
    private final Linear output;
    private final LayerNorm outputNorm;
    private final int heads;
    private final int headDim;

    private ClapTextLayer(Linear query, Linear key, Linear value, Linear attentionOutput, LayerNorm attentionNorm,
                          Linear intermediate, Linear output, LayerNorm outputNorm, int heads, int headDim) {
        this.query = query;
        this.key = key;
        this.value = value;
        this.attentionOutput = attentionOutput;
        this.attentionNorm = attentionNorm;
        this.intermediate = intermediate;
        this.output = output;
        this.outputNorm = outputNorm;
        this.heads = heads;
        this.headDim = headDim;
    }

    /** Loads {@code <prefix>} = {@code text_model.encoder.layer.i}. */
    public static ClapTextLayer load(Weights w, ClapTextConfig c) {
        int h = c.hiddenSize();
        int f = c.intermediateSize();
        double eps = c.layerNormEps();
        Weights self = w.pp("attention").pp("self");
        Weights out = w.pp("attention").pp("output");
        return new ClapTextLayer(Linear.load(self.pp("query"), h, h, true), Linear.load(self.pp("key"), h, h, true),
                Linear.load(self.pp("value"), h, h, true), Linear.load(out.pp("dense"), h, h, true),
                LayerNorm.load(out.pp("LayerNorm"), h, eps), Linear.load(w.pp("intermediate").pp("dense"), h, f, true),
                Linear.load(w.pp("output").pp("dense"), f, h, true), LayerNorm.load(w.pp("output").pp("LayerNorm"), h, eps),
                c.numAttentionHeads(), c.headDim());
    }

    /**
     * @param hidden {@code [B, S, H]}
     * @param mask   additive {@code [B, 1, 1, S]} (0 for tokens, the dtype's minimum for padding)
     */
    public NDArray forward(NDArray hidden, NDArray mask) {
        return Scope.keep(hidden, m -> {
            Shape s = hidden.getShape();
            long b = s.get(0);
            long n = s.get(1);
            NDArray q = query.forward(hidden).reshape(b, n, heads, headDim).transpose(0, 2, 1, 3); // [B, h, S, d]
            NDArray k = key.forward(hidden).reshape(b, n, heads, headDim).transpose(0, 2, 3, 1);   // [B, h, d, S]
            NDArray v = value.forward(hidden).reshape(b, n, heads, headDim).transpose(0, 2, 1, 3);
            NDArray scores = q.matMul(k).div(Math.sqrt(headDim)).add(mask);
            NDArray ctx = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b, n, (long) heads * headDim);
            NDArray a = attentionNorm.forward(attentionOutput.forward(ctx).add(hidden));
            NDArray f = output.forward(intermediate.forward(a).getNDArrayInternal().gelu());
            return outputNorm.forward(f.add(a));
        }, mask);
    }
}
