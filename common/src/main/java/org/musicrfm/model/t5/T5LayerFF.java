package org.musicrfm.model.t5;

import ai.djl.ndarray.NDArray;
import org.musicrfm.model.Linear;
import org.musicrfm.model.Weights;

/** {@code h + wo(relu(wi(LN(h))))} ({@code layer.1}: {@code DenseReluDense.wi/wo}, {@code layer_norm}). */
public final class T5LayerFF {

    private final T5LayerNorm layerNorm;
    private final Linear wi;
    private final Linear wo;

    private T5LayerFF(T5LayerNorm layerNorm, Linear wi, Linear wo) {
        this.layerNorm = layerNorm;
        this.wi = wi;
        this.wo = wo;
    }

    public static T5LayerFF load(Weights w, T5Config c) {
        return new T5LayerFF(T5LayerNorm.load(w.pp("layer_norm"), c),
                Linear.load(w.pp("DenseReluDense").pp("wi"), c.dModel(), c.dFf(), false),
                Linear.load(w.pp("DenseReluDense").pp("wo"), c.dFf(), c.dModel(), false));
    }

    public NDArray forward(NDArray h) {
        NDArray y = wo.forward(wi.forward(layerNorm.forward(h)).getNDArrayInternal().relu());
        return h.add(y);
    }
}
