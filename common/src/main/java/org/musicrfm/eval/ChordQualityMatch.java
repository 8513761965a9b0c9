package org.musicrfm.eval;

/**
 * Chord-quality template match: the pitch-class distribution p is compared with binary triad
 * templates t (1 on the chord's three pitch classes) of every root and quality by the cosine
 * ⟨p, t⟩ / (‖p‖‖t‖); the best (root, quality) wins. Qualities: major (0, 4, 7), minor (0, 3, 7),
 * augmented (0, 4, 8), diminished (0, 3, 6) — SynTheory's chord types. The augmented triad is
 * symmetric, so its root is defined only up to major thirds.
 */
public final class ChordQualityMatch {

    /** Triad qualities with their intervals above the root and SynTheory's labels. */
    public enum Quality {
        MAJOR("major", 0, 4, 7), MINOR("minor", 0, 3, 7), AUGMENTED("aug", 0, 4, 8), DIMINISHED("dim", 0, 3, 6);

        private final String label;
        private final int[] intervals;

        Quality(String label, int... intervals) {
            this.label = label;
            this.intervals = intervals;
        }

        /** SynTheory's {@code chord_type} label. */
        public String label() {
            return label;
        }

        /** Parses a {@code chord_type} label. */
        public static Quality parse(String label) {
            for (Quality q : values()) {
                if (q.label.equals(label)) {
                    return q;
                }
            }
            throw new IllegalArgumentException("unknown chord quality '" + label + "' (expected major, minor, aug, dim)");
        }
    }

    /**
     * @param root      pitch class of the best chord's root
     * @param quality   its quality
     * @param score     its cosine
     * @param byQuality best cosine over roots, per quality (in {@link Quality} order)
     */
    public record Match(int root, Quality quality, double score, double[] byQuality) {}

    private ChordQualityMatch() {}

    public static Match of(PitchClassDistribution pcd) {
        if (pcd.silent()) {
            throw new IllegalArgumentException("cannot match a chord to silence");
        }
        double[] p = pcd.shares();
        double norm = 0;
        for (double v : p) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        Quality[] qs = Quality.values();
        double[] byQuality = new double[qs.length];
        int bestRoot = 0;
        Quality best = qs[0];
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int q = 0; q < qs.length; q++) {
            byQuality[q] = Double.NEGATIVE_INFINITY;
            for (int root = 0; root < 12; root++) {
                double dot = 0;
                for (int iv : qs[q].intervals) {
                    dot += p[(root + iv) % 12];
                }
                double cos = dot / (norm * Math.sqrt(3));
                byQuality[q] = Math.max(byQuality[q], cos);
                if (cos > bestScore) {
                    bestScore = cos;
                    best = qs[q];
                    bestRoot = root;
                }
            }
        }
        return new Match(bestRoot, best, bestScore, byQuality);
    }
}
