package org.musicrfm.model.clap;

import static org.musicrfm.model.io.JsonFields.getBool;
import static org.musicrfm.model.io.JsonFields.getDouble;
import static org.musicrfm.model.io.JsonFields.getInt;
import static org.musicrfm.model.io.JsonFields.getInts;
import static org.musicrfm.model.io.JsonFields.getString;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Arrays;

/**
 * The {@code audio_config} of a CLAP {@code config.json} (HTSAT), with {@code ClapAudioConfig}'s
 * defaults for absent keys. Feature fusion ({@code enable_fusion}) is refused.
 */
public record ClapAudioConfig(int windowSize, int numMelBins, int specSize, int[] patchSize, int[] patchStride,
                              int hiddenSize, int[] depths, int[] numAttentionHeads, int patchEmbedsHiddenSize,
                              boolean enablePatchLayerNorm, boolean flattenPatchEmbeds, int patchEmbedInputChannels,
                              double mlpRatio, boolean qkvBias, String hiddenAct, double layerNormEps,
                              String projectionHiddenAct) {

    public ClapAudioConfig {
        if (depths.length == 0 || depths.length != numAttentionHeads.length) {
            throw new IllegalArgumentException("config.json audio_config: depths " + Arrays.toString(depths)
                    + " and num_attention_heads " + Arrays.toString(numAttentionHeads) + " must have the same length");
        }
        if (!hiddenAct.equals("gelu")) {
            throw new IllegalArgumentException("config.json audio_config.hidden_act = \"" + hiddenAct + "\": expected gelu");
        }
        ClapConfig.checkProjectionActivation(projectionHiddenAct, "audio_config");
        if (numMelBins <= 0 || specSize % numMelBins != 0) {
            throw new IllegalArgumentException("config.json audio_config: spec_size " + specSize
                    + " must be a multiple of num_mel_bins " + numMelBins);
        }
        if (!flattenPatchEmbeds) {
            throw new IllegalArgumentException("config.json audio_config.flatten_patch_embeds = false is not supported");
        }
        if (patchEmbedInputChannels != 1) {
            throw new IllegalArgumentException("config.json audio_config.patch_embed_input_channels = "
                    + patchEmbedInputChannels + ": expected 1 (mono log-mel input)");
        }
        int last = patchEmbedsHiddenSize << (depths.length - 1);
        if (hiddenSize != last) {
            throw new IllegalArgumentException("config.json audio_config.hidden_size = " + hiddenSize
                    + " but the last HTSAT stage has patch_embeds_hidden_size * 2^(stages-1) = " + last + " channels");
        }
    }

    /** Parses {@code audio_config}; {@code enable_fusion: true} is an error naming the key. */
    public static ClapAudioConfig from(JsonObject c) {
        if (getBool(c, "enable_fusion", false)) {
            throw new IllegalArgumentException("config.json audio_config.enable_fusion = true is not supported "
                    + "(feature fusion of laion/clap-htsat-fused); use an unfused CLAP such as laion/larger_clap_music");
        }
        return new ClapAudioConfig(getInt(c, "window_size", 8), getInt(c, "num_mel_bins", 64),
                getInt(c, "spec_size", 256), pair(c, "patch_size", 4), pair(c, "patch_stride", 4),
                getInt(c, "hidden_size", 768), getInts(c, "depths", new int[] {2, 2, 6, 2}),
                getInts(c, "num_attention_heads", new int[] {4, 8, 16, 32}), getInt(c, "patch_embeds_hidden_size", 96),
                getBool(c, "enable_patch_layer_norm", true), getBool(c, "flatten_patch_embeds", true),
                getInt(c, "patch_embed_input_channels", 1), getDouble(c, "mlp_ratio", 4.0), getBool(c, "qkv_bias", true),
                getString(c, "hidden_act", "gelu"), getDouble(c, "layer_norm_eps", 1e-5),
                getString(c, "projection_hidden_act", "relu"));
    }

    /** An int or a two-element list, as {@code patch_size} and {@code patch_stride} may be written. */
    private static int[] pair(JsonObject c, String key, int dflt) {
        JsonElement e = c.get(key);
        if (e == null || e.isJsonNull()) {
            return new int[] {dflt, dflt};
        }
        if (e.isJsonPrimitive()) {
            return new int[] {e.getAsInt(), e.getAsInt()};
        }
        int[] v = getInts(c, key, null);
        if (v.length != 2) {
            throw new IllegalArgumentException("config.json audio_config." + key + " = " + e + ": expected 2 values");
        }
        return v;
    }

    public int numStages() {
        return depths.length;
    }

    /** Channels of stage {@code i}: {@code patch_embeds_hidden_size * 2^i}. */
    public int stageDim(int i) {
        return patchEmbedsHiddenSize << i;
    }

    /** Channels after the last stage (the pooled output's width). */
    public int numFeatures() {
        return stageDim(depths.length - 1);
    }

    /** {@code spec_size / num_mel_bins}: how many time chunks are stacked along the image's height. */
    public int freqRatio() {
        return specSize / numMelBins;
    }

    /** Patch grid (height, width) of the {@code spec_size x spec_size} image. */
    public int[] gridSize() {
        return new int[] {specSize / patchStride[0], specSize / patchStride[1]};
    }

    public int mlpDim(int dim) {
        return (int) (mlpRatio * dim);
    }
}
