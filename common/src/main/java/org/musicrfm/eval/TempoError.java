package org.musicrfm.eval;

/**
 * Tempo error of estimates against target tempi (BPM): the mean absolute error
 * Σ|êᵢ − tᵢ| / n, the mean relative error Σ|êᵢ − tᵢ|/tᵢ / n, and the MIREX accuracies (Gouyon
 * et al. 2006): Acc1, the share within ±{@code tolerance} (relative, 4 % by convention) of the
 * target, and Acc2, the same allowing the octave errors ×2, ×3, ×½, ×⅓.
 */
public final class TempoError {

    /** The conventional relative tolerance of Acc1 and Acc2. */
    public static final double DEFAULT_TOLERANCE = 0.04;

    private static final double[] OCTAVES = {1.0, 2.0, 3.0, 0.5, 1.0 / 3.0};

    private TempoError() {}

    /**
     * @param meanAbsolute mean |ê − t| in BPM
     * @param meanRelative mean |ê − t| / t
     * @param acc1         share with |ê − t| ≤ tolerance·t
     * @param acc2         share with |ê − k·t| ≤ tolerance·k·t for some k in {1, 2, 3, ½, ⅓}
     */
    public record Result(double meanAbsolute, double meanRelative, double acc1, double acc2, int n) {}

    public static Result of(double[] estimate, double[] target, double tolerance) {
        if (estimate.length != target.length || target.length == 0) {
            throw new IllegalArgumentException(estimate.length + " tempo estimates for " + target.length
                    + " targets: need equally many, at least one");
        }
        double abs = 0;
        double rel = 0;
        int a1 = 0;
        int a2 = 0;
        for (int i = 0; i < target.length; i++) {
            if (!(target[i] > 0) || !Double.isFinite(estimate[i])) {
                throw new IllegalArgumentException("tempo " + i + ": estimate " + estimate[i] + ", target " + target[i]
                        + " (target must be positive, estimate finite)");
            }
            double e = Math.abs(estimate[i] - target[i]);
            abs += e;
            rel += e / target[i];
            if (within(estimate[i], target[i], tolerance)) {
                a1++;
            }
            if (withinOctave(estimate[i], target[i], tolerance)) {
                a2++;
            }
        }
        int n = target.length;
        return new Result(abs / n, rel / n, (double) a1 / n, (double) a2 / n, n);
    }

    /** Whether |ê − t| ≤ tolerance·t. */
    public static boolean within(double estimate, double target, double tolerance) {
        return Math.abs(estimate - target) <= tolerance * target;
    }

    /** Whether ê is within tolerance of t times 1, 2, 3, ½ or ⅓. */
    public static boolean withinOctave(double estimate, double target, double tolerance) {
        for (double k : OCTAVES) {
            if (within(estimate, k * target, tolerance)) {
                return true;
            }
        }
        return false;
    }
}
