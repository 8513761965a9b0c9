package org.musicrfm.model;

import ai.djl.ndarray.NDArray;

/** {@code y = x W^T (+ b)} with PyTorch's weight layout {@code [out, in]}. */
public final class Linear {

    private final NDArray weight;
    private final NDArray bias;

    private Linear(NDArray weight, NDArray bias) {
        this.weight = weight;
        this.bias = bias;
    }

    /** Loads {@code <prefix>.weight} {@code [out, in]} and, if {@code withBias}, {@code <prefix>.bias}. */
    public static Linear load(Weights w, long in, long out, boolean withBias) {
        return new Linear(w.get("weight", out, in), withBias ? w.get("bias", out) : null);
    }

    /** As {@link #load}, with a bias exactly when the checkpoint has one. */
    public static Linear loadOptionalBias(Weights w, long in, long out) {
        return load(w, in, out, w.has("bias"));
    }

    // [..., in] -> [..., out]
    public NDArray forward(NDArray x) {
        return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
    }

    public long outFeatures() {
        return weight.getShape().get(0);
    }
}
