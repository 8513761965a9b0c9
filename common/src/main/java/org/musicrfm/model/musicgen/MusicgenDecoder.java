package org.musicrfm.model.musicgen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import java.util.ArrayList;
import java.util.List;
import org.musicrfm.model.BlockHook;
import org.musicrfm.model.HookContext;
import org.musicrfm.model.LayerNorm;
import org.musicrfm.model.Weights;

/**
 * The decoder stack ({@code decoder.model.decoder}): the sum of one embedding per codebook
 * ({@code embed_tokens.k}, vocabulary + 1 rows for the pad/bos id), sinusoidal positions, the blocks
 * and the final {@code layer_norm}.
 */
public final class MusicgenDecoder {

    private final MusicgenDecoderConfig config;
    private final List<NDArray> embedTokens;
    private final MusicgenSinusoidalPositionalEmbedding positions;
    private final List<MusicgenDecoderLayer> layers;
    private final LayerNorm layerNorm;

    private MusicgenDecoder(MusicgenDecoderConfig config, List<NDArray> embedTokens,
                            MusicgenSinusoidalPositionalEmbedding positions, List<MusicgenDecoderLayer> layers,
                            LayerNorm layerNorm) {
        this.config = config;
        this.embedTokens = embedTokens;
        this.positions = positions;
        this.layers = layers;
        this.layerNorm = layerNorm;
    }

    /** Loads from a view such as {@code decoder.model.decoder}. */
    public static MusicgenDecoder load(Weights w, MusicgenDecoderConfig c) {
        List<NDArray> embeds = new ArrayList<>();
        for (int k = 0; k < c.numCodebooks(); k++) {
            embeds.add(w.pp("embed_tokens").pp(k).get("weight", c.vocabSize() + 1L, c.hiddenSize()));
        }
        List<MusicgenDecoderLayer> layers = new ArrayList<>();
        for (int i = 0; i < c.numHiddenLayers(); i++) {
            layers.add(MusicgenDecoderLayer.load(w.pp("layers").pp(i), c, i));
        }
        return new MusicgenDecoder(c, embeds, new MusicgenSinusoidalPositionalEmbedding(c.hiddenSize()), layers,
                LayerNorm.load(w.pp("layer_norm"), c.hiddenSize(), MusicgenDecoderConfig.LAYER_NORM_EPS));
    }

    public MusicgenDecoderConfig config() {
        return config;
    }

    public int numLayers() {
        return layers.size();
    }

    /**
     * Runs the stack.
     *
     * @param inputIds {@code [B * K, T]} (Hugging Face's layout, row {@code b * K + k}) or {@code [B, K, T]}, int64
     * @param text     {@code [B, S, H]} projected text states, or null: no cross attention (decoder alone)
     * @param textMask {@code [B, S]} 1/0 mask of the text states, or null (all attended)
     * @param hook     applied to every block's raw output, or null
     * @param observer sees every state as computed, or null
     * @param cache    key/value cache for incremental decoding, or null
     * @return the final normalized state {@code [B, T, H]}
     */
    public NDArray forward(NDArray inputIds, NDArray text, NDArray textMask, BlockHook hook, StateObserver observer,
                           KvCache cache) {
        int k = config.numCodebooks();
        Shape s = inputIds.getShape();
        NDArray ids = s.dimension() == 3 ? inputIds : inputIds.reshape(-1, k, s.get(1));
        if (ids.getShape().get(1) != k) {
            throw new IllegalArgumentException("decoder input ids: expected [B*" + k + ", T] or [B, " + k + ", T], got " + s);
        }
        long b = ids.getShape().get(0);
        int t = (int) ids.getShape().get(2);
        NDManager m = inputIds.getManager();
        int offset = cache == null ? 0 : cache.length();
        DataType dtype = embedTokens.get(0).getDataType();

        NDArray h = null; // [B, T, H]
        for (int c = 0; c < k; c++) {
            NDArray idsC = ids.get(":, {}, :", c);
            NDArray e = idsC.getNDArrayInternal().embedding(idsC, embedTokens.get(c), SparseFormat.DENSE)
                    .singletonOrThrow();
            h = h == null ? e : h.add(e);
        }
        h = h.add(positions.forward(m, offset, t, dtype));
        if (observer != null) {
            observer.observe(0, h);
        }
        NDArray causal = causalMask(m, t, offset);
        NDArray textAdd = text == null ? null : additiveMask(m, textMask, b, text.getShape().get(1));
        HookContext context = hook == null ? null : HookContext.forward(offset);
        for (int l = 0; l < layers.size(); l++) {
            NDArray out = layers.get(l).forward(h, causal, text, textAdd, cache);
            if (hook != null) {
                NDArray hooked = hook.apply(l, out, context);
                if (hooked != out) {
                    out.close();
                }
                out = hooked;
            }
            if (observer != null) {
                observer.observe(l + 1, out);
            }
            h.close(); // free each state once the next exists ([B, T, H] per block)
            h = out;
        }
        if (cache != null) {
            cache.advance(t);
        }
        NDArray last = layerNorm.forward(h);
        if (observer != null) {
            observer.observe(layers.size() + 1, last);
        }
        h.close();
        return last;
    }

    /**
     * Additive causal mask {@code [T, offset + T]}: 0 where key {@code j <= offset + i}, float32 min
     * elsewhere; null (nothing masked) for a single new position, a cached decoding step.
     */
    static NDArray causalMask(NDManager m, int t, int offset) {
        if (t == 1) {
            return null;
        }
        int s = offset + t;
        float[] mask = new float[t * s];
        for (int i = 0; i < t; i++) {
            for (int j = offset + i + 1; j < s; j++) {
                mask[i * s + j] = -Float.MAX_VALUE;
            }
        }
        return m.create(mask, new Shape(t, s));
    }

    /** {@code (1 - mask) * float32 min} as {@code [B, 1, 1, S]}; all zeros when {@code mask} is null. */
    static NDArray additiveMask(NDManager m, NDArray mask, long b, long s) {
        if (mask == null) {
            return m.zeros(new Shape(b, 1, 1, s), DataType.FLOAT32);
        }
        return mask.toType(DataType.FLOAT32, false).neg().add(1f).mul(-Float.MAX_VALUE).reshape(b, 1, 1, s);
    }
}
