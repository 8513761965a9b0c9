package org.musicrfm.model.musicgen;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.musicrfm.model.io.ConfigFile;
import org.musicrfm.model.encodec.EncodecConfig;
import org.musicrfm.model.t5.T5Config;

/** A MusicGen {@code config.json}: text encoder, audio encoder and decoder sections. */
public record MusicgenConfig(T5Config textEncoder, EncodecConfig audioEncoder, MusicgenDecoderConfig decoder) {

    public static MusicgenConfig from(JsonObject root) {
        return from(root, new ConfigFile("config.json"));
    }

    /**
     * Reads {@code root}, the contents of {@code file}: errors name the file and the key (and, when
     * keys were absent and took transformers' defaults, those keys); {@code file} lists them afterwards.
     */
    public static MusicgenConfig from(JsonObject root, ConfigFile file) {
        JsonElement type = root.get("model_type");
        if (type != null && !type.isJsonNull() && !(type.isJsonPrimitive() && type.getAsString().equals("musicgen"))) {
            throw new IllegalArgumentException(file.name() + ": model_type " + type + ": expected \"musicgen\"");
        }
        MusicgenConfig c;
        try {
            c = new MusicgenConfig(T5Config.from(file.section(root, "text_encoder")),
                    EncodecConfig.from(file.section(root, "audio_encoder")),
                    MusicgenDecoderConfig.from(file.section(root, "decoder")));
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new IllegalArgumentException((m.startsWith(file.name()) ? m : file.name() + ": " + m)
                    + file.defaultsHint(), e);
        }
        int q = c.audioEncoder.quantizersForBandwidth(c.audioEncoder.targetBandwidths()[0]);
        if (q != c.decoder.numCodebooks()) {
            throw new IllegalArgumentException(file.name() + ": the audio encoder yields " + q
                    + " codebooks, the decoder expects " + c.decoder.numCodebooks() + file.defaultsHint());
        }
        return c;
    }
}
