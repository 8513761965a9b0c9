package org.musicrfm.model.encodec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import org.musicrfm.model.Weights;

/** Residual vector quantizer ({@code quantizer.layers.i}): each codebook quantizes what the previous ones left. */
public final class EncodecResidualVectorQuantizer {

    private final List<EncodecVectorQuantization> layers;

    private EncodecResidualVectorQuantizer(List<EncodecVectorQuantization> layers) {
        this.layers = layers;
    }

    public static EncodecResidualVectorQuantizer load(Weights w, EncodecConfig c) {
        List<EncodecVectorQuantization> layers = new ArrayList<>();
        for (int i = 0; i < c.numQuantizers(); i++) {
            layers.add(EncodecVectorQuantization.load(w.pp("layers").pp(i), c));
        }
        return new EncodecResidualVectorQuantizer(layers);
    }

    public int numQuantizers() {
        return layers.size();
    }

    // [B, D, T] -> [B, K, T] int64 with K = numQuantizers
    public NDArray encode(NDArray embeddings, int numQuantizers) {
        if (numQuantizers < 1 || numQuantizers > layers.size()) {
            throw new IllegalArgumentException("numQuantizers " + numQuantizers + ": the checkpoint has " + layers.size());
        }
        NDArray residual = embeddings.toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
        NDList codes = new NDList();
        for (int i = 0; i < numQuantizers; i++) {
            EncodecVectorQuantization layer = layers.get(i);
            NDArray indices = layer.encode(residual);
            residual = residual.sub(layer.decode(indices));
            codes.add(indices);
        }
        return NDArrays.stack(codes, 1);
    }

    // [B, K, T] int64 -> [B, D, T] float32
    public NDArray decode(NDArray codes) {
        long k = codes.getShape().get(1);
        NDArray sum = null;
        for (int i = 0; i < k; i++) {
            NDArray q = layers.get(i).decode(codes.get(":, {}, :", i));
            sum = sum == null ? q : sum.add(q);
        }
        return sum;
    }
}
