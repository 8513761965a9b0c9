package org.musicrfm.dataset;

/**
 * Triad inversions with SynTheory's figured-bass labels: "5" root position, "6" the root moved
 * up an octave, "64" root and third moved up an octave.
 */
public enum Inversion {
    ROOT("5"),
    FIRST("6"),
    SECOND("64");

    private final String label;

    Inversion(String label) {
        this.label = label;
    }

    /** SynTheory's {@code inversion} value. */
    public String label() {
        return label;
    }

    /** Applies this inversion to a root-position triad (root, third, fifth). */
    public int[] apply(int[] triad) {
        return switch (this) {
            case ROOT -> triad.clone();
            case FIRST -> new int[] {triad[1], triad[2], triad[0] + 12};
            case SECOND -> new int[] {triad[2], triad[0] + 12, triad[1] + 12};
        };
    }
}
