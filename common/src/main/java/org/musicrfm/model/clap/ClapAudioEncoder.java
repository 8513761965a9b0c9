package org.musicrfm.model.clap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.musicrfm.model.LayerNorm;
import org.musicrfm.model.Scope;
import org.musicrfm.model.Weights;

/**
 * {@code ClapAudioEncoder} (HTSAT) without fusion: {@code batch_norm} over the mel bins (inference
 * statistics), the log-mel {@code [T, F]} stretched to {@code spec_size * freq_ratio} frames by
 * bicubic interpolation (align_corners) when shorter, folded into a {@code spec_size x spec_size}
 * image ({@code reshape_mel2img}), {@code patch_embed}, the Swin stages {@code layers.i}, the final
 * {@code norm}, and the pooling {@code get_audio_features} uses: the mean over all tokens (the
 * reference's regrouping before its average pool only permutes them).
 */
public final class ClapAudioEncoder {

    private static final double BATCH_NORM_EPS = 1e-5;

    private final ClapAudioConfig config;
    private final NDArray bnScale; // weight / sqrt(var + eps), [F]
    private final NDArray bnShift; // bias - mean * scale, [F]
    private final ClapAudioPatchEmbed patchEmbed;
    private final List<ClapAudioStage> stages;
    private final LayerNorm norm;

    private ClapAudioEncoder(ClapAudioConfig config, NDArray bnScale, NDArray bnShift, ClapAudioPatchEmbed patchEmbed,
                             List<ClapAudioStage> stages, LayerNorm norm) {
        this.config = config;
        this.bnScale = bnScale;
        this.bnShift = bnShift;
        this.patchEmbed = patchEmbed;
        this.stages = stages;
        this.norm = norm;
    }

    /** Loads {@code <prefix>} = {@code audio_model.audio_encoder}. */
    public static ClapAudioEncoder load(Weights w, ClapAudioConfig c) {
        int f = c.numMelBins();
        Weights bn = w.pp("batch_norm");
        float[] gamma = bn.floats("weight", f);
        float[] beta = bn.floats("bias", f);
        float[] mean = bn.floats("running_mean", f);
        float[] var = bn.floats("running_var", f);
        float[] scale = new float[f];
        float[] shift = new float[f];
        for (int i = 0; i < f; i++) {
            double s = gamma[i] / Math.sqrt(var[i] + BATCH_NORM_EPS);
            scale[i] = (float) s;
            shift[i] = (float) (beta[i] - mean[i] * s);
        }
        NDArray scaleArray = w.manager().create(scale).toType(w.dtype(), false);
        NDArray shiftArray = w.manager().create(shift).toType(w.dtype(), false);
        ClapAudioPatchEmbed embed = ClapAudioPatchEmbed.load(w.pp("patch_embed"), c);
        int[] grid = c.gridSize();
        int h = grid[0];
        int wd = grid[1];
        List<ClapAudioStage> stages = new ArrayList<>();
        for (int i = 0; i < c.numStages(); i++) {
            stages.add(ClapAudioStage.load(w.pp("layers").pp(i), c, i, h, wd));
            h = (h + 1) / 2;
            wd = (wd + 1) / 2;
        }
        return new ClapAudioEncoder(c, scaleArray, shiftArray, embed, List.copyOf(stages),
                LayerNorm.load(w.pp("norm"), c.numFeatures(), 1e-5));
    }

    public ClapAudioConfig config() {
        return config;
    }

    /**
     * @param features {@code [B, 1, T, F]} log-mel features ({@code F = num_mel_bins},
     *                 {@code T <= spec_size * freq_ratio})
     * @return the pooled output {@code [B, num_features]}
     */
    public NDArray forward(NDArray features) {
        return Scope.keep(features, m -> {
            NDArray image = toImage(features);
            NDArray h = patchEmbed.forward(image); // [B, tokens, E]
            for (ClapAudioStage stage : stages) {
                NDArray next = stage.forward(h);
                h.close();
                h = next;
            }
            return norm.forward(h).mean(new int[] {1}); // [B, num_features]
        });
    }

    /** batch_norm, bicubic stretch in time, reshape_mel2img: {@code [B, 1, T, F]} -> {@code [B, 1, spec, spec]}. */
    NDArray toImage(NDArray features) {
        Shape s = features.getShape();
        if (s.dimension() != 4 || s.get(1) != 1) {
            throw new IllegalArgumentException("audio features must be [batch, 1, frames, mel bins], got " + s);
        }
        long b = s.get(0);
        int t = (int) s.get(2);
        int f = (int) s.get(3);
        if (f != config.numMelBins()) {
            throw new IllegalArgumentException("audio features have " + f + " mel bins, the model expects num_mel_bins = "
                    + config.numMelBins());
        }
        int ratio = config.freqRatio();
        int specWidth = config.specSize() * ratio;
        if (t > specWidth) {
            throw new IllegalArgumentException("audio features have " + t + " frames, more than the model's "
                    + specWidth + " (spec_size * freq_ratio)");
        }
        NDArray x = features.mul(bnScale).add(bnShift);
        if (t < specWidth) {
            NDArray stretch = x.getManager().create(bicubicMatrix(t, specWidth), new Shape(specWidth, t))
                    .toType(x.getDataType(), false);
            x = stretch.matMul(x); // [S, T] x [B, 1, T, F] -> [B, 1, S, F]
        }
        // [B, 1, S, F] -> [B, ratio, S/ratio, F] -> [B, ratio, F, S/ratio] -> [B, 1, F*ratio, S/ratio]
        return x.reshape(b, ratio, specWidth / ratio, f).transpose(0, 1, 3, 2)
                .reshape(b, 1, (long) f * ratio, specWidth / ratio);
    }

    /**
     * The matrix {@code [out, in]} of PyTorch's bicubic interpolation with {@code align_corners=True}
     * along one axis (cubic convolution, A = -0.75, border samples repeated), in float arithmetic as
     * PyTorch computes it.
     */
    static float[] bicubicMatrix(int in, int out) {
        float a = -0.75f;
        float scale = out > 1 ? (float) (in - 1) / (float) (out - 1) : 0f;
        float[] m = new float[out * in];
        for (int o = 0; o < out; o++) {
            float real = scale * o;
            int base = (int) Math.floor(real);
            float x = real - base;
            float[] w = {
                cubic2(x + 1f, a), cubic1(x, a), cubic1(1f - x, a), cubic2(2f - x, a),
            };
            for (int k = 0; k < 4; k++) {
                int idx = Math.min(Math.max(base - 1 + k, 0), in - 1);
                m[o * in + idx] += w[k];
            }
        }
        return m;
    }

    private static float cubic1(float x, float a) {
        return ((a + 2f) * x - (a + 3f)) * x * x + 1f;
    }

    private static float cubic2(float x, float a) {
        return ((a * x - 5f * a) * x + 8f * a) * x - 4f * a;
    }
}
