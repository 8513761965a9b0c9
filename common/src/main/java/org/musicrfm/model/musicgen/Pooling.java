package org.musicrfm.model.musicgen;

/**
 * How a layer's {@code [T, H]} states become one clip's vector.
 * {@link #MEANSTD} is the mean followed by the <em>population</em> standard deviation (divided by
 * {@code T}, not {@code T - 1}) over time, {@code 2H} values; {@link #SEQUENCE} keeps every frame,
 * {@code T * H} values row-major (frame-major).
 */
public enum Pooling {
    MEAN, LAST, MAX, MEANSTD, SEQUENCE;

    /** Values per clip for {@code frames} frames of width {@code hidden}. */
    public int width(int frames, int hidden) {
        return switch (this) {
            case MEAN, LAST, MAX -> hidden;
            case MEANSTD -> 2 * hidden;
            case SEQUENCE -> frames * hidden;
        };
    }

    /** The lower-case name used in the activation table. */
    public String label() {
        return name().toLowerCase();
    }
}
