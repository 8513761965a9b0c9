package org.musicrfm.audio;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Model-free pitch estimate of a sustained tone by harmonic summation over an averaged magnitude
 * spectrum: every candidate MIDI pitch scores the weighted spectral peaks at its first harmonics,
 * so a weak fundamental still wins over its fifth. Used to check that rendered clips carry their labels.
 */
public final class PitchEstimator {

    private static final int FRAME = 16384;
    private static final int HARMONICS = 8;
    private static final double HARMONIC_DECAY = 0.8;
    private static final int LOWEST_MIDI = 12;
    private static final int HIGHEST_MIDI = 120;

    private PitchEstimator() {}

    /** The most salient MIDI pitch, or -1 for silence. */
    public static int midiPitch(Audio audio) {
        Audio mono = audio.toMono();
        double[] spectrum = averagedMagnitude(mono.samples());
        if (spectrum == null) {
            return -1;
        }
        double binHz = mono.sampleRate() / (double) FRAME;
        int best = -1;
        double bestScore = 0;
        for (int m = LOWEST_MIDI; m <= HIGHEST_MIDI; m++) {
            double f0 = 440.0 * Math.pow(2, (m - 69) / 12.0);
            double score = 0;
            double weight = 1;
            for (int h = 1; h <= HARMONICS; h++, weight *= HARMONIC_DECAY) {
                double f = h * f0;
                if (f > mono.sampleRate() * 0.45) {
                    break;
                }
                score += weight * peakNear(spectrum, f / binHz, f * 0.0293 / binHz); // ±half a semitone
            }
            if (score > bestScore) {
                bestScore = score;
                best = m;
            }
        }
        return best;
    }

    /** The estimated pitch class 0..11 (C = 0), or -1 for silence. */
    public static int pitchClass(Audio audio) {
        int m = midiPitch(audio);
        return m < 0 ? -1 : m % 12;
    }

    private static double peakNear(double[] spectrum, double centreBin, double halfWidthBins) {
        int lo = (int) Math.floor(centreBin - Math.max(1, halfWidthBins));
        int hi = (int) Math.ceil(centreBin + Math.max(1, halfWidthBins));
        double peak = 0;
        for (int k = Math.max(1, lo); k <= Math.min(spectrum.length - 1, hi); k++) {
            peak = Math.max(peak, spectrum[k]);
        }
        return peak;
    }

    /** Square-root-compressed magnitude spectrum averaged over Hann-windowed, half-overlapping frames. */
    private static double[] averagedMagnitude(float[] x) {
        double[] window = new double[FRAME];
        for (int i = 0; i < FRAME; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / FRAME);
        }
        double[] sum = new double[FRAME / 2];
        double[] frame = new double[FRAME];
        DoubleFFT_1D fft = new DoubleFFT_1D(FRAME);
        int frames = 0;
        double energy = 0;
        for (int start = 0; start == 0 || start + FRAME <= x.length; start += FRAME / 2) {
            for (int i = 0; i < FRAME; i++) {
                int j = start + i;
                frame[i] = j < x.length ? x[j] * window[i] : 0;
                energy += frame[i] * frame[i];
            }
            fft.realForward(frame);
            for (int k = 1; k < FRAME / 2; k++) {
                double re = frame[2 * k];
                double im = frame[2 * k + 1];
                sum[k] += Math.sqrt(Math.sqrt(re * re + im * im));
            }
            frames++;
        }
        return energy == 0 ? null : sum;
    }
}
