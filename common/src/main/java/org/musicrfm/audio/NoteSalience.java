package org.musicrfm.audio;

import java.util.ArrayList;
import java.util.List;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Harmonic-aware note salience by non-negative least squares against harmonic note templates, in
 * the manner of NNLS Chroma (Mauch &amp; Dixon 2010):
 * <ol>
 *   <li>magnitude (not power) STFT, Hann window of {@value #FRAME_SECONDS} s (next power of two),
 *       hop a quarter frame;</li>
 *   <li>tuning τ (semitones, in [−½, ½)): the magnitude-weighted circular mean of the deviations
 *       of spectral peaks (parabolic interpolation, 60 Hz–5 kHz) from the equal-tempered grid
 *       around A4 = 440 Hz;</li>
 *   <li>a log-frequency spectrum of {@value #BINS_PER_SEMITONE} bins per semitone on the tuned grid
 *       (bin pitch p + τ; the maximum magnitude within ±⅙ semitone, or linear interpolation where
 *       that band is narrower than an FFT bin);</li>
 *   <li>a dictionary of one template per MIDI note {@value #LOWEST_NOTE}–{@value #HIGHEST_NOTE}:
 *       {@value #HARMONICS} partials at pitches n + 12·log₂h with amplitudes s^{h−1}, s =
 *       {@value #PARTIAL_DECAY}, spread by a triangular kernel of half-width ⅔ semitone (two bins),
 *       columns of unit norm;</li>
 *   <li>per frame, x ≥ 0 minimising ‖E·x − y‖² (coordinate descent on EᵀE), and the salience of a
 *       note is Σ_frames x.</li>
 * </ol>
 * A subharmonic of a played note would predict partials that are absent, so it does not explain
 * the spectrum better than the note itself: the low-octave errors of plain harmonic summation do
 * not arise.
 */
public final class NoteSalience {

    public static final double FRAME_SECONDS = 0.37;
    public static final int BINS_PER_SEMITONE = 3;
    public static final int LOWEST_NOTE = 21;
    public static final int HIGHEST_NOTE = 108;
    public static final int HARMONICS = 20;
    public static final double PARTIAL_DECAY = 0.75;
    private static final int SWEEPS = 150;
    /** Half-width of the triangular kernel that spreads a template's partial over log-frequency bins. */
    static final double KERNEL_BINS = 2;

    /**
     * @param salience note salience, index n − {@value #LOWEST_NOTE} for MIDI note n (magnitude units)
     * @param tuning   estimated tuning τ in semitones relative to A4 = 440 Hz
     * @param frames   STFT frames analysed
     */
    public record Result(double[] salience, double tuning, int frames) {

        /** Salience of MIDI note n (0 outside the analysed range). */
        public double note(int midi) {
            int i = midi - LOWEST_NOTE;
            return i < 0 || i >= salience.length ? 0 : salience[i];
        }

        /** Salience summed per pitch class (C = 0), normalised to sum 1 (all 0 for silence). */
        public double[] pitchClasses() {
            double[] pc = new double[12];
            double total = 0;
            for (int i = 0; i < salience.length; i++) {
                pc[(i + LOWEST_NOTE) % 12] += salience[i];
                total += salience[i];
            }
            if (total > 0) {
                for (int k = 0; k < 12; k++) {
                    pc[k] /= total;
                }
            }
            return pc;
        }

        /** The most salient MIDI note, or −1 when nothing sounds. */
        public int strongest() {
            int best = -1;
            double max = 0;
            for (int i = 0; i < salience.length; i++) {
                if (salience[i] > max) {
                    max = salience[i];
                    best = i + LOWEST_NOTE;
                }
            }
            return best;
        }
    }

    private NoteSalience() {}

    /** Analyses the mono mix of {@code audio}. */
    public static Result of(Audio audio) {
        Audio mono = audio.toMono();
        int sr = mono.sampleRate();
        int n = Integer.highestOneBit((int) Math.ceil(FRAME_SECONDS * sr) - 1) << 1;
        List<double[]> spectra = magnitudes(mono.samples(), n);
        int notes = HIGHEST_NOTE - LOWEST_NOTE + 1;
        if (spectra.isEmpty()) {
            return new Result(new double[notes], 0, 0);
        }
        double binHz = sr / (double) n;
        double tuning = tuning(spectra, binHz);
        double topPitch = Math.min(pitch(0.45 * sr), HIGHEST_NOTE + 12 * log2(HARMONICS) + 1);
        double bottomPitch = LOWEST_NOTE - 1;
        int bins = (int) Math.floor((topPitch - bottomPitch) * BINS_PER_SEMITONE);
        double[][] dict = dictionary(bins, bottomPitch, notes);
        double[][] gram = gram(dict, notes);
        double[] salience = new double[notes];
        double[] y = new double[bins];
        for (double[] mag : spectra) {
            for (int b = 0; b < bins; b++) {
                double p = bottomPitch + b / (double) BINS_PER_SEMITONE + tuning;
                y[b] = bandMax(mag, hz(p - 1.0 / 6) / binHz, hz(p + 1.0 / 6) / binHz, hz(p) / binHz);
            }
            double[] x = nnls(dict, gram, y, notes);
            for (int k = 0; k < notes; k++) {
                salience[k] += x[k];
            }
        }
        return new Result(salience, tuning, spectra.size());
    }

    /** Hann-windowed magnitude spectra of every full frame (at least one, zero-padded); empty for silence. */
    static List<double[]> magnitudes(float[] x, int n) {
        double[] window = new double[n];
        for (int i = 0; i < n; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        List<double[]> out = new ArrayList<>();
        double energy = 0;
        int hop = n / 4;
        for (int start = 0; start == 0 || start + n <= x.length; start += hop) {
            double[] frame = new double[n];
            for (int i = 0; i < n; i++) {
                int j = start + i;
                frame[i] = j < x.length ? x[j] * window[i] : 0;
                energy += frame[i] * frame[i];
            }
            fft.realForward(frame);
            double[] mag = new double[n / 2];
            for (int k = 1; k < n / 2; k++) {
                mag[k] = Math.hypot(frame[2 * k], frame[2 * k + 1]);
            }
            out.add(mag);
        }
        return energy == 0 ? List.of() : out;
    }

    /** Weighted circular mean of spectral peaks' deviation from the equal-tempered grid, in semitones. */
    static double tuning(List<double[]> spectra, double binHz) {
        double s = 0;
        double c = 0;
        for (double[] mag : spectra) {
            double max = 0;
            for (double v : mag) {
                max = Math.max(max, v);
            }
            int lo = Math.max(2, (int) (60 / binHz));
            int hi = Math.min(mag.length - 2, (int) (5000 / binHz));
            for (int k = lo; k <= hi; k++) {
                if (mag[k] > 0.05 * max && mag[k] > mag[k - 1] && mag[k] >= mag[k + 1]) {
                    double a = Math.log(mag[k - 1] + 1e-12);
                    double b = Math.log(mag[k] + 1e-12);
                    double d = Math.log(mag[k + 1] + 1e-12);
                    double offset = 0.5 * (a - d) / (a - 2 * b + d);
                    double p = pitch((k + offset) * binHz);
                    double dev = p - Math.rint(p);
                    s += mag[k] * Math.sin(2 * Math.PI * dev);
                    c += mag[k] * Math.cos(2 * Math.PI * dev);
                }
            }
        }
        if (s == 0 && c == 0) {
            return 0;
        }
        double t = Math.atan2(s, c) / (2 * Math.PI);
        return t >= 0.5 ? t - 1 : t;
    }

    private static double bandMax(double[] mag, double loBin, double hiBin, double centreBin) {
        int lo = (int) Math.ceil(loBin);
        int hi = (int) Math.floor(hiBin);
        if (hi < lo) {
            int k = (int) Math.floor(centreBin);
            if (k < 1 || k + 1 >= mag.length) {
                return 0;
            }
            double f = centreBin - k;
            return (1 - f) * mag[k] + f * mag[k + 1];
        }
        double m = 0;
        for (int k = Math.max(1, lo); k <= Math.min(mag.length - 1, hi); k++) {
            m = Math.max(m, mag[k]);
        }
        return m;
    }

    /** bins × notes templates, unit-norm columns. */
    static double[][] dictionary(int bins, double bottomPitch, int notes) {
        double[][] e = new double[notes][bins];
        for (int k = 0; k < notes; k++) {
            int note = LOWEST_NOTE + k;
            double amp = 1;
            for (int h = 1; h <= HARMONICS; h++, amp *= PARTIAL_DECAY) {
                double pos = (note + 12 * log2(h) - bottomPitch) * BINS_PER_SEMITONE;
                for (int b = (int) Math.ceil(pos - KERNEL_BINS); b <= Math.floor(pos + KERNEL_BINS); b++) {
                    if (b >= 0 && b < bins) {
                        e[k][b] += amp * Math.max(0, 1 - Math.abs(b - pos) / KERNEL_BINS);
                    }
                }
            }
            double norm = 0;
            for (double v : e[k]) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            for (int b = 0; b < bins; b++) {
                e[k][b] = norm > 0 ? e[k][b] / norm : 0;
            }
        }
        return e;
    }

    private static double[][] gram(double[][] e, int notes) {
        double[][] g = new double[notes][notes];
        for (int i = 0; i < notes; i++) {
            for (int j = i; j < notes; j++) {
                double s = 0;
                for (int b = 0; b < e[i].length; b++) {
                    s += e[i][b] * e[j][b];
                }
                g[i][j] = s;
                g[j][i] = s;
            }
        }
        return g;
    }

    /** min ‖E·x − y‖² over x ≥ 0 by cyclic coordinate descent. */
    static double[] nnls(double[][] e, double[][] g, double[] y, int notes) {
        double[] c = new double[notes];
        for (int k = 0; k < notes; k++) {
            double s = 0;
            for (int b = 0; b < y.length; b++) {
                s += e[k][b] * y[b];
            }
            c[k] = s;
        }
        double[] x = new double[notes];
        double[] gx = new double[notes];
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            double change = 0;
            for (int j = 0; j < notes; j++) {
                if (g[j][j] <= 0) {
                    continue;
                }
                double next = Math.max(0, x[j] + (c[j] - gx[j]) / g[j][j]);
                double delta = next - x[j];
                if (delta != 0) {
                    for (int i = 0; i < notes; i++) {
                        gx[i] += g[i][j] * delta;
                    }
                    x[j] = next;
                    change = Math.max(change, Math.abs(delta));
                }
            }
            if (change == 0) {
                break;
            }
        }
        return x;
    }

    static double pitch(double hz) {
        return 69 + 12 * log2(hz / 440.0);
    }

    static double hz(double pitch) {
        return 440.0 * Math.pow(2, (pitch - 69) / 12.0);
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }
}
