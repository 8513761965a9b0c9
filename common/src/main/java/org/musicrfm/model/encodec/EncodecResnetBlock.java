package org.musicrfm.model.encodec;

import ai.djl.ndarray.NDArray;
import org.musicrfm.model.Weights;

/**
 * SEANet residual block: {@code shortcut(x) + conv1x1(elu(conv_k(elu(x))))} with the hidden width
 * {@code dim / compress}; weights at {@code block.1} and {@code block.3} (ELUs at 0 and 2).
 */
public final class EncodecResnetBlock {

    private final EncodecConv1d conv1;
    private final EncodecConv1d conv2;
    private final EncodecConv1d shortcut; // null: identity

    private EncodecResnetBlock(EncodecConv1d conv1, EncodecConv1d conv2, EncodecConv1d shortcut) {
        this.conv1 = conv1;
        this.conv2 = conv2;
        this.shortcut = shortcut;
    }

    public static EncodecResnetBlock load(Weights w, EncodecConfig c, int dim, int dilation) {
        int hidden = dim / c.compress();
        EncodecConv1d conv1 = EncodecConv1d.load(w.pp("block").pp(1), c, dim, hidden, c.residualKernelSize(), 1, dilation);
        EncodecConv1d conv2 = EncodecConv1d.load(w.pp("block").pp(3), c, hidden, dim, 1, 1, 1);
        EncodecConv1d shortcut = c.useConvShortcut() ? EncodecConv1d.load(w.pp("shortcut"), c, dim, dim, 1, 1, 1) : null;
        return new EncodecResnetBlock(conv1, conv2, shortcut);
    }

    public NDArray forward(NDArray x) {
        NDArray h = conv1.forward(Elu.forward(x));
        h = conv2.forward(Elu.forward(h));
        NDArray skip = shortcut == null ? x : shortcut.forward(x);
        return skip.add(h);
    }
}
