package org.musicrfm.model.encodec;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.musicrfm.model.Scope;
import org.musicrfm.model.Weights;

/**
 * SEANet decoder ({@code decoder.layers.i}): conv from {@code hidden_size}, LSTM, then per up-sampling
 * ratio ELU, transposed conv halving the width and residual blocks; ELU and a final conv to audio.
 */
public final class EncodecDecoder {

    private final List<UnaryOperator<NDArray>> layers;

    private EncodecDecoder(List<UnaryOperator<NDArray>> layers) {
        this.layers = layers;
    }

    public static EncodecDecoder load(Weights w, EncodecConfig c) {
        Weights lw = w.pp("layers");
        List<UnaryOperator<NDArray>> layers = new ArrayList<>();
        int scaling = 1 << c.upsamplingRatios().length;
        int i = 0;
        layers.add(EncodecConv1d.load(lw.pp(i++), c, c.hiddenSize(), scaling * c.numFilters(), c.kernelSize(), 1, 1)
                ::forward);
        layers.add(EncodecLSTM.load(lw.pp(i++), c, scaling * c.numFilters())::forward);
        for (int ratio : c.upsamplingRatios()) {
            int scale = scaling * c.numFilters();
            layers.add(Elu::forward);
            i++;
            layers.add(EncodecConvTranspose1d.load(lw.pp(i++), c, scale, scale / 2, ratio * 2, ratio)::forward);
            for (int j = 0; j < c.numResidualLayers(); j++) {
                int dilation = (int) Math.pow(c.dilationGrowthRate(), j);
                layers.add(EncodecResnetBlock.load(lw.pp(i++), c, scale / 2, dilation)::forward);
            }
            scaling /= 2;
        }
        layers.add(Elu::forward);
        i++;
        layers.add(EncodecConv1d.load(lw.pp(i), c, c.numFilters(), c.audioChannels(), c.lastKernelSize(), 1, 1)
                ::forward);
        return new EncodecDecoder(layers);
    }

    // [B, hidden, frames] -> [B, C, frames * hop]
    public NDArray forward(NDArray embeddings) {
        NDArray h = embeddings;
        for (UnaryOperator<NDArray> layer : layers) {
            NDArray in = h;
            h = Scope.keep(in, m -> layer.apply(in));
            if (in != embeddings) {
                in.close(); // intermediate activations can be large ([B, C, samples]): free each as soon as used
            }
        }
        return h;
    }
}
