package org.musicrfm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** PyTorch {@code nn.LayerNorm} over the last dimension, with weight and bias. */
public final class LayerNorm {

    private final NDArray weight;
    private final NDArray bias;
    private final float eps;

    private LayerNorm(NDArray weight, NDArray bias, float eps) {
        this.weight = weight;
        this.bias = bias;
        this.eps = eps;
    }

    public static LayerNorm load(Weights w, long dim, double eps) {
        return new LayerNorm(w.get("weight", dim), w.get("bias", dim), (float) eps);
    }

    public NDArray forward(NDArray x) {
        return x.getNDArrayInternal()
                .layerNorm(x, new Shape(weight.getShape().get(0)), weight, bias, eps)
                .singletonOrThrow();
    }
}
