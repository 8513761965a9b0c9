package org.musicrfm.rfm.backend;

/**
 * How (K + reg·I)·α = y was solved: by Cholesky; by LU after Cholesky failed (what xRFM's
 * {@code torch.linalg.solve} would have returned); or by LU after adding {@code shift} (1 % of the
 * Gershgorin bound, the largest absolute row sum) to the diagonal, as xRFM does when its solve fails.
 */
public record SolveReport(Method method, double shift) {

    /** Solve path taken. */
    public enum Method { CHOLESKY, LU, SHIFTED_LU }

    public static SolveReport cholesky() {
        return new SolveReport(Method.CHOLESKY, 0.0);
    }
}
