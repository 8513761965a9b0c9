package org.musicrfm.rfm.backend;

import org.musicrfm.rfm.linalg.Blas;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Parallel;

/** The Mahalanobis transform x ↦ xM and the squared norms xᵀMx of a set of rows, on the CPU. */
final class Geometry {

    private Geometry() {}

    /** X·M for a full (d×d, symmetric) M, X∘m for a diagonal M (d×1), X itself for M = null. */
    static Mat transform(Mat x, Mat m, Parallel par) {
        if (m == null) {
            return x;
        }
        int n = x.rows();
        int d = x.cols();
        if (m.cols() == 1) {
            if (m.rows() != d) {
                throw new IllegalArgumentException("diagonal M has " + m.rows() + " entries for " + d + " features");
            }
            Mat out = Mat.zeros(n, d, x.precision());
            par.forRange(d, 16, (from, to) -> {
                for (int k = from; k < to; k++) {
                    double s = m.get(k, 0);
                    int off = k * n;
                    if (x.isF32()) {
                        float[] src = x.f32();
                        float[] dst = out.f32();
                        float fs = (float) s;
                        for (int i = 0; i < n; i++) {
                            dst[off + i] = src[off + i] * fs;
                        }
                    } else {
                        double[] src = x.f64();
                        double[] dst = out.f64();
                        for (int i = 0; i < n; i++) {
                            dst[off + i] = src[off + i] * s;
                        }
                    }
                }
            });
            return out;
        }
        if (m.rows() != d || m.cols() != d) {
            throw new IllegalArgumentException("M is " + m.rows() + "x" + m.cols() + ", expected " + d + "x" + d);
        }
        Mat out = Mat.zeros(n, d, x.precision());
        Blas.gemm(false, false, 1.0, x, m, 0.0, out);
        return out;
    }

    /** Row-wise Σ_k xm_ik·x_ik, accumulated in double. */
    static double[] norms(Mat x, Mat xm, Parallel par) {
        int n = x.rows();
        int d = x.cols();
        double[] out = new double[n];
        par.forRange(n, 256, (from, to) -> {
            for (int k = 0; k < d; k++) {
                int off = k * n;
                if (x.isF32()) {
                    float[] a = x.f32();
                    float[] b = xm.f32();
                    for (int i = from; i < to; i++) {
                        out[i] += (double) a[off + i] * b[off + i];
                    }
                } else {
                    double[] a = x.f64();
                    double[] b = xm.f64();
                    for (int i = from; i < to; i++) {
                        out[i] += a[off + i] * b[off + i];
                    }
                }
            }
        });
        return out;
    }

    /**
     * G = Xm·Xᵀ (= X·M·Xᵀ), written into the upper triangle (diagonal included) of g (n×n) in
     * column blocks: about half the work of the full product. Entries below the diagonal are
     * partly written too and must be treated as garbage.
     */
    static void upperGram(Mat xm, Mat x, Mat g) {
        int n = x.rows();
        int d = x.cols();
        int block = Math.max(256, (n + 7) / 8);
        for (int j0 = 0; j0 < n; j0 += block) {
            int j1 = Math.min(n, j0 + block);
            // G[0:j1, j0:j1] = Xm[0:j1, :] · X[j0:j1, :]ᵀ
            if (x.isF32()) {
                Blas.rawSgemm(false, true, j1, j1 - j0, d, 1f, xm.f32(), 0, n, x.f32(), j0, n, 0f, g.f32(), j0 * n, n);
            } else {
                Blas.rawDgemm(false, true, j1, j1 - j0, d, 1.0, xm.f64(), 0, n, x.f64(), j0, n, 0.0, g.f64(), j0 * n, n);
            }
        }
    }
}
