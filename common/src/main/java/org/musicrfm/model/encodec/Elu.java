package org.musicrfm.model.encodec;

import ai.djl.ndarray.NDArray;

/** PyTorch's {@code nn.ELU()} (alpha 1). */
final class Elu {

    private Elu() {}

    static NDArray forward(NDArray x) {
        return x.getNDArrayInternal().elu(1f);
    }
}
