package org.musicrfm.model.clap;

import static org.musicrfm.model.io.JsonFields.getDouble;
import static org.musicrfm.model.io.JsonFields.getInt;
import static org.musicrfm.model.io.JsonFields.getString;
import static org.musicrfm.model.io.JsonFields.requireObject;

import com.google.gson.JsonObject;

/** A CLAP {@code config.json}: text and audio sub-configs and the shared projection width. */
public record ClapConfig(ClapTextConfig text, ClapAudioConfig audio, int projectionDim, double logitScaleInitValue) {

    /** Parses a {@code ClapModel} config; any other {@code model_type} is an error naming it. */
    public static ClapConfig from(JsonObject c) {
        String type = getString(c, "model_type", null);
        if (!"clap".equals(type)) {
            throw new IllegalArgumentException("config.json model_type = " + (type == null ? "(missing)" : "\"" + type + "\"")
                    + ": not a CLAP config (expected \"clap\")");
        }
        ClapTextConfig text = ClapTextConfig.from(requireObject(c, "text_config", "config.json"));
        ClapAudioConfig audio = ClapAudioConfig.from(requireObject(c, "audio_config", "config.json"));
        return new ClapConfig(text, audio, getInt(c, "projection_dim", 512),
                getDouble(c, "logit_scale_init_value", 1 / 0.07));
    }

    static void checkProjectionActivation(String act, String where) {
        if (!act.equals("relu")) {
            throw new IllegalArgumentException("config.json " + where + ".projection_hidden_act = \"" + act
                    + "\": expected relu");
        }
    }
}
