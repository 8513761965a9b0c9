package org.musicrfm.model.encodec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.musicrfm.model.MapTensorSource;
import org.musicrfm.model.Parity;
import org.musicrfm.model.Weights;

/** The polyphase transposed convolution against the textbook definition, computed with loops. */
class EncodecConvTranspose1dTest {

    @Test
    void polyphaseEqualsDirectTransposedConvolution() {
        int in = 3;
        int out = 2;
        int stride = 4;
        int kernel = 8;
        int length = 5;
        for (int k : new int[] {kernel, 7}) { // 7: taps that do not fill the last phase
            check(in, out, k, stride, length);
        }
        check(2, 3, 10, 5, 4);
    }

    private static void check(int in, int out, int kernel, int stride, int length) {
        Random r = new Random(7 + kernel);
        float[] v = rand(r, in * out * kernel);
        float[] g = new float[in];
        for (int c = 0; c < in; c++) {
            double s = 0;
            for (int i = 0; i < out * kernel; i++) {
                s += v[c * out * kernel + i] * v[c * out * kernel + i];
            }
            g[c] = (float) Math.sqrt(s); // g = |v|: the effective weight is v
        }
        float[] bias = rand(r, out);
        float[] x = rand(r, in * length);
        MapTensorSource src = new MapTensorSource().put("t.conv.weight_v", v, in, out, kernel)
                .put("t.conv.weight_g", g, in, 1, 1).put("t.conv.bias", bias, out);
        JsonObject cfg = new JsonObject();
        cfg.addProperty("use_causal_conv", false);
        EncodecConfig c = EncodecConfig.from(cfg);
        // direct: y[o, j*stride + t] += x[c, j] * w[c, o, t], then trim (k - stride) split right-heavy
        int full = (length - 1) * stride + kernel;
        float[] y = new float[out * full];
        for (int o = 0; o < out; o++) {
            for (int j = 0; j < length; j++) {
                for (int t = 0; t < kernel; t++) {
                    double acc = 0;
                    for (int ci = 0; ci < in; ci++) {
                        acc += x[ci * length + j] * v[(ci * out + o) * kernel + t];
                    }
                    y[o * full + j * stride + t] += (float) acc;
                }
            }
        }
        int total = kernel - stride;
        int right = total / 2;
        int left = total - right;
        int kept = full - total;
        float[] want = new float[out * kept];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < kept; i++) {
                want[o * kept + i] = y[o * full + left + i] + bias[o];
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Weights w = Weights.of(src, m, DataType.FLOAT32).pp("t");
            EncodecConvTranspose1d conv = EncodecConvTranspose1d.load(w, c, in, out, kernel, stride);
            NDArray got = conv.forward(m.create(x, new Shape(1, in, length)));
            Parity.assertClose("conv_transpose k" + kernel + " s" + stride, got.toFloatArray(), want);
        }
    }

    private static float[] rand(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }
}
