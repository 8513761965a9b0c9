package org.musicrfm.model.clap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;
import org.musicrfm.model.LayerNorm;
import org.musicrfm.model.Weights;

/**
 * {@code ClapTextEmbeddings} (RoBERTa): word + token type 0 + position embeddings, then
 * {@code LayerNorm}. Positions count non-padding tokens from {@code padding_idx + 1}; padding tokens
 * take position {@code padding_idx} (fairseq's {@code make_positions}).
 */
public final class ClapTextEmbeddings {

    private final NDArray wordEmbeddings;     // [V, H]
    private final NDArray positionEmbeddings; // [P, H]
    private final NDArray tokenType0;         // [H]
    private final LayerNorm layerNorm;
    private final int paddingIdx;
    private final int maxPositions;

    private ClapTextEmbeddings(NDArray wordEmbeddings, NDArray positionEmbeddings, NDArray tokenType0,
                               LayerNorm layerNorm, int paddingIdx, int maxPositions) {
        this.wordEmbeddings = wordEmbeddings;
        this.positionEmbeddings = positionEmbeddings;
        this.tokenType0 = tokenType0;
        this.layerNorm = layerNorm;
        this.paddingIdx = paddingIdx;
        this.maxPositions = maxPositions;
    }

    /** Loads {@code <prefix>} = {@code text_model.embeddings}. */
    public static ClapTextEmbeddings load(Weights w, ClapTextConfig c) {
        int h = c.hiddenSize();
        NDArray types = w.get("token_type_embeddings.weight", c.typeVocabSize(), h);
        NDArray type0 = types.get(0);
        return new ClapTextEmbeddings(w.get("word_embeddings.weight", c.vocabSize(), h),
                w.get("position_embeddings.weight", c.maxPositionEmbeddings(), h), type0,
                LayerNorm.load(w.pp("LayerNorm"), h, c.layerNormEps()), c.padTokenId(), c.maxPositionEmbeddings());
    }

    // [B, S] int64 ids -> [B, S, H]
    public NDArray forward(NDArray inputIds) {
        long s = inputIds.getShape().get(1);
        if (s + paddingIdx >= maxPositions) {
            throw new IllegalArgumentException(s + " tokens exceed the position table (max_position_embeddings "
                    + maxPositions + ", positions start after padding id " + paddingIdx + ")");
        }
        NDArray notPad = inputIds.neq(paddingIdx).toType(DataType.INT64, false);
        NDArray positions = notPad.cumSum(1).mul(notPad).add(paddingIdx);
        NDArray words = inputIds.getNDArrayInternal().embedding(inputIds, wordEmbeddings, SparseFormat.DENSE)
                .singletonOrThrow();
        NDArray pos = positions.getNDArrayInternal().embedding(positions, positionEmbeddings, SparseFormat.DENSE)
                .singletonOrThrow();
        return layerNorm.forward(words.add(tokenType0).add(pos));
    }
}
