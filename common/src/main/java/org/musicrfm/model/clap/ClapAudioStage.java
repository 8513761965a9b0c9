package org.musicrfm.model.clap;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.musicrfm.model.Scope;
import org.musicrfm.model.Weights;

/** {@code ClapAudioStage}: {@code blocks.0..depth-1} (odd ones shifted) and, except in the last stage, {@code downsample}. */
public final class ClapAudioStage {

    private final List<ClapAudioLayer> blocks;
    private final ClapAudioPatchMerging downsample; // null in the last stage
    private final int height;
    private final int width;

    private ClapAudioStage(List<ClapAudioLayer> blocks, ClapAudioPatchMerging downsample, int height, int width) {
        this.blocks = blocks;
        this.downsample = downsample;
        this.height = height;
        this.width = width;
    }

    /** Loads {@code <prefix>} = {@code audio_encoder.layers.i} for an input grid of {@code height x width}. */
    public static ClapAudioStage load(Weights w, ClapAudioConfig c, int stage, int height, int width) {
        int dim = c.stageDim(stage);
        List<ClapAudioLayer> blocks = new ArrayList<>();
        for (int j = 0; j < c.depths()[stage]; j++) {
            blocks.add(ClapAudioLayer.load(w.pp("blocks").pp(j), c, dim, c.numAttentionHeads()[stage], height, width,
                    j % 2 == 1));
        }
        ClapAudioPatchMerging down = stage < c.numStages() - 1 ? ClapAudioPatchMerging.load(w.pp("downsample"), dim) : null;
        return new ClapAudioStage(List.copyOf(blocks), down, height, width);
    }

    // [B, H * W, C] -> [B, ceil(H/2) * ceil(W/2), 2C] (or unchanged in shape in the last stage)
    public NDArray forward(NDArray hidden) {
        NDArray h = hidden;
        for (ClapAudioLayer block : blocks) {
            NDArray next = block.forward(h);
            if (h != hidden) {
                h.close();
            }
            h = next;
        }
        if (downsample == null) {
            return h;
        }
        NDArray in = h;
        NDArray out = Scope.keep(in, m -> downsample.forward(in, height, width));
        if (in != hidden) {
            in.close();
        }
        return out;
    }
}
