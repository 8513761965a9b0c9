package org.musicrfm.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.musicrfm.model.musicgen.MusicgenModel;

/** The hf-tiny MusicGen fixture loaded once per test JVM (float32, CPU), with the fixture tokenizer. */
public final class TinyModel {

    private static MusicgenModel model;

    private TinyModel() {}

    public static synchronized MusicgenModel get() {
        if (model == null) {
            try {
                model = MusicgenModel.load(Reference.musicgenFolder(), Reference.tokenizer(), ModelOptions.cpu());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return model;
    }
}
