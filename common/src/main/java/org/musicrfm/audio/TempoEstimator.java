package org.musicrfm.audio;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Model-free tempo estimate for clicks and real music from the periodicity of an onset-strength
 * envelope:
 * <ol>
 *   <li>onset strength o(t): spectral flux of the log-compressed magnitude STFT (Hann,
 *       {@value #FRAME_SECONDS} s frames, {@value #FRAMES_PER_SECOND} frames per second),
 *       log(1 + 1000·|X|/max|X|), half-wave rectified and summed over 0–{@value #MAX_HZ} Hz, mean
 *       removed;</li>
 *   <li>its autocorrelation A(τ) (unbiased: divided by the overlap N − τ, then by A(0)), read at
 *       fractional lags by linear interpolation;</li>
 *   <li>for each tempo b in {@value #MIN_BPM}–{@value #MAX_BPM} BPM (0.05 BPM steps) with beat lag
 *       τ_b: the comb mean C(b) = mean_k A(k·τ_b) and the comb sum S(b) = Σ_k A(k·τ_b) over the
 *       multiples k·τ_b ≤ {@value #MAX_LAG_SHARE} of the clip;</li>
 *   <li>the first choice maximises w(b)·C(b), w a log-normal prior centred at {@value #PRIOR_BPM}
 *       BPM with σ = {@value #PRIOR_OCTAVES} octaves (Ellis 2007; librosa);</li>
 *   <li>octave handling: among the first choice's multiples and divisions by 2 and 3 inside the
 *       range (each refined to its local maximum), those whose comb mean reaches
 *       {@value #OCTAVE_SHARE} of the first choice's are plausible (a tempo whose every other beat
 *       is empty is not); the plausible one maximising w(b)·S(b) is the answer, so a faster level
 *       whose beats are all present wins unless the prior strongly disagrees.</li>
 * </ol>
 */
public final class TempoEstimator {

    public static final double FRAME_SECONDS = 0.032;
    public static final int FRAMES_PER_SECOND = 200;
    public static final double MAX_HZ = 8000;
    public static final double MIN_BPM = 40;
    public static final double MAX_BPM = 240;
    public static final double PRIOR_BPM = 120;
    public static final double PRIOR_OCTAVES = 1.0;
    public static final double MAX_LAG_SHARE = 0.75;
    public static final double OCTAVE_SHARE = 0.7;
    private static final double STEP_BPM = 0.05;

    private TempoEstimator() {}

    /** Beats per minute, or NaN for silence or a clip too short for two beats at the slowest tempo. */
    public static double bpm(Audio audio) {
        double[] o = onsetStrength(audio);
        int maxLag = (int) (MAX_LAG_SHARE * o.length);
        if (o.length == 0 || maxLag < lag(MAX_BPM) + 2) {
            return Double.NaN;
        }
        double[] a = autocorrelation(o, maxLag + 1);
        if (a == null) {
            return Double.NaN;
        }
        int n = (int) Math.round((MAX_BPM - MIN_BPM) / STEP_BPM) + 1;
        double best = Double.NaN;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double b = MIN_BPM + i * STEP_BPM;
            double s = prior(b) * combMean(a, lag(b), maxLag);
            if (s > bestScore) {
                bestScore = s;
                best = b;
            }
        }
        if (Double.isNaN(best)) {
            return Double.NaN;
        }
        double firstMean = combMean(a, lag(best), maxLag);
        double answer = best;
        double answerScore = prior(best) * combSum(a, lag(best), maxLag);
        for (double ratio : new double[] {2, 3, 0.5, 1.0 / 3}) {
            double c = refine(a, best * ratio, maxLag);
            if (Double.isNaN(c)) {
                continue;
            }
            double mean = combMean(a, lag(c), maxLag);
            double score = prior(c) * combSum(a, lag(c), maxLag);
            if (mean >= OCTAVE_SHARE * firstMean && score > answerScore) {
                answer = c;
                answerScore = score;
            }
        }
        return answer;
    }

    /** The local maximum of the comb mean within ±4 % of b, or NaN outside the range. */
    private static double refine(double[] a, double b, int maxLag) {
        if (b < MIN_BPM || b > MAX_BPM) {
            return Double.NaN;
        }
        double best = b;
        double bestMean = Double.NEGATIVE_INFINITY;
        for (double c = Math.max(MIN_BPM, b * 0.96); c <= Math.min(MAX_BPM, b * 1.04); c += STEP_BPM) {
            double m = combMean(a, lag(c), maxLag);
            if (m > bestMean) {
                bestMean = m;
                best = c;
            }
        }
        return best;
    }

    static double lag(double bpm) {
        return 60.0 * FRAMES_PER_SECOND / bpm;
    }

    static double prior(double bpm) {
        double z = Math.log(bpm / PRIOR_BPM) / Math.log(2) / PRIOR_OCTAVES;
        return Math.exp(-0.5 * z * z);
    }

    private static double combMean(double[] a, double lag, int maxLag) {
        int k = 0;
        double s = 0;
        for (double l = lag; l <= maxLag; l += lag) {
            s += at(a, l);
            k++;
        }
        return k == 0 ? Double.NEGATIVE_INFINITY : s / k;
    }

    private static double combSum(double[] a, double lag, int maxLag) {
        double s = 0;
        for (double l = lag; l <= maxLag; l += lag) {
            s += at(a, l);
        }
        return s;
    }

    private static double at(double[] a, double lag) {
        int i = (int) Math.floor(lag);
        if (i + 1 >= a.length) {
            return a[a.length - 1];
        }
        double f = lag - i;
        return (1 - f) * a[i] + f * a[i + 1];
    }

    /** A(τ) / A(0) for τ &lt; lags, A(τ) = Σ o(t)o(t+τ) / (N − τ); null when o is constant. */
    static double[] autocorrelation(double[] o, int lags) {
        int n = o.length;
        double[] a = new double[Math.min(lags, n)];
        for (int tau = 0; tau < a.length; tau++) {
            double s = 0;
            for (int t = 0; t + tau < n; t++) {
                s += o[t] * o[t + tau];
            }
            a[tau] = s / (n - tau);
        }
        if (!(a[0] > 0)) {
            return null;
        }
        double a0 = a[0];
        for (int tau = 0; tau < a.length; tau++) {
            a[tau] /= a0;
        }
        return a;
    }

    /** Onset strength at {@value #FRAMES_PER_SECOND} frames per second, mean removed; empty for silence. */
    public static double[] onsetStrength(Audio audio) {
        Audio mono = audio.toMono();
        float[] x = mono.samples();
        int sr = mono.sampleRate();
        int frame = Integer.highestOneBit((int) Math.round(FRAME_SECONDS * sr) - 1) << 1;
        double hop = sr / (double) FRAMES_PER_SECOND;
        int frames = (int) Math.floor(x.length / hop);
        int bins = Math.min(frame / 2, (int) (MAX_HZ * frame / sr));
        double[] window = new double[frame];
        for (int i = 0; i < frame; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / frame);
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(frame);
        double[][] mag = new double[frames][bins];
        double max = 0;
        double[] buf = new double[frame];
        for (int f = 0; f < frames; f++) {
            int centre = (int) Math.round(f * hop);
            for (int i = 0; i < frame; i++) {
                int j = centre - frame / 2 + i;
                buf[i] = j >= 0 && j < x.length ? x[j] * window[i] : 0;
            }
            fft.realForward(buf);
            for (int k = 1; k < bins; k++) {
                mag[f][k] = Math.hypot(buf[2 * k], buf[2 * k + 1]);
                max = Math.max(max, mag[f][k]);
            }
        }
        if (max == 0) {
            return new double[0];
        }
        double[] o = new double[frames];
        double[] prev = new double[bins];
        for (int f = 0; f < frames; f++) {
            double s = 0;
            for (int k = 1; k < bins; k++) {
                double l = Math.log1p(1000 * mag[f][k] / max);
                if (f > 0) {
                    s += Math.max(0, l - prev[k]);
                }
                prev[k] = l;
            }
            o[f] = s;
        }
        double mean = 0;
        for (double v : o) {
            mean += v;
        }
        mean /= frames;
        for (int f = 0; f < frames; f++) {
            o[f] -= mean;
        }
        return o;
    }
}
