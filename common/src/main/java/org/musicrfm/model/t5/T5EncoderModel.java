package org.musicrfm.model.t5;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;
import java.util.ArrayList;
import java.util.List;
import org.musicrfm.model.Weights;

/**
 * T5 encoder stack: token embedding ({@code shared} or {@code encoder.embed_tokens}), blocks
 * {@code encoder.block.i}, {@code encoder.final_layer_norm}. Dropout is inactive (inference).
 */
public final class T5EncoderModel {

    private final T5Config config;
    private final NDArray embedTokens; // [vocab, D]
    private final List<T5Block> blocks;
    private final T5LayerNorm finalLayerNorm;

    private T5EncoderModel(T5Config config, NDArray embedTokens, List<T5Block> blocks, T5LayerNorm finalLayerNorm) {
        this.config = config;
        this.embedTokens = embedTokens;
        this.blocks = blocks;
        this.finalLayerNorm = finalLayerNorm;
    }

    /** Loads from a view such as {@code text_encoder}. */
    public static T5EncoderModel load(Weights w, T5Config c) {
        String embedName = w.has("encoder.embed_tokens.weight") ? "encoder.embed_tokens.weight" : "shared.weight";
        NDArray embed = w.get(embedName, c.vocabSize(), c.dModel());
        List<T5Block> blocks = new ArrayList<>();
        for (int i = 0; i < c.numLayers(); i++) {
            blocks.add(T5Block.load(w.pp("encoder").pp("block").pp(i), c, i == 0));
        }
        return new T5EncoderModel(c, embed, blocks, T5LayerNorm.load(w.pp("encoder").pp("final_layer_norm"), c));
    }

    public T5Config config() {
        return config;
    }

    /**
     * @param inputIds      {@code [B, S]} int64 token ids
     * @param attentionMask {@code [B, S]} 1 for tokens, 0 for padding (any numeric type)
     * @return last hidden state {@code [B, S, D]} (padded positions included, as Hugging Face returns them)
     */
    public NDArray forward(NDArray inputIds, NDArray attentionMask) {
        long s = inputIds.getShape().get(1);
        NDArray h = inputIds.getNDArrayInternal()
                .embedding(inputIds, embedTokens, SparseFormat.DENSE).singletonOrThrow(); // [B, S, D]
        var m = inputIds.getManager();
        // additive mask (1 - mask) * finfo(float32).min, broadcast over heads and queries: [B, 1, 1, S]
        NDArray additive = attentionMask.toType(DataType.FLOAT32, false).neg().add(1f)
                .mul(-Float.MAX_VALUE).reshape(-1, 1, 1, s);
        NDArray bias = blocks.get(0).attention().computeBias(m, (int) s, (int) s).add(additive); // [B, h, S, S]
        for (T5Block block : blocks) {
            h = block.forward(h, bias);
        }
        return finalLayerNorm.forward(h);
    }
}
