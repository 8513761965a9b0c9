package org.musicrfm.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Model-free tempo estimate of a click track: onsets are peaks of a 2 ms energy-rise envelope,
 * the beat period is the median inter-onset interval refined by a least-squares fit of onset
 * times to a beat grid. Octave errors are not folded away, so they show up as errors.
 */
public final class TempoEstimator {

    private static final double HOP_SECONDS = 0.002;
    private static final double MIN_ONSET_GAP_SECONDS = 0.15;

    private TempoEstimator() {}

    /** Beats per minute, or NaN when fewer than three onsets are found. */
    public static double bpm(Audio audio) {
        double[] onsets = onsetTimes(audio.toMono());
        if (onsets.length < 3) {
            return Double.NaN;
        }
        double[] gaps = new double[onsets.length - 1];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = onsets[i + 1] - onsets[i];
        }
        double period = median(gaps);
        // Refine: assign each onset an integer beat index on the rough grid and fit time = a + period·index.
        double n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (double t : onsets) {
            double k = Math.rint((t - onsets[0]) / period);
            n++;
            sx += k;
            sy += t;
            sxx += k * k;
            sxy += k * t;
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return 60.0 / slope;
    }

    /** Onset times in seconds: local maxima of the positive energy difference above an adaptive threshold. */
    static double[] onsetTimes(Audio mono) {
        int hop = Math.max(1, (int) Math.round(mono.sampleRate() * HOP_SECONDS));
        float[] x = mono.samples();
        int frames = x.length / hop;
        double[] energy = new double[frames];
        for (int f = 0; f < frames; f++) {
            double e = 0;
            for (int i = f * hop; i < (f + 1) * hop; i++) {
                e += x[i] * x[i];
            }
            energy[f] = Math.log1p(1e4 * e / hop);
        }
        double[] rise = new double[frames];
        for (int f = 2; f < frames; f++) {
            rise[f] = Math.max(0, energy[f] - energy[f - 2]);
        }
        double max = Arrays.stream(rise).max().orElse(0);
        if (max == 0) {
            return new double[0];
        }
        double threshold = 0.3 * max;
        int minGap = (int) Math.round(MIN_ONSET_GAP_SECONDS / HOP_SECONDS);
        List<Double> times = new ArrayList<>();
        int last = -minGap;
        for (int f = 1; f < frames - 1; f++) {
            if (rise[f] >= threshold && rise[f] >= rise[f - 1] && rise[f] > rise[f + 1] && f - last >= minGap) {
                times.add(f * hop / (double) mono.sampleRate());
                last = f;
            }
        }
        return times.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : 0.5 * (v[m - 1] + v[m]);
    }
}
