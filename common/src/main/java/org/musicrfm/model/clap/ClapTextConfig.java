package org.musicrfm.model.clap;

import static org.musicrfm.model.io.JsonFields.getDouble;
import static org.musicrfm.model.io.JsonFields.getInt;
import static org.musicrfm.model.io.JsonFields.getString;

import com.google.gson.JsonObject;

/** The {@code text_config} of a CLAP {@code config.json} (RoBERTa), with {@code ClapTextConfig}'s defaults. */
public record ClapTextConfig(int vocabSize, int hiddenSize, int numHiddenLayers, int numAttentionHeads,
                             int intermediateSize, int maxPositionEmbeddings, int typeVocabSize, double layerNormEps,
                             int padTokenId, int bosTokenId, int eosTokenId, String projectionHiddenAct) {

    public ClapTextConfig {
        if (numAttentionHeads <= 0 || hiddenSize % numAttentionHeads != 0) {
            throw new IllegalArgumentException("config.json text_config: hidden_size " + hiddenSize
                    + " is not a multiple of num_attention_heads " + numAttentionHeads);
        }
        ClapConfig.checkProjectionActivation(projectionHiddenAct, "text_config");
    }

    public static ClapTextConfig from(JsonObject c) {
        String act = getString(c, "hidden_act", "gelu");
        if (!act.equals("gelu")) {
            throw new IllegalArgumentException("config.json text_config.hidden_act = \"" + act + "\": expected gelu");
        }
        String pos = getString(c, "position_embedding_type", "absolute");
        if (!pos.equals("absolute")) {
            throw new IllegalArgumentException("config.json text_config.position_embedding_type = \"" + pos
                    + "\": expected absolute");
        }
        return new ClapTextConfig(getInt(c, "vocab_size", 50265), getInt(c, "hidden_size", 768),
                getInt(c, "num_hidden_layers", 12), getInt(c, "num_attention_heads", 12),
                getInt(c, "intermediate_size", 3072), getInt(c, "max_position_embeddings", 514),
                getInt(c, "type_vocab_size", 1), getDouble(c, "layer_norm_eps", 1e-12), getInt(c, "pad_token_id", 1),
                getInt(c, "bos_token_id", 0), getInt(c, "eos_token_id", 2), getString(c, "projection_hidden_act", "relu"));
    }

    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }

    /** Longest token sequence the position table allows (positions start after the padding index). */
    public int maxTokens() {
        return maxPositionEmbeddings - padTokenId - 1;
    }
}
