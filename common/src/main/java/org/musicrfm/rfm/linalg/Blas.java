package org.musicrfm.rfm.linalg;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * The BLAS and LAPACK calls the RFM code uses, on {@link Mat}s, dispatched to the single- or
 * double-precision routine by the matrices' precision. Backed by {@code dev.ludovic.netlib}
 * (native OpenBLAS when the system has it). All operands of one call share one precision.
 */
public final class Blas {

    private static final BLAS BLAS_ = BLAS.getInstance();
    private static final LAPACK LAPACK_ = LAPACK.getInstance();

    private Blas() {}

    /** Names the netlib implementations in use (e.g. JNIBLAS when native). */
    public static String implementation() {
        return BLAS_.getClass().getSimpleName() + "/" + LAPACK_.getClass().getSimpleName();
    }

    private static void same(Mat... ms) {
        Precision p = ms[0].precision();
        for (Mat m : ms) {
            if (m.precision() != p) {
                throw new IllegalArgumentException("mixed precisions: " + ms[0] + " and " + m);
            }
        }
    }

    /** C ← alpha·op(A)·op(B) + beta·C. */
    public static void gemm(boolean transA, boolean transB, double alpha, Mat a, Mat b, double beta, Mat c) {
        same(a, b, c);
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int kb = transB ? b.cols() : b.rows();
        int n = transB ? b.rows() : b.cols();
        if (k != kb || c.rows() != m || c.cols() != n) {
            throw new IllegalArgumentException("gemm shapes: op(A) " + m + "x" + k + ", op(B) " + kb + "x" + n
                    + ", C " + c.rows() + "x" + c.cols());
        }
        if (m == 0 || n == 0) {
            return;
        }
        FlopCounter.add(2.0 * m * n * k);
        String ta = transA ? "T" : "N";
        String tb = transB ? "T" : "N";
        int lda = Math.max(1, a.rows());
        int ldb = Math.max(1, b.rows());
        int ldc = Math.max(1, c.rows());
        if (a.isF32()) {
            BLAS_.sgemm(ta, tb, m, n, k, (float) alpha, a.f32(), lda, b.f32(), ldb, (float) beta, c.f32(), ldc);
        } else {
            BLAS_.dgemm(ta, tb, m, n, k, alpha, a.f64(), lda, b.f64(), ldb, beta, c.f64(), ldc);
        }
    }

    /** sgemm on raw arrays with offsets (for sub-blocks of column-major matrices). */
    public static void rawSgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int offA,
                                int lda, float[] b, int offB, int ldb, float beta, float[] c, int offC, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        FlopCounter.add(2.0 * m * n * k);
        BLAS_.sgemm(transA ? "T" : "N", transB ? "T" : "N", m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
    }

    /** dgemm on raw arrays with offsets (for sub-blocks of column-major matrices). */
    public static void rawDgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int offA,
                                int lda, double[] b, int offB, int ldb, double beta, double[] c, int offC, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        FlopCounter.add(2.0 * m * n * k);
        BLAS_.dgemm(transA ? "T" : "N", transB ? "T" : "N", m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
    }

    /**
     * Upper triangle of C ← alpha·AᵀA + beta·C using only the first {@code cols} columns of A
     * (column-major, so they are contiguous); C is cols × cols.
     */
    public static void syrkUpperTransLeading(double alpha, Mat a, int cols, double beta, Mat c) {
        same(a, c);
        int k = a.rows();
        if (cols > a.cols() || c.rows() != cols || c.cols() != cols) {
            throw new IllegalArgumentException("syrk: " + cols + " leading columns of " + a + " into " + c);
        }
        int lda = Math.max(1, k);
        FlopCounter.add((double) cols * (cols + 1) * k);
        if (a.isF32()) {
            BLAS_.ssyrk("U", "T", cols, k, (float) alpha, a.f32(), lda, (float) beta, c.f32(), cols);
        } else {
            BLAS_.dsyrk("U", "T", cols, k, alpha, a.f64(), lda, beta, c.f64(), cols);
        }
    }

    /** A new matrix op(A)·op(B). */
    public static Mat mul(boolean transA, Mat a, boolean transB, Mat b) {
        Mat c = Mat.zeros(transA ? a.cols() : a.rows(), transB ? b.rows() : b.cols(), a.precision());
        gemm(transA, transB, 1.0, a, b, 0.0, c);
        return c;
    }

    /**
     * C ← alpha·A·B + beta·C with A symmetric, read from its upper triangle (diagonal included);
     * the strict lower triangle of A is not touched.
     */
    public static void symmUpper(double alpha, Mat a, Mat b, double beta, Mat c) {
        same(a, b, c);
        int m = a.rows();
        int n = b.cols();
        if (a.cols() != m || b.rows() != m || c.rows() != m || c.cols() != n) {
            throw new IllegalArgumentException("symm shapes: A " + a.rows() + "x" + a.cols() + ", B " + b.rows()
                    + "x" + b.cols() + ", C " + c.rows() + "x" + c.cols());
        }
        FlopCounter.add(2.0 * m * m * n);
        if (a.isF32()) {
            BLAS_.ssymm("L", "U", m, n, (float) alpha, a.f32(), m, b.f32(), m, (float) beta, c.f32(), m);
        } else {
            BLAS_.dsymm("L", "U", m, n, alpha, a.f64(), m, b.f64(), m, beta, c.f64(), m);
        }
    }

    /** Upper triangle of C ← alpha·AᵀA + beta·C (C is A.cols × A.cols). */
    public static void syrkUpperTrans(double alpha, Mat a, double beta, Mat c) {
        same(a, c);
        int n = a.cols();
        int k = a.rows();
        if (c.rows() != n || c.cols() != n) {
            throw new IllegalArgumentException("syrk: C " + c.rows() + "x" + c.cols() + " for A " + k + "x" + n);
        }
        int lda = Math.max(1, k);
        FlopCounter.add((double) n * (n + 1) * k);
        if (a.isF32()) {
            BLAS_.ssyrk("U", "T", n, k, (float) alpha, a.f32(), lda, (float) beta, c.f32(), n);
        } else {
            BLAS_.dsyrk("U", "T", n, k, alpha, a.f64(), lda, beta, c.f64(), n);
        }
    }

    /** Upper triangle of C ← alpha·AAᵀ + beta·C (C is A.rows × A.rows). */
    public static void syrkUpper(double alpha, Mat a, double beta, Mat c) {
        same(a, c);
        int n = a.rows();
        int k = a.cols();
        if (c.rows() != n || c.cols() != n) {
            throw new IllegalArgumentException("syrk: C " + c.rows() + "x" + c.cols() + " for A " + n + "x" + k);
        }
        int lda = Math.max(1, n);
        FlopCounter.add((double) n * (n + 1) * k);
        if (a.isF32()) {
            BLAS_.ssyrk("U", "N", n, k, (float) alpha, a.f32(), lda, (float) beta, c.f32(), n);
        } else {
            BLAS_.dsyrk("U", "N", n, k, alpha, a.f64(), lda, beta, c.f64(), n);
        }
    }

    /** Upper triangle of C ← alpha·(A·Bᵀ + B·Aᵀ) + beta·C (A and B are n × k, C is n × n). */
    public static void syr2kUpper(double alpha, Mat a, Mat b, double beta, Mat c) {
        same(a, b, c);
        int n = a.rows();
        int k = a.cols();
        if (b.rows() != n || b.cols() != k || c.rows() != n || c.cols() != n) {
            throw new IllegalArgumentException("syr2k: A " + a + ", B " + b + ", C " + c);
        }
        int ld = Math.max(1, n);
        FlopCounter.add(2.0 * n * (n + 1) * k);
        if (a.isF32()) {
            BLAS_.ssyr2k("U", "N", n, k, (float) alpha, a.f32(), ld, b.f32(), ld, (float) beta, c.f32(), ld);
        } else {
            BLAS_.dsyr2k("U", "N", n, k, alpha, a.f64(), ld, b.f64(), ld, beta, c.f64(), ld);
        }
    }

    /**
     * Cholesky factorization A = L·Lᵀ in place, reading and writing the lower triangle and the
     * diagonal only. Returns LAPACK's info: 0 on success, k &gt; 0 when the leading minor of order
     * k is not positive definite.
     */
    public static int potrfLower(Mat a) {
        int n = a.rows();
        intW info = new intW(0);
        FlopCounter.add((double) n * n * n / 3.0);
        if (a.isF32()) {
            LAPACK_.spotrf("L", n, a.f32(), Math.max(1, n), info);
        } else {
            LAPACK_.dpotrf("L", n, a.f64(), Math.max(1, n), info);
        }
        return info.val;
    }

    /** Solves A·X = B in place of B, given the lower Cholesky factor of A from {@link #potrfLower}. */
    public static void potrsLower(Mat factor, Mat b) {
        same(factor, b);
        int n = factor.rows();
        intW info = new intW(0);
        FlopCounter.add(2.0 * n * n * b.cols());
        if (factor.isF32()) {
            LAPACK_.spotrs("L", n, b.cols(), factor.f32(), Math.max(1, n), b.f32(), Math.max(1, n), info);
        } else {
            LAPACK_.dpotrs("L", n, b.cols(), factor.f64(), Math.max(1, n), b.f64(), Math.max(1, n), info);
        }
        if (info.val != 0) {
            throw new IllegalArgumentException("potrs: argument " + (-info.val) + " is invalid");
        }
    }

    /**
     * Solves A·X = B by LU with partial pivoting, overwriting A with its factors and B with X.
     * Returns LAPACK's info: 0 on success, k &gt; 0 when U(k,k) is exactly zero (A singular).
     *
     * <p>The factorization runs on a thread of its own with a {@link #LAPACK_STACK_BYTES} stack:
     * OpenBLAS's threaded getrf recurses over column halves with ≈ 0.54 MB stack frames, which
     * overflows a default 1 MB Java thread stack from n ≈ 100 on (a SIGSEGV that kills the JVM
     * without a crash report, since the handler has no stack left either).
     */
    public static int luSolve(Mat a, Mat b) {
        same(a, b);
        int n = a.rows();
        if (a.cols() != n || b.rows() != n) {
            throw new IllegalArgumentException("luSolve shapes: A " + a.rows() + "x" + a.cols() + ", B " + b.rows()
                    + "x" + b.cols());
        }
        FlopCounter.add(2.0 * n * n * n / 3.0);
        int[] info = onLargeStack(() -> {
            int[] ipiv = new int[n];
            intW f = new intW(0);
            if (a.isF32()) {
                LAPACK_.sgetrf(n, n, a.f32(), Math.max(1, n), ipiv, f);
            } else {
                LAPACK_.dgetrf(n, n, a.f64(), Math.max(1, n), ipiv, f);
            }
            if (f.val != 0) {
                return new int[] {f.val, 0};
            }
            intW s = new intW(0);
            if (a.isF32()) {
                LAPACK_.sgetrs("N", n, b.cols(), a.f32(), Math.max(1, n), ipiv, b.f32(), Math.max(1, n), s);
            } else {
                LAPACK_.dgetrs("N", n, b.cols(), a.f64(), Math.max(1, n), ipiv, b.f64(), Math.max(1, n), s);
            }
            return new int[] {0, s.val};
        });
        if (info[0] != 0) {
            return info[0];
        }
        FlopCounter.add(2.0 * n * n * b.cols());
        return info[1];
    }

    /** Stack size of the thread that runs getrf (reserved address space, committed as touched). */
    static final long LAPACK_STACK_BYTES = 64L << 20;

    /** Runs {@code body} on a new thread with a {@link #LAPACK_STACK_BYTES} stack and waits for it. */
    private static int[] onLargeStack(java.util.function.Supplier<int[]> body) {
        int[][] result = new int[1][];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = body.get();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "lapack-getrf", LAPACK_STACK_BYTES);
        t.setDaemon(true);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the native call cannot be stopped: wait for it, then re-assert
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] instanceof RuntimeException re) {
            throw re;
        }
        if (failure[0] instanceof Error err) {
            throw err;
        }
        if (failure[0] != null) {
            throw new IllegalStateException("getrf failed", failure[0]);
        }
        return result[0];
    }

    /**
     * Eigendecomposition of a symmetric matrix (upper triangle read) by divide and conquer
     * (LAPACK syevd): A is overwritten with the orthonormal eigenvectors as columns; the
     * eigenvalues are returned in ascending order.
     */
    public static double[] syevd(Mat a) {
        int n = a.rows();
        if (a.cols() != n) {
            throw new IllegalArgumentException("syevd needs a square matrix, got " + a.rows() + "x" + a.cols());
        }
        intW info = new intW(0);
        int lda = Math.max(1, n);
        FlopCounter.add(4.0 * n * n * n);
        double[] out = new double[n];
        if (a.isF32()) {
            float[] w = new float[n];
            float[] work = new float[1];
            int[] iwork = new int[1];
            LAPACK_.ssyevd("V", "U", n, a.f32(), lda, w, work, -1, iwork, -1, info);
            work = new float[Math.max(1, (int) work[0])];
            iwork = new int[Math.max(1, iwork[0])];
            LAPACK_.ssyevd("V", "U", n, a.f32(), lda, w, work, work.length, iwork, iwork.length, info);
            for (int i = 0; i < n; i++) {
                out[i] = w[i];
            }
        } else {
            double[] work = new double[1];
            int[] iwork = new int[1];
            LAPACK_.dsyevd("V", "U", n, a.f64(), lda, out, work, -1, iwork, -1, info);
            work = new double[Math.max(1, (int) work[0])];
            iwork = new int[Math.max(1, iwork[0])];
            LAPACK_.dsyevd("V", "U", n, a.f64(), lda, out, work, work.length, iwork, iwork.length, info);
        }
        if (info.val != 0) {
            throw new ArithmeticException("syevd did not converge (info " + info.val + ") on a " + n + "x" + n + " matrix");
        }
        return out;
    }
}
