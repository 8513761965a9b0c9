package org.musicrfm.model.clap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.musicrfm.model.LayerNorm;
import org.musicrfm.model.Weights;

/**
 * {@code ClapAudioPatchEmbed} without fusion: a strided {@code Conv2d} ({@code proj}) over the
 * {@code spec_size x spec_size} spectrogram image, flattened to tokens, then the optional
 * {@code norm} (LayerNorm, eps 1e-5).
 */
public final class ClapAudioPatchEmbed {

    private final NDArray weight; // [E, 1, ph, pw]
    private final NDArray bias;   // [E]
    private final LayerNorm norm; // null when enable_patch_layer_norm is false
    private final Shape stride;
    private final Shape padding;
    private final int specSize;

    private ClapAudioPatchEmbed(NDArray weight, NDArray bias, LayerNorm norm, Shape stride, Shape padding, int specSize) {
        this.weight = weight;
        this.bias = bias;
        this.norm = norm;
        this.stride = stride;
        this.padding = padding;
        this.specSize = specSize;
    }

    public static ClapAudioPatchEmbed load(Weights w, ClapAudioConfig c) {
        int e = c.patchEmbedsHiddenSize();
        int[] k = c.patchSize();
        int[] s = c.patchStride();
        NDArray weight = w.get("proj.weight", e, c.patchEmbedInputChannels(), k[0], k[1]);
        NDArray bias = w.get("proj.bias", e);
        LayerNorm norm = c.enablePatchLayerNorm() ? LayerNorm.load(w.pp("norm"), e, 1e-5) : null;
        return new ClapAudioPatchEmbed(weight, bias, norm, new Shape(s[0], s[1]),
                new Shape((k[0] - s[0]) / 2, (k[1] - s[1]) / 2), c.specSize());
    }

    // [B, 1, spec, spec] -> [B, gh * gw, E]
    public NDArray forward(NDArray image) {
        Shape in = image.getShape();
        if (in.get(2) != specSize || in.get(3) != specSize) {
            throw new IllegalArgumentException("input audio size (" + in.get(2) + "*" + in.get(3)
                    + ") doesn't match the model (" + specSize + "*" + specSize + ")");
        }
        NDArray x = image.getNDArrayInternal()
                .convolution(image, weight, bias, stride, padding, new Shape(1, 1), 1).singletonOrThrow(); // [B, E, gh, gw]
        Shape s = x.getShape();
        x = x.reshape(s.get(0), s.get(1), s.get(2) * s.get(3)).transpose(0, 2, 1);
        return norm == null ? x : norm.forward(x);
    }
}
