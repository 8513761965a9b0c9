package org.musicrfm.model.t5;

import ai.djl.ndarray.NDArray;
import org.musicrfm.model.Weights;

/** T5's layer norm: scale only, no mean subtraction, {@code w * x / sqrt(mean(x^2) + eps)}. */
public final class T5LayerNorm {

    private final NDArray weight;
    private final float eps;

    private T5LayerNorm(NDArray weight, float eps) {
        this.weight = weight;
        this.eps = eps;
    }

    public static T5LayerNorm load(Weights w, T5Config c) {
        return new T5LayerNorm(w.get("weight", c.dModel()), (float) c.layerNormEpsilon());
    }

    // [B, S, D] -> [B, S, D]
    public NDArray forward(NDArray x) {
        NDArray variance = x.square().mean(new int[] {-1}, true);
        return x.div(variance.add(eps).sqrt()).mul(weight);
    }
}
