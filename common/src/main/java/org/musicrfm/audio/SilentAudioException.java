package org.musicrfm.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** A clip whose peak is below {@link Audio#SILENCE_PEAK}: it carries no music to read activations from. */
public final class SilentAudioException extends IOException {

    private final float peak;

    public SilentAudioException(Path file, float peak) {
        this(file.toString(), peak);
    }

    /** The silent file, named as a path or URI. */
    public SilentAudioException(String file, float peak) {
        super(String.format(Locale.ROOT, "silent: peak %.3g below %.0e (-80 dBFS) in %s; not peak-normalised"
                + " (--include-silent reads it unscaled)", peak, (double) Audio.SILENCE_PEAK, file));
        this.peak = peak;
    }

    /** The clip's largest absolute sample. */
    public float peak() {
        return peak;
    }
}
