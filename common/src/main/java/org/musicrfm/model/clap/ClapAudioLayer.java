package org.musicrfm.model.clap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.musicrfm.model.LayerNorm;
import org.musicrfm.model.Linear;
import org.musicrfm.model.Scope;
import org.musicrfm.model.Weights;

/**
 * {@code ClapAudioLayer} (a Swin block): {@code h += attention(windows(shift(layernorm_before(h))))},
 * {@code h += output.dense(gelu(intermediate.dense(layernorm_after(h))))}. The input resolution is
 * fixed by the config, so the window size, the shift (0 when the resolution is no larger than the
 * window, as transformers' {@code set_shift_and_window_size}), the padding to whole windows and the
 * shifted-window mask are settled at load time.
 */
public final class ClapAudioLayer {

    private final LayerNorm layernormBefore;
    private final ClapAudioSelfAttention attention;
    private final LayerNorm layernormAfter;
    private final Linear intermediate;
    private final Linear output;
    private final int height;
    private final int width;
    private final int window;
    private final int shift;
    private final NDArray mask; // [1, nW, 1, N, N] or null

    private ClapAudioLayer(LayerNorm layernormBefore, ClapAudioSelfAttention attention, LayerNorm layernormAfter,
                           Linear intermediate, Linear output, int height, int width, int window, int shift,
                           NDArray mask) {
        this.layernormBefore = layernormBefore;
        this.attention = attention;
        this.layernormAfter = layernormAfter;
        this.intermediate = intermediate;
        this.output = output;
        this.height = height;
        this.width = width;
        this.window = window;
        this.shift = shift;
        this.mask = mask;
    }

    /**
     * Loads {@code <prefix>} = {@code layers.i.blocks.j}.
     *
     * @param shifted odd blocks use shifted windows (shift = window / 2)
     */
    public static ClapAudioLayer load(Weights w, ClapAudioConfig c, int dim, int heads, int height, int width,
                                      boolean shifted) {
        int window = c.windowSize();
        int shift = shifted ? window / 2 : 0;
        if (Math.min(height, width) <= window) {
            if (Math.min(height, width) < window) {
                throw new IllegalArgumentException("HTSAT stage resolution " + height + "x" + width
                        + " is smaller than window_size " + window + " (transformers cannot run this config either)");
            }
            shift = 0;
        }
        double eps = c.layerNormEps();
        NDArray mask = shift > 0 ? shiftMask(w, roundUp(height, window), roundUp(width, window), window, shift) : null;
        int mlp = c.mlpDim(dim);
        return new ClapAudioLayer(LayerNorm.load(w.pp("layernorm_before"), dim, eps),
                ClapAudioSelfAttention.load(w.pp("attention"), c, dim, heads, window),
                LayerNorm.load(w.pp("layernorm_after"), dim, eps), Linear.load(w.pp("intermediate").pp("dense"), dim, mlp, true),
                Linear.load(w.pp("output").pp("dense"), mlp, dim, true), height, width, window, shift, mask);
    }

    private static int roundUp(int x, int m) {
        return (x + m - 1) / m * m;
    }

    /**
     * The SW-MSA mask {@code [1, nW, 1, N, N]}: -100 between tokens of a window that came from different
     * regions before the shift (shaped at load time: the weights' manager is capped afterwards).
     */
    static NDArray shiftMask(Weights w, int height, int width, int window, int shift) {
        int[] region = new int[height * width];
        for (int y = 0; y < height; y++) {
            int ry = y < height - window ? 0 : y < height - shift ? 1 : 2;
            for (int x = 0; x < width; x++) {
                int rx = x < width - window ? 0 : x < width - shift ? 1 : 2;
                region[y * width + x] = ry * 3 + rx;
            }
        }
        int perRow = width / window;
        int windows = (height / window) * perRow;
        int n = window * window;
        float[] mask = new float[windows * n * n];
        for (int wi = 0; wi < windows; wi++) {
            int y0 = (wi / perRow) * window;
            int x0 = (wi % perRow) * window;
            for (int i = 0; i < n; i++) {
                int ri = region[(y0 + i / window) * width + x0 + i % window];
                for (int j = 0; j < n; j++) {
                    int rj = region[(y0 + j / window) * width + x0 + j % window];
                    mask[(wi * n + i) * n + j] = ri == rj ? 0f : -100f;
                }
            }
        }
        return w.manager().create(mask, new Shape(1, windows, 1, n, n)).toType(w.dtype(), false);
    }

    // [B, H * W, C] -> [B, H * W, C]
    public NDArray forward(NDArray hidden) {
        return Scope.keep(hidden, m -> {
            Shape s = hidden.getShape();
            long b = s.get(0);
            long c = s.get(2);
            NDArray x = layernormBefore.forward(hidden).reshape(b, height, width, c);
            x = padRightBottom(x, roundUp(height, window) - height, roundUp(width, window) - width);
            int hp = (int) x.getShape().get(1);
            int wp = (int) x.getShape().get(2);
            if (shift > 0) {
                x = roll(roll(x, shift, 1), shift, 2);
            }
            NDArray windows = x.reshape(b, hp / window, window, wp / window, window, c).transpose(0, 1, 3, 2, 4, 5)
                    .reshape(-1, (long) window * window, c);                      // [B * nW, N, C]
            NDArray attn = attention.forward(windows, mask);
            NDArray merged = attn.reshape(b, hp / window, wp / window, window, window, c).transpose(0, 1, 3, 2, 4, 5)
                    .reshape(b, hp, wp, c);
            if (shift > 0) {
                merged = roll(roll(merged, wp - shift, 2), hp - shift, 1);
            }
            if (hp != height || wp != width) {
                merged = merged.get(":, :" + height + ", :" + width + ", :");
            }
            NDArray h = hidden.add(merged.reshape(b, (long) height * width, c));
            NDArray f = output.forward(intermediate.forward(layernormAfter.forward(h)).getNDArrayInternal().gelu());
            return h.add(f);
        });
    }

    /** {@code torch.roll(x, -by, axis)}: element {@code i} of the result is element {@code (i + by) mod n}. */
    static NDArray roll(NDArray x, int by, int axis) {
        long n = x.getShape().get(axis);
        int k = (int) (((by % n) + n) % n);
        if (k == 0) {
            return x;
        }
        String lead = ":, ".repeat(axis);
        return x.get(lead + k + ":").concat(x.get(lead + ":" + k), axis);
    }

    /** Zero padding of a {@code [B, H, W, C]} tensor at the bottom and the right. */
    static NDArray padRightBottom(NDArray x, int bottom, int right) {
        Shape s = x.getShape();
        if (right > 0) {
            x = x.concat(x.getManager().zeros(new Shape(s.get(0), s.get(1), right, s.get(3)), x.getDataType()), 2);
        }
        if (bottom > 0) {
            Shape t = x.getShape();
            x = x.concat(x.getManager().zeros(new Shape(t.get(0), bottom, t.get(2), t.get(3)), x.getDataType()), 1);
        }
        return x;
    }
}
