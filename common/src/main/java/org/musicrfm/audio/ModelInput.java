package org.musicrfm.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Audio as MusicGen's activation readers take it: mono, 32 kHz, peak-normalized, exactly
 * {@code seconds} long (trimmed, or zero-padded at the end). Silent audio (peak below
 * {@link Audio#SILENCE_PEAK}) is never normalised: scaling ±1 LSB of rounding noise to full scale
 * would feed the model noise, not the clip.
 */
public final class ModelInput {

    public static final int MUSICGEN_RATE = 32_000;

    private ModelInput() {}

    /** Reads a WAV file and prepares it; a missing or corrupt file is an IOException naming it. */
    public static float[] load(Path wav, double seconds) throws IOException {
        return prepare(WavFiles.read(wav), seconds);
    }

    /**
     * As {@link #load(Path, double)}, but a silent file is a {@link SilentAudioException} unless
     * {@code includeSilent}, in which case it is read unscaled.
     */
    public static float[] load(Path wav, double seconds, boolean includeSilent) throws IOException {
        return load(WavFiles.read(wav), wav.toString(), seconds, includeSilent);
    }

    /** As {@link #load(Path, double, boolean)} for a file on any file system {@link org.musicrfm.io.Storage} reaches. */
    public static float[] load(org.musicrfm.io.Location wav, double seconds, boolean includeSilent) throws IOException {
        return load(WavFiles.read(wav), wav.toString(), seconds, includeSilent);
    }

    private static float[] load(Audio audio, String wav, double seconds, boolean includeSilent) throws IOException {
        if (audio.frames() == 0) {
            throw new IOException("no audio samples in " + wav + " (empty data chunk)");
        }
        if (!includeSilent && audio.isSilent()) {
            throw new SilentAudioException(wav, audio.peak());
        }
        return prepare(audio, seconds);
    }

    public static float[] prepare(Audio audio, double seconds) {
        Audio mono = Resampler.resample(audio.toMono(), MUSICGEN_RATE);
        if (!audio.isSilent()) {
            mono = mono.peakNormalized();
        }
        return Arrays.copyOf(mono.samples(), (int) Math.round(seconds * MUSICGEN_RATE));
    }
}
