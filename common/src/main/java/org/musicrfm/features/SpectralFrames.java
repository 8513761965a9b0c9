package org.musicrfm.features;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Short-time spectral frames of mono audio: log-mel energies, chroma (power folded onto the 12
 * pitch classes, each frame summing to 1) and an onset envelope (positive log-mel flux).
 * Hann window {@value #FRAME} samples, hop {@value #HOP}; mel filters triangular on the HTK mel
 * scale from {@value #F_MIN} Hz to the Nyquist frequency.
 *
 * @param logMel [frames][bands] ln(1e-6 + mel energy)
 * @param chroma [frames][12], C = 0
 * @param onset  [frames] Σ_b max(0, logMel[t][b] − logMel[t−1][b]) (0 at t = 0)
 * @param framesPerSecond frame rate
 */
public record SpectralFrames(double[][] logMel, double[][] chroma, double[] onset, double framesPerSecond) {

    public static final int FRAME = 1024;
    public static final int HOP = 256;
    public static final double F_MIN = 30.0;

    /** Frames of {@code samples} at {@code sampleRate} with {@code bands} mel bands. */
    public static SpectralFrames of(float[] samples, int sampleRate, int bands) {
        int frames = Math.max(1, 1 + (samples.length - FRAME) / HOP);
        int bins = FRAME / 2 + 1;
        double[] window = new double[FRAME];
        for (int i = 0; i < FRAME; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / FRAME);
        }
        double[][] mel = melFilters(bands, bins, sampleRate);
        int[] pitchClass = new int[bins];
        for (int k = 0; k < bins; k++) {
            double f = k * (double) sampleRate / FRAME;
            pitchClass[k] = f < F_MIN ? -1 : Math.floorMod((int) Math.round(12 * Math.log(f / 440.0) / Math.log(2) + 69), 12);
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(FRAME);
        double[][] logMel = new double[frames][bands];
        double[][] chroma = new double[frames][12];
        double[] onset = new double[frames];
        double[] buf = new double[FRAME];
        double[] power = new double[bins];
        for (int t = 0; t < frames; t++) {
            int start = t * HOP;
            for (int i = 0; i < FRAME; i++) {
                int s = start + i;
                buf[i] = s < samples.length ? samples[s] * window[i] : 0.0;
            }
            fft.realForward(buf); // [Re0, Re(n/2), Re1, Im1, …]
            power[0] = buf[0] * buf[0];
            power[bins - 1] = buf[1] * buf[1];
            for (int k = 1; k < bins - 1; k++) {
                power[k] = buf[2 * k] * buf[2 * k] + buf[2 * k + 1] * buf[2 * k + 1];
            }
            for (int b = 0; b < bands; b++) {
                double e = 0;
                for (int k = 0; k < bins; k++) {
                    e += mel[b][k] * power[k];
                }
                logMel[t][b] = Math.log(1e-6 + e);
            }
            double total = 0;
            for (int k = 0; k < bins; k++) {
                if (pitchClass[k] >= 0) {
                    chroma[t][pitchClass[k]] += power[k];
                    total += power[k];
                }
            }
            for (int c = 0; c < 12; c++) {
                chroma[t][c] = total > 0 ? chroma[t][c] / total : 1.0 / 12;
            }
            if (t > 0) {
                double flux = 0;
                for (int b = 0; b < bands; b++) {
                    flux += Math.max(0, logMel[t][b] - logMel[t - 1][b]);
                }
                onset[t] = flux;
            }
        }
        return new SpectralFrames(logMel, chroma, onset, (double) sampleRate / HOP);
    }

    private static double[][] melFilters(int bands, int bins, int sampleRate) {
        double lo = hzToMel(F_MIN);
        double hi = hzToMel(sampleRate / 2.0);
        double[] edges = new double[bands + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = melToHz(lo + (hi - lo) * i / (bands + 1));
        }
        double[][] w = new double[bands][bins];
        for (int b = 0; b < bands; b++) {
            for (int k = 0; k < bins; k++) {
                double f = k * (double) sampleRate / FRAME;
                double up = (f - edges[b]) / (edges[b + 1] - edges[b]);
                double down = (edges[b + 2] - f) / (edges[b + 2] - edges[b + 1]);
                w[b][k] = Math.max(0, Math.min(up, down));
            }
        }
        return w;
    }

    private static double hzToMel(double f) {
        return 2595 * Math.log10(1 + f / 700);
    }

    private static double melToHz(double m) {
        return 700 * (Math.pow(10, m / 2595) - 1);
    }
}
