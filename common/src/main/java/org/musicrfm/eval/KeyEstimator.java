package org.musicrfm.eval;

import org.musicrfm.rfm.Metrics;

/**
 * Key estimation by profile correlation (Krumhansl &amp; Schmuckler; Krumhansl 1990): the
 * pitch-class distribution is correlated (Pearson) with each of the 24 rotations of a major and a
 * minor key profile, and the best-correlated key wins. Profiles: Krumhansl–Kessler probe-tone
 * ratings (1982), or Temperley's Kostka–Payne corpus profiles (2007).
 */
public final class KeyEstimator {

    /** Key profiles, index 0 = tonic. */
    public enum Profile {
        KRUMHANSL(new double[] {6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88},
                new double[] {6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17}),
        TEMPERLEY(new double[] {0.748, 0.060, 0.488, 0.082, 0.670, 0.460, 0.096, 0.715, 0.104, 0.366, 0.057, 0.400},
                new double[] {0.712, 0.084, 0.474, 0.618, 0.049, 0.460, 0.105, 0.747, 0.404, 0.067, 0.133, 0.330});

        private final double[] major;
        private final double[] minor;

        Profile(double[] major, double[] minor) {
            this.major = major;
            this.minor = minor;
        }
    }

    /**
     * @param tonic       pitch class of the tonic, 0 (C) … 11
     * @param major       major (true) or minor
     * @param correlation its Pearson correlation with the distribution
     * @param correlations all 24: index tonic for major keys, 12 + tonic for minor keys
     */
    public record Key(int tonic, boolean major, double correlation, double[] correlations) {

        /** e.g. "A minor". */
        public String name() {
            return NAMES[tonic] + (major ? " major" : " minor");
        }
    }

    private static final String[] NAMES = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};

    private KeyEstimator() {}

    public static Key estimate(PitchClassDistribution pcd, Profile profile) {
        if (pcd.silent()) {
            throw new IllegalArgumentException("cannot estimate the key of silence");
        }
        double[] r = new double[24];
        int best = 0;
        for (int k = 0; k < 24; k++) {
            double[] prof = k < 12 ? profile.major : profile.minor;
            int tonic = k % 12;
            double[] rotated = new double[12];
            for (int i = 0; i < 12; i++) {
                rotated[(i + tonic) % 12] = prof[i];
            }
            r[k] = pearson(pcd.shares(), rotated);
            if (r[k] > r[best]) {
                best = k;
            }
        }
        return new Key(best % 12, best < 12, r[best], r);
    }

    /** Pearson correlation; 0 for a constant profile (where it is undefined). */
    static double pearson(double[] a, double[] b) {
        double r = Metrics.pearson(a, b);
        return Double.isNaN(r) ? 0 : r;
    }
}
