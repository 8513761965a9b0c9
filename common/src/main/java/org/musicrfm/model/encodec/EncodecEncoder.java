package org.musicrfm.model.encodec;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.musicrfm.model.Scope;
import org.musicrfm.model.Weights;

/**
 * SEANet encoder ({@code encoder.layers.i}): conv, then per down-sampling ratio (the up-sampling
 * ratios reversed) residual blocks, ELU and a strided conv doubling the width; LSTM, ELU, final conv
 * to {@code hidden_size}. Layer indices follow Hugging Face's flat {@code ModuleList}.
 */
public final class EncodecEncoder {

    private final List<UnaryOperator<NDArray>> layers;

    private EncodecEncoder(List<UnaryOperator<NDArray>> layers) {
        this.layers = layers;
    }

    public static EncodecEncoder load(Weights w, EncodecConfig c) {
        Weights lw = w.pp("layers");
        List<UnaryOperator<NDArray>> layers = new ArrayList<>();
        int i = 0;
        layers.add(EncodecConv1d.load(lw.pp(i++), c, c.audioChannels(), c.numFilters(), c.kernelSize(), 1, 1)::forward);
        int scaling = 1;
        int[] ratios = c.upsamplingRatios();
        for (int r = ratios.length - 1; r >= 0; r--) {
            int ratio = ratios[r];
            int scale = scaling * c.numFilters();
            for (int j = 0; j < c.numResidualLayers(); j++) {
                int dilation = (int) Math.pow(c.dilationGrowthRate(), j);
                layers.add(EncodecResnetBlock.load(lw.pp(i++), c, scale, dilation)::forward);
            }
            layers.add(Elu::forward);
            i++;
            layers.add(EncodecConv1d.load(lw.pp(i++), c, scale, scale * 2, ratio * 2, ratio, 1)::forward);
            scaling *= 2;
        }
        layers.add(EncodecLSTM.load(lw.pp(i++), c, scaling * c.numFilters())::forward);
        layers.add(Elu::forward);
        i++;
        layers.add(EncodecConv1d.load(lw.pp(i), c, scaling * c.numFilters(), c.hiddenSize(), c.lastKernelSize(), 1, 1)
                ::forward);
        return new EncodecEncoder(layers);
    }

    // [B, C, L] -> [B, hidden, frames]
    public NDArray forward(NDArray audio) {
        NDArray h = audio;
        for (UnaryOperator<NDArray> layer : layers) {
            NDArray in = h;
            h = Scope.keep(in, m -> layer.apply(in));
            if (in != audio) {
                in.close(); // intermediate activations can be large ([B, C, samples]): free each as soon as used
            }
        }
        return h;
    }
}
