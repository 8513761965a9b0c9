package org.musicrfm.model.clap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.musicrfm.model.LayerNorm;
import org.musicrfm.model.Linear;
import org.musicrfm.model.Weights;

/**
 * {@code ClapAudioPatchMerging}: each 2x2 group of tokens concatenated in the order
 * {@code (0,0), (1,0), (0,1), (1,1)} (row, column), {@code norm} (LayerNorm over 4C, eps 1e-5),
 * {@code reduction} (4C to 2C, no bias). An odd height or width is zero-padded first.
 */
public final class ClapAudioPatchMerging {

    private final LayerNorm norm;
    private final Linear reduction;

    private ClapAudioPatchMerging(LayerNorm norm, Linear reduction) {
        this.norm = norm;
        this.reduction = reduction;
    }

    public static ClapAudioPatchMerging load(Weights w, int dim) {
        return new ClapAudioPatchMerging(LayerNorm.load(w.pp("norm"), 4L * dim, 1e-5),
                Linear.load(w.pp("reduction"), 4L * dim, 2L * dim, false));
    }

    // [B, H * W, C] -> [B, ceil(H/2) * ceil(W/2), 2C]
    public NDArray forward(NDArray x, int height, int width) {
        Shape s = x.getShape();
        long b = s.get(0);
        long c = s.get(2);
        NDArray grid = ClapAudioLayer.padRightBottom(x.reshape(b, height, width, c), height % 2, width % 2);
        long h2 = (height + 1) / 2;
        long w2 = (width + 1) / 2;
        // [B, H/2, row, W/2, col, C] -> [B, H/2, W/2, col, row, C]: channel blocks (row 0, col 0), (1, 0), (0, 1), (1, 1)
        NDArray merged = grid.reshape(b, h2, 2, w2, 2, c).transpose(0, 1, 3, 4, 2, 5).reshape(b, h2 * w2, 4 * c);
        return reduction.forward(norm.forward(merged));
    }
}
