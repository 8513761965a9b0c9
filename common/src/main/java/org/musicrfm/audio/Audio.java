package org.musicrfm.audio;

/**
 * A block of audio: float samples in [-1, 1], channel-interleaved, at a sample rate.
 *
 * @param samples interleaved samples, {@code frames() * channels} long
 */
public record Audio(float[] samples, int sampleRate, int channels) {

    /**
     * Audio whose peak is below this (−80 dBFS, about 3 levels of 16-bit PCM) is silent: SynTheory's
     * table flags such clips, and peak normalisation would only amplify their rounding noise.
     */
    public static final float SILENCE_PEAK = 1e-4f;

    public Audio {
        if (sampleRate <= 0 || channels <= 0 || samples.length % channels != 0) {
            throw new IllegalArgumentException("bad audio: " + samples.length + " samples, "
                    + channels + " channels, " + sampleRate + " Hz");
        }
    }

    public int frames() {
        return samples.length / channels;
    }

    public double seconds() {
        return frames() / (double) sampleRate;
    }

    /** The channels averaged to one. */
    public Audio toMono() {
        if (channels == 1) {
            return this;
        }
        float[] mono = new float[frames()];
        for (int f = 0; f < mono.length; f++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += samples[f * channels + c];
            }
            mono[f] = (float) (sum / channels);
        }
        return new Audio(mono, sampleRate, 1);
    }

    /** Largest absolute sample value. */
    public float peak() {
        float peak = 0;
        for (float s : samples) {
            peak = Math.max(peak, Math.abs(s));
        }
        return peak;
    }

    /** Whether the peak is below {@link #SILENCE_PEAK}. */
    public boolean isSilent() {
        return peak() < SILENCE_PEAK;
    }

    /** Scaled so that the peak is 1; silence is returned unchanged. */
    public Audio peakNormalized() {
        float peak = peak();
        if (peak == 0) {
            return this;
        }
        float[] out = new float[samples.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = samples[i] / peak;
        }
        return new Audio(out, sampleRate, channels);
    }
}
