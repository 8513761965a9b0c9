package org.musicrfm.rfm;

import java.util.Arrays;

/** Evaluation metrics for probes: ROC AUC (ties get average ranks), accuracies, MSE and R². */
public final class Metrics {

    private Metrics() {}

    /**
     * Area under the ROC curve of {@code scores} for the binary {@code labels} (true = positive),
     * by the rank-sum (Mann–Whitney) formula with tied scores given their average rank; equals the
     * trapezoidal ROC area with ties. NaN when one class is absent.
     */
    public static double rocAuc(double[] scores, boolean[] labels) {
        int n = scores.length;
        if (labels.length != n) {
            throw new IllegalArgumentException(n + " scores but " + labels.length + " labels");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double positiveRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1.0; // ranks are 1-based
            for (int k = i; k <= j; k++) {
                if (labels[order[k]]) {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** AUC of scores against labels == positiveClass. */
    public static double rocAuc(double[] scores, int[] labels, int positiveClass) {
        boolean[] b = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            b[i] = labels[i] == positiveClass;
        }
        return rocAuc(scores, b);
    }

    /**
     * One-vs-rest ROC AUC averaged over the classes present in {@code labels} (sklearn's
     * {@code multi_class='ovr', average='macro'}), from class scores {@code probs[i][k]}.
     */
    public static double rocAucOneVsRest(double[][] probs, int[] labels) {
        int classes = probs.length == 0 ? 0 : probs[0].length;
        double sum = 0;
        int used = 0;
        for (int k = 0; k < classes; k++) {
            double[] s = new double[probs.length];
            for (int i = 0; i < probs.length; i++) {
                s[i] = probs[i][k];
            }
            double auc = rocAuc(s, labels, k);
            if (!Double.isNaN(auc)) {
                sum += auc;
                used++;
            }
        }
        return used == 0 ? Double.NaN : sum / used;
    }

    /** Fraction of equal entries. */
    public static double accuracy(int[] predicted, int[] truth) {
        check(predicted.length, truth.length);
        int hits = 0;
        for (int i = 0; i < truth.length; i++) {
            if (predicted[i] == truth[i]) {
                hits++;
            }
        }
        return truth.length == 0 ? Double.NaN : (double) hits / truth.length;
    }

    /** Mean over the classes present in {@code truth} of the per-class recall (balanced accuracy). */
    public static double meanPerClassAccuracy(int[] predicted, int[] truth) {
        check(predicted.length, truth.length);
        int classes = 0;
        for (int t : truth) {
            if (t < 0) {
                throw new IllegalArgumentException("negative class label " + t);
            }
            classes = Math.max(classes, t + 1);
        }
        int[] total = new int[classes];
        int[] hits = new int[classes];
        for (int i = 0; i < truth.length; i++) {
            total[truth[i]]++;
            if (predicted[i] == truth[i]) {
                hits[truth[i]]++;
            }
        }
        double sum = 0;
        int present = 0;
        for (int k = 0; k < classes; k++) {
            if (total[k] > 0) {
                sum += (double) hits[k] / total[k];
                present++;
            }
        }
        return present == 0 ? Double.NaN : sum / present;
    }

    /** Mean of squared differences over all entries. */
    public static double mse(double[] predicted, double[] truth) {
        check(predicted.length, truth.length);
        double s = 0;
        for (int i = 0; i < truth.length; i++) {
            double e = predicted[i] - truth[i];
            s += e * e;
        }
        return s / truth.length;
    }

    /** Coefficient of determination 1 − Σ(y − ŷ)² / Σ(y − ȳ)². */
    public static double r2(double[] predicted, double[] truth) {
        check(predicted.length, truth.length);
        double mean = 0;
        for (double t : truth) {
            mean += t;
        }
        mean /= truth.length;
        double res = 0;
        double tot = 0;
        for (int i = 0; i < truth.length; i++) {
            res += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
            tot += (truth[i] - mean) * (truth[i] - mean);
        }
        return 1.0 - res / tot;
    }

    /** Pearson correlation coefficient. */
    public static double pearson(double[] a, double[] b) {
        check(a.length, b.length);
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    private static void check(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("length mismatch: " + a + " predictions vs " + b + " targets");
        }
    }
}
