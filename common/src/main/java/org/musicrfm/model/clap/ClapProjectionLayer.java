package org.musicrfm.model.clap;

import ai.djl.ndarray.NDArray;
import org.musicrfm.model.Linear;
import org.musicrfm.model.Weights;

/** {@code ClapProjectionLayer}: {@code linear2(relu(linear1(x)))}, hidden size to {@code projection_dim}. */
public final class ClapProjectionLayer {

    private final Linear linear1;
    private final Linear linear2;

    private ClapProjectionLayer(Linear linear1, Linear linear2) {
        this.linear1 = linear1;
        this.linear2 = linear2;
    }

    /** Loads {@code <prefix>.linear1} {@code [projection, hidden]} and {@code <prefix>.linear2}. */
    public static ClapProjectionLayer load(Weights w, int hidden, int projectionDim) {
        return new ClapProjectionLayer(Linear.load(w.pp("linear1"), hidden, projectionDim, true),
                Linear.load(w.pp("linear2"), projectionDim, projectionDim, true));
    }

    // [B, hidden] -> [B, projection_dim]
    public NDArray forward(NDArray x) {
        return linear2.forward(linear1.forward(x).getNDArrayInternal().relu());
    }
}
