package org.musicrfm.model;

import static org.assertj.core.api.Assertions.assertThat;

/** Relative Frobenius error {@code ||got - want|| / ||want||}, computed in double, printed and asserted. */
public final class Parity {

    /**
     * The float32 parity bound against transformers: the port measures near 1e-7 (summation order only),
     * so an error above 1e-4 is a bug, not rounding. Never loosen it to pass.
     */
    public static final double FLOAT32_TOLERANCE = 1e-4;

    private Parity() {}

    public static double relativeError(float[] got, float[] want) {
        assertThat(got).as("length").hasSize(want.length);
        double num = 0;
        double den = 0;
        for (int i = 0; i < want.length; i++) {
            double d = (double) got[i] - want[i];
            num += d * d;
            den += (double) want[i] * want[i];
        }
        return Math.sqrt(num / den);
    }

    /** Asserts the float32 bound and prints the measured error for the report. */
    public static double assertClose(String what, float[] got, float[] want) {
        double err = relativeError(got, want);
        System.out.printf("parity %-45s rel.err %.3e%n", what, err);
        assertThat(err).as(what + " relative Frobenius error").isLessThanOrEqualTo(FLOAT32_TOLERANCE);
        return err;
    }
}
