package org.musicrfm.model.musicgen;

import com.google.gson.JsonObject;
import org.musicrfm.model.JsonFields;
import org.musicrfm.model.encodec.EncodecConfig;
import org.musicrfm.model.t5.T5Config;

/** A MusicGen {@code config.json}: text encoder, audio encoder and decoder sections. */
public record MusicgenConfig(T5Config textEncoder, EncodecConfig audioEncoder, MusicgenDecoderConfig decoder) {

    public static MusicgenConfig from(JsonObject root) {
        String type = JsonFields.getString(root, "model_type", "musicgen");
        if (!type.equals("musicgen")) {
            throw new IllegalArgumentException("config.json model_type '" + type + "': expected 'musicgen'");
        }
        String where = "MusicGen config.json";
        MusicgenConfig c = new MusicgenConfig(T5Config.from(JsonFields.requireObject(root, "text_encoder", where)),
                EncodecConfig.from(JsonFields.requireObject(root, "audio_encoder", where)),
                MusicgenDecoderConfig.from(JsonFields.requireObject(root, "decoder", where)));
        int q = c.audioEncoder.quantizersForBandwidth(c.audioEncoder.targetBandwidths()[0]);
        if (q != c.decoder.numCodebooks()) {
            throw new IllegalArgumentException(where + ": the audio encoder yields " + q + " codebooks, the decoder expects "
                    + c.decoder.numCodebooks());
        }
        return c;
    }
}
