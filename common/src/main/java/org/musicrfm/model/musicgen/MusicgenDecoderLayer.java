package org.musicrfm.model.musicgen;

import ai.djl.ndarray.NDArray;
import org.musicrfm.model.LayerNorm;
import org.musicrfm.model.Linear;
import org.musicrfm.model.Scope;
import org.musicrfm.model.Weights;

/**
 * Pre-norm decoder block: {@code h += self_attn(LN(h))} (causal), {@code h += encoder_attn(LN(h), text)}
 * when text states are given, {@code h += fc2(gelu(fc1(LN(h))))}.
 */
public final class MusicgenDecoderLayer {

    private final int index;
    private final LayerNorm selfAttnLayerNorm;
    private final MusicgenAttention selfAttn;
    private final LayerNorm encoderAttnLayerNorm;
    private final MusicgenAttention encoderAttn;
    private final LayerNorm finalLayerNorm;
    private final Linear fc1;
    private final Linear fc2;

    private MusicgenDecoderLayer(int index, LayerNorm selfAttnLayerNorm, MusicgenAttention selfAttn,
                                 LayerNorm encoderAttnLayerNorm, MusicgenAttention encoderAttn, LayerNorm finalLayerNorm,
                                 Linear fc1, Linear fc2) {
        this.index = index;
        this.selfAttnLayerNorm = selfAttnLayerNorm;
        this.selfAttn = selfAttn;
        this.encoderAttnLayerNorm = encoderAttnLayerNorm;
        this.encoderAttn = encoderAttn;
        this.finalLayerNorm = finalLayerNorm;
        this.fc1 = fc1;
        this.fc2 = fc2;
    }

    public static MusicgenDecoderLayer load(Weights w, MusicgenDecoderConfig c, int index) {
        long h = c.hiddenSize();
        double eps = MusicgenDecoderConfig.LAYER_NORM_EPS;
        return new MusicgenDecoderLayer(index, LayerNorm.load(w.pp("self_attn_layer_norm"), h, eps),
                MusicgenAttention.load(w.pp("self_attn"), c), LayerNorm.load(w.pp("encoder_attn_layer_norm"), h, eps),
                MusicgenAttention.load(w.pp("encoder_attn"), c), LayerNorm.load(w.pp("final_layer_norm"), h, eps),
                Linear.loadOptionalBias(w.pp("fc1"), h, c.ffnDim()), Linear.loadOptionalBias(w.pp("fc2"), c.ffnDim(), h));
    }

    /**
     * @param h           {@code [B, T, H]}
     * @param causalMask  additive {@code [T, S]} float32 mask ({@code S} = cached + new positions)
     * @param text        {@code [B, S_text, H]} projected text states, or null (no cross attention)
     * @param textMask    additive {@code [B, 1, 1, S_text]} float32 mask, or null
     * @param cache       key/value cache, or null
     * @return the block's raw output {@code [B, T, H]}
     */
    public NDArray forward(NDArray h, NDArray causalMask, NDArray text, NDArray textMask, KvCache cache) {
        return Scope.keep(h, m -> {
            NDArray x = selfAttnLayerNorm.forward(h);
            NDArray[] kv = selfAttn.keysValues(x);
            if (cache != null) {
                kv = cache.appendSelf(index, kv[0], kv[1]);
            }
            NDArray a = h.add(selfAttn.attend(x, kv[0], kv[1], causalMask));
            if (text != null) {
                NDArray[] ckv = cache == null ? null : cache.cross(index);
                if (ckv == null) {
                    ckv = encoderAttn.keysValues(text);
                    if (cache != null) {
                        cache.putCross(index, ckv[0], ckv[1]);
                    }
                }
                a = a.add(encoderAttn.attend(encoderAttnLayerNorm.forward(a), ckv[0], ckv[1], textMask));
            }
            NDArray f = fc2.forward(fc1.forward(finalLayerNorm.forward(a)).getNDArrayInternal().gelu());
            return a.add(f);
        }, causalMask, text, textMask);
    }
}
