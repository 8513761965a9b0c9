package org.musicrfm.model.musicgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.musicrfm.model.Parity;
import org.musicrfm.model.Reference;
import org.musicrfm.model.TinyModel;

/** Each pooling equals its definition applied in Java to the per-frame sequence; batches are independent. */
class PoolingTest {

    private static long[][][] clip(int shift) {
        long[] flat = Reference.longs("encodec.codes");
        long[][][] c = MusicgenModel.unflatten(flat, 1, 4, 52);
        long[][][] out = new long[1][4][40];
        for (int k = 0; k < 4; k++) {
            System.arraycopy(c[0][k], shift, out[0][k], 0, 40);
        }
        return out;
    }

    @Test
    void poolingsFollowTheirDefinitions() {
        MusicgenModel model = TinyModel.get();
        long[][][] codes = {clip(0)[0], clip(12)[0]};
        Activations a = model.extract(codes, Reading.DECODER_ONLY, EnumSet.allOf(Pooling.class), new int[] {0, 2});
        assertThat(a.layers()).containsExactly(0, 2);
        assertThat(a.frames()).isEqualTo(40);
        int t = a.frames();
        int h = a.hidden();
        for (int i = 0; i < 2; i++) {
            for (int b = 0; b < 2; b++) {
                float[] seq = a.get(Pooling.SEQUENCE, i, b);
                assertThat(seq).hasSize(t * h);
                float[] mean = new float[h];
                float[] max = new float[h];
                float[] std = new float[h];
                float[] last = new float[h];
                for (int d = 0; d < h; d++) {
                    double s = 0;
                    float mx = Float.NEGATIVE_INFINITY;
                    for (int f = 0; f < t; f++) {
                        s += seq[f * h + d];
                        mx = Math.max(mx, seq[f * h + d]);
                    }
                    double mu = s / t;
                    double ss = 0;
                    for (int f = 0; f < t; f++) {
                        ss += (seq[f * h + d] - mu) * (seq[f * h + d] - mu);
                    }
                    mean[d] = (float) mu;
                    max[d] = mx;
                    std[d] = (float) Math.sqrt(ss / t); // population std
                    last[d] = seq[(t - 1) * h + d];
                }
                Parity.assertClose("pool mean", a.get(Pooling.MEAN, i, b), mean);
                assertThat(a.get(Pooling.MAX, i, b)).containsExactly(max);
                assertThat(a.get(Pooling.LAST, i, b)).containsExactly(last);
                float[] ms = a.get(Pooling.MEANSTD, i, b);
                Parity.assertClose("pool meanstd", ms, DecoderParityTest.concat(mean, std));
            }
        }
        // a batch of two equals each clip alone
        for (int b = 0; b < 2; b++) {
            Activations one = model.extract(clip(b * 12), Reading.EMPTY_TEXT, EnumSet.of(Pooling.MEAN), new int[] {1});
            Activations two = model.extract(codes, Reading.EMPTY_TEXT, EnumSet.of(Pooling.MEAN), new int[] {1});
            Parity.assertClose("batched vs single clip " + b, two.get(Pooling.MEAN, 0, b), one.get(Pooling.MEAN, 0, 0));
        }
    }
}
