package org.musicrfm.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Audio as MusicGen's activation readers take it (DESIGN §5): mono, 32 kHz, peak-normalized,
 * exactly {@code seconds} long (trimmed, or zero-padded at the end).
 */
public final class ModelInput {

    public static final int MUSICGEN_RATE = 32_000;

    private ModelInput() {}

    /** Reads a WAV file and prepares it; a missing or corrupt file is an IOException naming it. */
    public static float[] load(Path wav, double seconds) throws IOException {
        return prepare(WavFiles.read(wav), seconds);
    }

    public static float[] prepare(Audio audio, double seconds) {
        Audio mono = Resampler.resample(audio.toMono(), MUSICGEN_RATE).peakNormalized();
        return Arrays.copyOf(mono.samples(), (int) Math.round(seconds * MUSICGEN_RATE));
    }
}
