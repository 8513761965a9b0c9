package org.musicrfm.model.t5;

import static org.musicrfm.model.io.JsonFields.getDouble;
import static org.musicrfm.model.io.JsonFields.getInt;
import static org.musicrfm.model.io.JsonFields.getString;

import com.google.gson.JsonObject;
import org.musicrfm.model.io.ConfigSection;

/** The fields of a T5 {@code config.json} the encoder needs (Hugging Face defaults when absent). */
public record T5Config(int vocabSize, int dModel, int dKv, int dFf, int numLayers, int numHeads,
                       int relativeAttentionNumBuckets, int relativeAttentionMaxDistance, double layerNormEpsilon,
                       String feedForwardProj, int padTokenId, int eosTokenId) {

    public T5Config {
        if (!feedForwardProj.equals("relu")) {
            throw new IllegalArgumentException("T5 feed_forward_proj '" + feedForwardProj
                    + "' is not supported (MusicGen's t5-base uses 'relu')");
        }
    }

    public static T5Config from(JsonObject c) {
        return from(ConfigSection.of(c, "text_encoder"));
    }

    /** Reads the section, noting absent keys in its file. */
    public static T5Config from(ConfigSection c) {
        return new T5Config(getInt(c, "vocab_size", 32128), getInt(c, "d_model", 512), getInt(c, "d_kv", 64),
                getInt(c, "d_ff", 2048), getInt(c, "num_layers", 6), getInt(c, "num_heads", 8),
                getInt(c, "relative_attention_num_buckets", 32), getInt(c, "relative_attention_max_distance", 128),
                getDouble(c, "layer_norm_epsilon", 1e-6), getString(c, "feed_forward_proj", "relu"),
                getInt(c, "pad_token_id", 0), getInt(c, "eos_token_id", 1));
    }

    public int innerDim() {
        return numHeads * dKv;
    }
}
