package org.musicrfm.rfm.linalg;

/** Floating-point precision of the large arrays and of the BLAS/LAPACK calls that touch them. */
public enum Precision {
    FLOAT32,
    FLOAT64;

    /** Unit roundoff of this precision. */
    public double epsilon() {
        return this == FLOAT32 ? 0x1p-24 : 0x1p-53;
    }
}
