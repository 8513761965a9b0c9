package org.musicrfm.model.encodec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import org.musicrfm.model.Weights;

/** Multi-layer LSTM over time with a skip connection: {@code lstm(x) + x}, in convolution layout. */
public final class EncodecLSTM {

    private final NDList params; // per layer: w_ih, w_hh, b_ih, b_hh (PyTorch's flat order)
    private final int dimension;
    private final int numLayers;

    private EncodecLSTM(NDList params, int dimension, int numLayers) {
        this.params = params;
        this.dimension = dimension;
        this.numLayers = numLayers;
    }

    /** Loads {@code <prefix>.lstm.weight_ih_l{i}}, {@code weight_hh_l{i}}, {@code bias_ih_l{i}}, {@code bias_hh_l{i}}. */
    public static EncodecLSTM load(Weights w, EncodecConfig c, int dimension) {
        Weights lstm = w.pp("lstm");
        NDList params = new NDList();
        for (int i = 0; i < c.numLstmLayers(); i++) {
            params.add(lstm.get("weight_ih_l" + i, 4L * dimension, dimension));
            params.add(lstm.get("weight_hh_l" + i, 4L * dimension, dimension));
            params.add(lstm.get("bias_ih_l" + i, 4L * dimension));
            params.add(lstm.get("bias_hh_l" + i, 4L * dimension));
        }
        return new EncodecLSTM(params, dimension, c.numLstmLayers());
    }

    // [B, C, T] -> [B, C, T]
    public NDArray forward(NDArray x) {
        long b = x.getShape().get(0);
        NDArray seq = x.transpose(2, 0, 1); // [T, B, C]
        var m = x.getManager();
        Shape state = new Shape(numLayers, b, dimension);
        NDList hx = new NDList(m.zeros(state, x.getDataType()), m.zeros(state, x.getDataType()));
        NDArray out = seq.getNDArrayInternal()
                .lstm(seq, hx, params, true, numLayers, 0.0, false, false, false)
                .get(0);
        return out.add(seq).transpose(1, 2, 0);
    }
}
