package org.musicrfm.model.encodec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.musicrfm.model.Weights;

/**
 * Weight-normed {@code ConvTranspose1d} followed by EnCodec's trimming of {@code kernel - stride}
 * samples. DJL 0.33 has no transposed convolution, so it runs as its polyphase equivalent: one
 * ordinary convolution with {@code stride * out} channels and {@code ceil(k / stride)} taps whose
 * outputs are interleaved, which costs the same as the transposed convolution itself.
 */
public final class EncodecConvTranspose1d {

    private final NDArray polyWeight; // [stride * out, in, taps]
    private final NDArray polyBias;   // [stride * out]
    private final int outChannels;
    private final int kernelSize;
    private final int stride;
    private final int taps;
    private final boolean causal;
    private final double trimRightRatio;

    private EncodecConvTranspose1d(NDArray polyWeight, NDArray polyBias, int outChannels, int kernelSize, int stride,
                                   int taps, boolean causal, double trimRightRatio) {
        this.polyWeight = polyWeight;
        this.polyBias = polyBias;
        this.outChannels = outChannels;
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.taps = taps;
        this.causal = causal;
        this.trimRightRatio = trimRightRatio;
    }

    /** Loads {@code <prefix>.conv.weight_g/_v} ({@code [in, out, k]}, normed over all dims but 0) and {@code .bias}. */
    public static EncodecConvTranspose1d load(Weights w, EncodecConfig c, int in, int out, int kernel, int stride) {
        Weights conv = w.pp("conv");
        NDManager m = w.manager();
        int taps = (kernel + stride - 1) / stride;
        try (NDManager tmp = m.newSubManager()) {
            NDArray weight = conv.float32().weightNorm("weight", in, out, kernel);
            weight.attach(tmp);
            // polyphase kernel: V[r * out + o, c, taps - 1 - i] = W[c, o, r + i * stride] (0 past the kernel)
            NDArray padded = weight.pad(new Shape(0, taps * stride - kernel), 0)   // [in, out, taps * stride]
                    .reshape(in, out, taps, stride)                                  // [c, o, i, r]
                    .transpose(3, 1, 0, 2)                                           // [r, o, c, i]
                    .flip(3)
                    .reshape((long) stride * out, in, taps);
            NDArray bias = conv.float32().get("bias", out);
            bias.attach(tmp);
            NDArray polyBias = bias.expandDims(0).repeat(0, stride).reshape(-1);
            NDArray pw = padded.toType(w.dtype(), true);
            NDArray pb = polyBias.toType(w.dtype(), true);
            pw.attach(m);
            pb.attach(m);
            return new EncodecConvTranspose1d(pw, pb, out, kernel, stride, taps, c.useCausalConv(), c.trimRightRatio());
        }
    }

    // [B, Cin, L] -> [B, Cout, L * stride]
    public NDArray forward(NDArray x) {
        long b = x.getShape().get(0);
        long length = x.getShape().get(2);
        NDArray z = x.getNDArrayInternal()
                .convolution(x, polyWeight, polyBias, new Shape(1), new Shape(taps - 1), new Shape(1), 1)
                .singletonOrThrow();                                   // [B, stride * out, L + taps - 1]
        long frames = z.getShape().get(2);
        NDArray y = z.reshape(b, stride, outChannels, frames)
                .transpose(0, 2, 3, 1)
                .reshape(b, outChannels, frames * stride);             // y[o, m * stride + r] = z[r * out + o, m]
        long full = (length - 1) * stride + kernelSize;                // ConvTranspose1d output length
        int paddingTotal = kernelSize - stride;
        int right = causal ? (int) Math.ceil(paddingTotal * trimRightRatio) : paddingTotal / 2;
        int left = paddingTotal - right;
        return y.get(new NDIndex(":, :, {}:{}", left, full - right));
    }
}
