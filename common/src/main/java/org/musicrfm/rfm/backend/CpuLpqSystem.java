package org.musicrfm.rfm.backend;

import org.musicrfm.rfm.linalg.Blas;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Parallel;
import org.musicrfm.rfm.linalg.Precision;

/**
 * Kernel ridge regression with K_{p,q} on points transformed by S = M^{1/2} (as xRFM's lpq
 * kernel), and its AGOP: ∇_z f_l(z_j) = S·Σ_i α_il a_ij φ(S z_j − S x_i). Distances are not GEMM
 * products for p ≠ 2, so pairs are visited explicitly: O(n²·d) work, meant for the small-d
 * layer-aggregation model.
 */
final class CpuLpqSystem implements KernelSystem {

    private final CpuPoints train;
    private final KernelSpec spec;
    private final Parallel par;
    private final Mat sqrtM;
    private final double[] u; // S-transformed training points, row-major [n, d]
    private final Mat packed; // lower: K + reg·I; strict upper: gradient weights a_ij
    private final Mat alpha;
    private final SolveReport report;

    CpuLpqSystem(CpuPoints train, Mat y, Mat m, KernelSpec spec, double reg, Parallel par) {
        if (y.rows() != train.rows()) {
            throw new IllegalArgumentException("targets have " + y.rows() + " rows, training points " + train.rows());
        }
        if (m != null && m.cols() != m.rows()) {
            throw new IllegalArgumentException("K_{p,q} kernel needs a full M, got " + m.rows() + "x" + m.cols());
        }
        this.train = train;
        this.spec = spec;
        this.par = par;
        this.sqrtM = m == null ? null : sqrtPsd(m);
        this.u = rowMajorTransformed(train.host(), sqrtM);
        this.packed = buildPacked(reg);
        CpuSolver.Solution s = CpuSolver.solve(packed, y, () -> {
            Mat full = buildPacked(reg);
            CpuMahalanobisKernel.lowerToUpper(full);
            return full;
        });
        this.alpha = s.alpha();
        this.report = s.report();
    }

    /** M^{1/2} of M + 1e-8·I with negative eigenvalues clipped to 0 (xRFM's stable_matrix_power). */
    static Mat sqrtPsd(Mat m) {
        int d = m.rows();
        Mat a = m.to(Precision.FLOAT64);
        for (int i = 0; i < d; i++) {
            a.set(i, i, a.get(i, i) + 1e-8);
        }
        double[] w = Blas.syevd(a);
        Mat scaled = Mat.zeros(d, d, Precision.FLOAT64);
        for (int k = 0; k < d; k++) {
            double s = Math.sqrt(Math.max(w[k], 0.0));
            for (int i = 0; i < d; i++) {
                scaled.set(i, k, a.get(i, k) * s);
            }
        }
        Mat root = Mat.zeros(d, d, Precision.FLOAT64);
        Blas.gemm(false, true, 1.0, scaled, a, 0.0, root); // V·diag(√λ)·Vᵀ
        return root.to(m.precision());
    }

    /** Rows of x·S as one row-major double array. */
    static double[] rowMajorTransformed(Mat x, Mat s) {
        Mat t = s == null ? x : Blas.mul(false, x, false, s);
        return t.toRowMajor();
    }

    private Mat buildPacked(double reg) {
        int n = train.rows();
        int d = train.cols();
        LpqGeometry g = new LpqGeometry(spec);
        Mat buf = Mat.zeros(n, n, train.host().precision());
        par.forRange(n, 16, (from, to) -> {
            for (int j = from; j < to; j++) {
                for (int i = 0; i < j; i++) {
                    double r = g.norm(g.powerSum(u, i * d, u, j * d, d));
                    double k = g.kernel(r);
                    buf.put(i + j * n, g.weight(r, k));
                    buf.put(j + i * n, k);
                }
                buf.put(j + j * n, 1.0 + reg);
            }
        });
        return buf;
    }

    @Override
    public Mat alpha() {
        return alpha;
    }

    @Override
    public SolveReport report() {
        return report;
    }

    @Override
    public Mat predict(Points q) {
        return predictor().predict(q);
    }

    @Override
    public KernelPredictor predictor() {
        return new LpqPredictor(train.cols(), u, sqrtM, alpha.toRowMajor(), alpha.cols(), spec, par);
    }

    /**
     * The predictor of a stored K_{p,q} machine: the same arithmetic as a fitted system's, from its
     * training points, M (null = identity) and coefficients in the backend's precision.
     */
    static KernelPredictor stored(CpuPoints train, Mat m, Mat alpha, KernelSpec spec, Parallel par) {
        if (m != null && m.cols() != m.rows()) {
            throw new IllegalArgumentException("K_{p,q} kernel needs a full M, got " + m.rows() + "x" + m.cols());
        }
        Mat sqrtM = m == null ? null : sqrtPsd(m);
        return new LpqPredictor(train.cols(), rowMajorTransformed(train.host(), sqrtM), sqrtM, alpha.toRowMajor(),
                alpha.cols(), spec, par);
    }

    @Override
    public Mat agop(boolean center) {
        int n = train.rows();
        int d = train.cols();
        int c = alpha.cols();
        LpqGeometry g = new LpqGeometry(spec);
        double[] a = alpha.toRowMajor();
        // gv[l][j*d + k] = Σ_i α_il a_ij φ(u_jk − u_ik): gradients in the transformed space
        double[][] gv = new double[c][n * d];
        par.forRange(n, 8, (from, to) -> {
            for (int j = from; j < to; j++) {
                for (int i = 0; i < n; i++) {
                    if (i == j) {
                        continue;
                    }
                    double w = i < j ? packed.get(i, j) : packed.get(j, i);
                    if (w == 0.0) {
                        continue;
                    }
                    for (int k = 0; k < d; k++) {
                        double ph = w * g.phi(u[j * d + k] - u[i * d + k]);
                        for (int l = 0; l < c; l++) {
                            gv[l][j * d + k] += a[i * c + l] * ph;
                        }
                    }
                }
            }
        });
        // [n·c, d] gradients w.r.t. z: ∇_z = S·∇_u (S symmetric), rows as (l, j)
        Mat grads = Mat.zeros(n * c, d, Precision.FLOAT64);
        for (int l = 0; l < c; l++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < d; k++) {
                    grads.set(l * n + j, k, gv[l][j * d + k]);
                }
            }
        }
        if (sqrtM != null) {
            grads = Blas.mul(false, grads, false, sqrtM.to(Precision.FLOAT64));
        }
        if (center) {
            for (int k = 0; k < d; k++) {
                double mean = 0;
                for (int r = 0; r < n * c; r++) {
                    mean += grads.get(r, k);
                }
                mean /= n * c;
                for (int r = 0; r < n * c; r++) {
                    grads.set(r, k, grads.get(r, k) - mean);
                }
            }
        }
        Mat agop = Mat.zeros(d, d, Precision.FLOAT64);
        Blas.syrkUpperTrans(1.0, grads, 0.0, agop);
        agop.symmetrizeFromUpper();
        return agop.to(train.host().precision());
    }

    @Override
    public void close() {}

    /** f(q) for K_{p,q}, visiting every (query, training point) pair. */
    private record LpqPredictor(int d, double[] u, Mat sqrtM, double[] alpha, int outputs, KernelSpec spec,
                                Parallel par) implements KernelPredictor {

        @Override
        public int outputs() {
            return outputs;
        }

        @Override
        public Mat coefficients() {
            return Mat.fromRowMajor(alpha.length / outputs, outputs, alpha, Precision.FLOAT64);
        }

        @Override
        public Mat predict(Points points) {
            if (points.cols() != d) {
                throw new IllegalArgumentException("query points have " + points.cols() + " features, the model " + d);
            }
            double[] v = rowMajorTransformed(points.host(), sqrtM);
            int nq = points.rows();
            int n = u.length / d;
            LpqGeometry g = new LpqGeometry(spec);
            Mat out = Mat.zeros(nq, outputs, Precision.FLOAT64);
            par.forRange(nq, 4, (from, to) -> {
                for (int a = from; a < to; a++) {
                    double[] acc = new double[outputs];
                    for (int i = 0; i < n; i++) {
                        double k = g.kernel(g.norm(g.powerSum(v, a * d, u, i * d, d)));
                        for (int l = 0; l < outputs; l++) {
                            acc[l] += k * alpha[i * outputs + l];
                        }
                    }
                    for (int l = 0; l < outputs; l++) {
                        out.set(a, l, acc[l]);
                    }
                }
            });
            return out;
        }
    }
}
