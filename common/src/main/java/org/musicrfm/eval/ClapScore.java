package org.musicrfm.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * CLAP score statistics (Wu et al. 2023; the MusicRFM paper's text–audio adherence): each clip's
 * score is the cosine sᵢ = ⟨aᵢ, tᵢ⟩ / (‖aᵢ‖‖tᵢ‖) of its audio embedding aᵢ with the text
 * embedding tᵢ of its prompt (CLAP embeddings are L2-normalised already; the cosine makes that
 * irrelevant). The set is summarised by the mean s̄ = Σ sᵢ / n and a percentile bootstrap
 * confidence interval (Efron &amp; Tibshirani 1993, §13.3): B resamples of n clips with
 * replacement drawn from a seeded generator, the interval being the (α/2, 1 − α/2) quantiles of
 * the resampled means (linear interpolation between order statistics, as {@code numpy.quantile}).
 */
public final class ClapScore {

    private ClapScore() {}

    /**
     * @param mean        s̄
     * @param lower       lower bound of the interval
     * @param upper       upper bound of the interval
     * @param n           number of clips
     * @param confidence  1 − α
     * @param resamples   B
     */
    public record Summary(double mean, double lower, double upper, int n, double confidence, int resamples) {}

    /** Cosine of each row of audio with the same row of text (n × d each). */
    public static double[] perClip(double[][] audio, double[][] text) {
        Embeddings.check(audio, "audio embeddings", 1);
        Embeddings.check(text, "text embeddings", 1);
        Embeddings.sameDim(audio, text);
        if (audio.length != text.length) {
            throw new IllegalArgumentException(audio.length + " audio embeddings but " + text.length
                    + " text embeddings: one text embedding per clip is needed");
        }
        double[] s = new double[audio.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = cosine(audio[i], text[i], i);
        }
        return s;
    }

    /** Mean and a percentile bootstrap interval of per-clip scores. */
    public static Summary summarize(double[] scores, double confidence, int resamples, long seed) {
        if (scores.length == 0) {
            throw new IllegalArgumentException("no CLAP scores to summarise");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        if (resamples < 1) {
            throw new IllegalArgumentException("bootstrap resamples must be positive, got " + resamples);
        }
        int n = scores.length;
        double mean = mean(scores);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += scores[rng.nextInt(n)];
            }
            means[b] = sum / n;
        }
        Arrays.sort(means);
        double alpha = 1 - confidence;
        return new Summary(mean, quantile(means, alpha / 2), quantile(means, 1 - alpha / 2), n, confidence, resamples);
    }

    /** The q-quantile of sorted values, linear between order statistics (numpy's default). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double cosine(double[] a, double[] t, int row) {
        double dot = 0;
        double na = 0;
        double nt = 0;
        for (int j = 0; j < a.length; j++) {
            dot += a[j] * t[j];
            na += a[j] * a[j];
            nt += t[j] * t[j];
        }
        if (na == 0 || nt == 0) {
            throw new IllegalArgumentException("clip " + row + ": " + (na == 0 ? "audio" : "text")
                    + " embedding is all zeros, the cosine is undefined");
        }
        return dot / Math.sqrt(na * nt);
    }
}
