package org.musicrfm.rfm.backend;

import java.util.function.Supplier;
import org.musicrfm.rfm.linalg.Blas;
import org.musicrfm.rfm.linalg.Mat;

/**
 * Robust solve of (K + reg·I)·α = Y: Cholesky on the lower triangle; if the matrix is not
 * numerically positive definite, LU on the full matrix (the answer xRFM's torch.linalg.solve
 * gives); if that is singular, LU after adding 1 % of the Gershgorin bound (largest absolute row
 * sum) to the diagonal, as xRFM does.
 */
final class CpuSolver {

    /** α and how it was obtained. */
    record Solution(Mat alpha, SolveReport report) {}

    private CpuSolver() {}

    /**
     * @param packed K + reg·I in its lower triangle (overwritten by the Cholesky factor; the strict
     *               upper triangle is not touched)
     * @param full   rebuilds the full symmetric K + reg·I, only called if Cholesky fails
     */
    static Solution solve(Mat packed, Mat y, Supplier<Mat> full) {
        Mat alpha = y.to(packed.precision());
        if (Blas.potrfLower(packed) == 0) {
            Blas.potrsLower(packed, alpha);
            return new Solution(alpha, SolveReport.cholesky());
        }
        Mat a = full.get();
        double bound = maxAbsRowSum(a);
        alpha = y.to(packed.precision());
        if (Blas.luSolve(a, alpha) == 0 && allFinite(alpha)) {
            return new Solution(alpha, new SolveReport(SolveReport.Method.LU, 0.0));
        }
        a = full.get();
        double shift = 1e-2 * bound;
        for (int i = 0; i < a.rows(); i++) {
            a.set(i, i, a.get(i, i) + shift);
        }
        alpha = y.to(packed.precision());
        int info = Blas.luSolve(a, alpha);
        if (info != 0 || !allFinite(alpha)) {
            throw new ArithmeticException("kernel system of size " + a.rows() + " is singular even after adding "
                    + shift + " (1% of the Gershgorin bound) to its diagonal");
        }
        return new Solution(alpha, new SolveReport(SolveReport.Method.SHIFTED_LU, shift));
    }

    static double maxAbsRowSum(Mat a) {
        int n = a.rows();
        double[] sums = new double[n];
        for (int j = 0; j < a.cols(); j++) {
            for (int i = 0; i < n; i++) {
                sums[i] += Math.abs(a.at(i + j * n));
            }
        }
        double m = 0;
        for (double s : sums) {
            m = Math.max(m, s);
        }
        return m;
    }

    private static boolean allFinite(Mat m) {
        for (int k = 0; k < m.size(); k++) {
            if (!Double.isFinite(m.at(k))) {
                return false;
            }
        }
        return true;
    }
}
