package org.musicrfm.model.musicgen;

import java.util.Arrays;

/**
 * Picks a code from one row of logits: argmax (torch's tie rule: the first maximum), or top-k then
 * temperature softmax sampling by inverse CDF with a given uniform {@code u}, keeping every logit at
 * least the k-th largest (ties kept, as transformers' top-k warper).
 */
final class TokenSampler {

    private TokenSampler() {}

    /** First index of the largest of {@code x[at, at + n)}. */
    static int argMax(float[] x, int at, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (x[at + j] > x[at + best]) {
                best = j;
            }
        }
        return best;
    }

    /** A draw from {@code softmax(x[at, at + n) / temperature)} restricted to the top {@code topK}, at uniform {@code u}. */
    static int sample(float[] x, int at, int n, int topK, double temperature, double u) {
        int k = Math.min(topK, n);
        float[] sorted = Arrays.copyOfRange(x, at, at + n);
        Arrays.sort(sorted);
        float threshold = sorted[n - k];
        float max = sorted[n - 1];
        double total = 0;
        double[] w = new double[n];
        for (int j = 0; j < n; j++) {
            if (x[at + j] >= threshold) {
                w[j] = Math.exp((x[at + j] - max) / temperature);
                total += w[j];
            }
        }
        double target = u * total;
        double cum = 0;
        int lastKept = -1;
        for (int j = 0; j < n; j++) {
            if (w[j] > 0) {
                cum += w[j];
                lastKept = j;
                if (cum > target) {
                    return j;
                }
            }
        }
        return lastKept;
    }
}
