package org.musicrfm.dataset;

import java.util.List;

/** A meter {@code numerator/denominator}; {@link #ALL} lists SynTheory's eight, in its order. */
public record TimeSignature(int numerator, int denominator) {

    public static final TimeSignature COMMON = new TimeSignature(4, 4);

    public static final List<TimeSignature> ALL = List.of(
            new TimeSignature(2, 2), new TimeSignature(2, 4), new TimeSignature(3, 4),
            new TimeSignature(3, 8), COMMON, new TimeSignature(6, 8), new TimeSignature(9, 8),
            new TimeSignature(12, 8));

    public TimeSignature {
        if (numerator < 1 || Integer.bitCount(denominator) != 1) {
            throw new IllegalArgumentException("time signature " + numerator + "/" + denominator
                    + ": expected numerator >= 1 and a power-of-two denominator");
        }
    }

    /**
     * SynTheory's compound rule: numerator % 3 == 0 and denominator != 4, which makes 3/8, 6/8,
     * 9/8 and 12/8 compound (their clicks fall on eighths).
     */
    public boolean isCompound() {
        return numerator % 3 == 0 && denominator != 4;
    }

    /** The label SynTheory writes to info.csv: the Python tuple, e.g. {@code "(6, 8)"}. */
    public String label() {
        return "(" + numerator + ", " + denominator + ")";
    }

    /** The form used in file names, e.g. {@code 6_8}. */
    public String fileName() {
        return numerator + "_" + denominator;
    }
}
