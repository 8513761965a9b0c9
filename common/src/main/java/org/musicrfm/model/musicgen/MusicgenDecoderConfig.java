package org.musicrfm.model.musicgen;

import static org.musicrfm.model.io.JsonFields.getBool;
import static org.musicrfm.model.io.JsonFields.getInt;
import static org.musicrfm.model.io.JsonFields.getString;

import com.google.gson.JsonObject;
import org.musicrfm.model.io.ConfigSection;

/** The fields of MusicGen's {@code decoder} config (Hugging Face's {@code MusicgenDecoderConfig} defaults when absent). */
public record MusicgenDecoderConfig(int vocabSize, int maxPositionEmbeddings, int numHiddenLayers, int ffnDim,
                                    int numAttentionHeads, int hiddenSize, int numCodebooks, int audioChannels,
                                    int padTokenId, int bosTokenId, String activationFunction) {

    /** MusicGen's decoder layer norms use PyTorch's default epsilon. */
    public static final double LAYER_NORM_EPS = 1e-5;

    public MusicgenDecoderConfig {
        if (vocabSize <= 0 || numHiddenLayers <= 0 || ffnDim <= 0 || numAttentionHeads <= 0 || hiddenSize <= 0
                || numCodebooks <= 0 || maxPositionEmbeddings <= 0) {
            throw new IllegalArgumentException("decoder: vocab_size " + vocabSize + ", num_hidden_layers " + numHiddenLayers
                    + ", ffn_dim " + ffnDim + ", num_attention_heads " + numAttentionHeads + ", hidden_size " + hiddenSize
                    + ", num_codebooks " + numCodebooks + ", max_position_embeddings " + maxPositionEmbeddings
                    + ": each must be positive");
        }
        if (hiddenSize % numAttentionHeads != 0) {
            throw new IllegalArgumentException("decoder hidden_size " + hiddenSize + " is not divisible by num_attention_heads "
                    + numAttentionHeads);
        }
        if (!activationFunction.equals("gelu")) {
            throw new IllegalArgumentException("decoder activation_function '" + activationFunction
                    + "' is not supported (MusicGen uses 'gelu')");
        }
        if (audioChannels != 1) {
            throw new IllegalArgumentException("decoder audio_channels " + audioChannels + ": only mono MusicGen is supported");
        }
    }

    public static MusicgenDecoderConfig from(JsonObject c) {
        return from(ConfigSection.of(c, "decoder"));
    }

    /** Reads the section, noting absent keys in its file. */
    public static MusicgenDecoderConfig from(ConfigSection c) {
        if (getBool(c, "scale_embedding", false)) {
            throw new IllegalArgumentException("decoder scale_embedding=true is not supported (MusicGen has false)");
        }
        return new MusicgenDecoderConfig(getInt(c, "vocab_size", 2048), getInt(c, "max_position_embeddings", 2048),
                getInt(c, "num_hidden_layers", 24), getInt(c, "ffn_dim", 4096), getInt(c, "num_attention_heads", 16),
                getInt(c, "hidden_size", 1024), getInt(c, "num_codebooks", 4), getInt(c, "audio_channels", 1),
                getInt(c, "pad_token_id", 2048), getInt(c, "bos_token_id", 2048),
                getString(c, "activation_function", "gelu"));
    }

    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }
}
