package org.musicrfm.model.encodec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.musicrfm.model.Weights;

/**
 * Weight-normed {@code Conv1d} with EnCodec's padding: {@code kernel_eff - stride} split between the
 * sides (the extra sample on the left), plus the "extra padding" on the right that makes the last
 * window complete; reflect padding as in {@code _pad1d} (zero-extended first when the input is
 * shorter than the pad).
 */
public final class EncodecConv1d {

    private final NDArray weight; // [out, in, k]
    private final NDArray bias;   // [out]
    private final int stride;
    private final int dilation;
    private final int kernelSize; // effective, (k - 1) * dilation + 1
    private final boolean causal;
    private final boolean reflect;

    private EncodecConv1d(NDArray weight, NDArray bias, int stride, int dilation, int kernelSize, boolean causal,
                          boolean reflect) {
        this.weight = weight;
        this.bias = bias;
        this.stride = stride;
        this.dilation = dilation;
        this.kernelSize = kernelSize;
        this.causal = causal;
        this.reflect = reflect;
    }

    /** Loads {@code <prefix>.conv.weight_g/_v} and {@code <prefix>.conv.bias}. */
    public static EncodecConv1d load(Weights w, EncodecConfig c, int in, int out, int kernel, int stride, int dilation) {
        Weights conv = w.pp("conv");
        return new EncodecConv1d(conv.weightNorm("weight", out, in, kernel), conv.get("bias", out), stride, dilation,
                (kernel - 1) * dilation + 1, c.useCausalConv(), c.padMode().equals("reflect"));
    }

    /** Right padding that makes {@code (length + pads - k) / stride} whole (exact integer arithmetic). */
    static int extraPadding(int length, int kernelSize, int stride, int paddingTotal) {
        int frames = ceilDiv(length - kernelSize + paddingTotal, stride); // n_frames - 1
        int ideal = frames * stride + kernelSize - paddingTotal;
        return ideal - length;
    }

    static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    // [B, Cin, L] -> [B, Cout, ceil(L / stride)]
    public NDArray forward(NDArray x) {
        int length = (int) x.getShape().get(2);
        int paddingTotal = kernelSize - stride;
        int extra = extraPadding(length, kernelSize, stride, paddingTotal);
        int left;
        int right;
        if (causal) {
            left = paddingTotal;
            right = extra;
        } else {
            right = paddingTotal / 2;
            left = paddingTotal - right;
            right += extra;
        }
        NDArray padded = reflect ? reflectPad(x, left, right) : x.pad(new Shape(left, right), 0);
        return padded.getNDArrayInternal()
                .convolution(padded, weight, bias, new Shape(stride), new Shape(0), new Shape(dilation), 1)
                .singletonOrThrow();
    }

    /** {@code F.pad(x, (left, right), "reflect")} on the last axis, with {@code _pad1d}'s rule for short inputs. */
    static NDArray reflectPad(NDArray x, int left, int right) {
        if (left == 0 && right == 0) {
            return x;
        }
        int length = (int) x.getShape().getLastDimension();
        int maxPad = Math.max(left, right);
        int extraPad = 0;
        if (length <= maxPad) {
            extraPad = maxPad - length + 1;
            x = x.pad(new Shape(0, extraPad), 0);
            length += extraPad;
        }
        long[] index = new long[left + length + right - extraPad];
        for (int j = 0; j < index.length; j++) {
            int src = j - left;
            if (src < 0) {
                src = -src;
            } else if (src >= length) {
                src = 2 * (length - 1) - src;
            }
            index[j] = src;
        }
        NDArray idx = x.getManager().create(index);
        return x.get(new NDIndex("..., {}", idx));
    }
}
