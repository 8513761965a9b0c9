package org.musicrfm.rfm.backend;

import org.musicrfm.rfm.linalg.Blas;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Parallel;

/**
 * Kernel ridge regression with exp(−‖x − z‖_M^q / L^q) on the CPU, and its AGOP.
 *
 * <p>Gradient at a training point z_j (closed form, xRFM's):
 * ∇f_l(z_j) = Σ_i α_il W_ij M(z_j − x_i) = s_lj·(Mz_j) − [W·(α_l ∘ XM)]_j with s_l = W·α_l,
 * so each output costs one symmetric n×n by n×(d+1) product; nothing of size n×n×d is formed.
 */
final class CpuMahalanobisSystem implements KernelSystem {

    private final CpuPoints train;
    private final Mat m;
    private final KernelSpec spec;
    private final Parallel par;
    private final Mat xm;
    private final double[] norms;
    private Mat packed;
    private final Mat alpha;
    private final SolveReport report;

    CpuMahalanobisSystem(CpuPoints train, Mat y, Mat m, KernelSpec spec, double reg, Parallel par) {
        if (y.rows() != train.rows()) {
            throw new IllegalArgumentException("targets have " + y.rows() + " rows, training points " + train.rows());
        }
        this.train = train;
        this.m = m;
        this.spec = spec;
        this.par = par;
        Mat x = train.host();
        this.xm = Geometry.transform(x, m, par);
        this.norms = Geometry.norms(x, xm, par);
        this.packed = buildPacked(reg);
        CpuSolver.Solution s = CpuSolver.solve(packed, y, () -> {
            Mat full = buildPacked(reg);
            CpuMahalanobisKernel.lowerToUpper(full);
            return full;
        });
        this.alpha = s.alpha();
        this.report = s.report();
    }

    private Mat buildPacked(double reg) {
        int n = train.rows();
        CpuMahalanobisKernel kernel = new CpuMahalanobisKernel(spec, par);
        Mat buf = Mat.zeros(n, n, train.host().precision());
        CpuPoints.IdentityGram cached = m == null ? train.identityGram(train) : null;
        if (cached != null) {
            kernel.fillPacked(cached.gram(), buf, cached.rowNorms(), reg);
        } else {
            Geometry.upperGram(xm, train.host(), buf);
            kernel.fillPacked(buf, buf, norms, reg);
        }
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
        return new CpuMahalanobisPredictor(train, m, xm, norms, alpha, spec, par);
    }

    @Override
    public Mat agop(boolean center) {
        return agop(center, AgopPlan.perOutput());
    }

    @Override
    public synchronized Mat agop(boolean center, AgopPlan plan) {
        if (packed == null) {
            throw new IllegalStateException("kernel system is closed");
        }
        int n = train.rows();
        int d = train.cols();
        int c = alpha.cols();
        Mat w = packed;
        for (int i = 0; i < n; i++) {
            w.put(i + i * n, 0.0); // W_ii = 0: self-pairs are masked (the factor's diagonal is no longer needed)
        }
        boolean diag = m != null && m.cols() == 1;
        if (plan.samples(n)) {
            return sampledAgop(w, plan.rows(n), center, diag);
        }
        double[] mean = center ? meanGradient(w) : null;
        if (!diag && plan.useGram(n, d, c)) {
            return gramAgop(w, mean);
        }
        Mat agop = diag ? Mat.zeros(d, 1, xm.precision()) : Mat.zeros(d, d, xm.precision());
        Mat b = Mat.zeros(n, d + 1, xm.precision());
        Mat p = Mat.zeros(n, d + 1, xm.precision());
        for (int l = 0; l < c; l++) {
            int out = l;
            // B = [α_l ∘ XM | α_l]   [n, d+1]
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = alpha.get(i, out);
            }
            par.forRange(d + 1, 8, (from, to) -> scaleRows(xm, a, b, from, to));
            Blas.symmUpper(1.0, w, b, 0.0, p); // P = W·B   [n, d+1]
            // G = s ∘ XM − P[:, :d] (− mean), written over P's leading d columns   [n, d]
            par.forRange(d, 8, (from, to) -> gradients(xm, p, mean, from, to));
            if (diag) {
                par.forRange(d, 8, (from, to) -> {
                    for (int k = from; k < to; k++) {
                        double sum = 0;
                        for (int i = 0; i < n; i++) {
                            double g = p.at(i + k * n);
                            sum += g * g;
                        }
                        agop.put(k, agop.at(k) + sum);
                    }
                });
            } else {
                Blas.syrkUpperTransLeading(1.0, p, d, 1.0, agop);
            }
        }
        if (!diag) {
            agop.symmetrizeFromUpper();
        }
        return agop;
    }

    /**
     * The exact AGOP as (XM)ᵀ·C·(XM), C = Σ_l E_lᵀE_l with E_l = diag(s_l) − W·diag(α_l), s_l = W·α_l:
     * C_ij = δ_ij·Σ_l s_il² − W_ij·((SAᵀ)_ij + (SAᵀ)_ji) + (W²)_ij·(AAᵀ)_ij. One n³ product (W²)
     * replaces the c products of n×n by n×(d+1); centring subtracts n·c·μμᵀ afterwards.
     */
    private Mat gramAgop(Mat w, double[] mean) {
        int n = train.rows();
        int d = train.cols();
        int c = alpha.cols();
        Mat wf = Mat.zeros(n, n, xm.precision()); // W in full
        par.forRange(n, 64, (from, to) -> {
            for (int j = from; j < to; j++) {
                for (int i = 0; i < j; i++) {
                    double v = w.at(i + j * n);
                    wf.put(i + j * n, v);
                    wf.put(j + i * n, v);
                }
            }
        });
        Mat cm = Mat.zeros(n, n, xm.precision());
        Blas.syrkUpper(1.0, wf, 0.0, cm); // upper triangle of W·Wᵀ = W²
        Mat sm = Mat.zeros(n, c, xm.precision());
        Blas.symmUpper(1.0, w, alpha, 0.0, sm); // S = W·A   [n, c]
        Blas.syr2kUpper(1.0, sm, alpha, 0.0, wf); // upper triangle of S·Aᵀ + A·Sᵀ
        double[] ar = new double[n * c]; // A row-major, for (AAᵀ)_ij on the fly
        double[] sq = new double[n];
        for (int l = 0; l < c; l++) {
            for (int i = 0; i < n; i++) {
                ar[i * c + l] = alpha.get(i, l);
                double v = sm.get(i, l);
                sq[i] += v * v;
            }
        }
        org.musicrfm.rfm.linalg.FlopCounter.add((double) n * (n + 1) * c + 2.0 * n * n);
        par.forRange(n, 16, (from, to) -> {
            for (int j = from; j < to; j++) {
                int jc = j * c;
                for (int i = 0; i <= j; i++) {
                    int ic = i * c;
                    double aa = 0;
                    for (int l = 0; l < c; l++) {
                        aa += ar[ic + l] * ar[jc + l];
                    }
                    int k = i + j * n;
                    // W_jj = 0 and (S·Aᵀ + A·Sᵀ)_jj is multiplied by it: the diagonal is W²·AAᵀ + Σ s²
                    double v = i == j ? cm.at(k) * aa + sq[j] : cm.at(k) * aa - w.at(k) * wf.at(k);
                    cm.put(k, v);
                }
            }
        });
        Mat p = Mat.zeros(n, d, xm.precision());
        Blas.symmUpper(1.0, cm, xm, 0.0, p); // C·XM   [n, d]
        Mat agop = Mat.zeros(d, d, xm.precision());
        Blas.gemm(true, false, 1.0, xm, p, 0.0, agop); // XMᵀ·C·XM   [d, d]
        double scale = (double) n * c;
        for (int j = 0; j < d; j++) {
            for (int i = 0; i <= j; i++) {
                double v = 0.5 * (agop.at(i + j * d) + agop.at(j + i * d));
                if (mean != null) {
                    v -= scale * mean[i] * mean[j];
                }
                agop.put(i + j * d, v);
                agop.put(j + i * d, v);
            }
        }
        return agop;
    }

    /**
     * AGOP from the gradients at the training rows {@code rows} only (a subsample): per output
     * P_J = W[J, :]·[α ∘ XM | α], G_J = s_J ∘ XM_J − P_J; centring uses the sample's mean.
     */
    private Mat sampledAgop(Mat w, int[] rows, boolean center, boolean diag) {
        int n = train.rows();
        int d = train.cols();
        int c = alpha.cols();
        int m = rows.length;
        Mat wj = Mat.zeros(m, n, xm.precision()); // W[J, :]
        par.forRange(n, 64, (from, to) -> {
            for (int i = from; i < to; i++) {
                for (int r = 0; r < m; r++) {
                    int j = rows[r];
                    double v = i == j ? 0.0 : i < j ? w.at(i + j * n) : w.at(j + i * n);
                    wj.put(r + i * m, v);
                }
            }
        });
        Mat xmj = xm.selectRows(rows);
        Mat b = Mat.zeros(n, d + 1, xm.precision());
        Mat p = Mat.zeros(m, d + 1, xm.precision());
        Mat agop = diag ? Mat.zeros(d, 1, xm.precision()) : Mat.zeros(d, d, xm.precision());
        double[] sum = new double[d];
        for (int l = 0; l < c; l++) {
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = alpha.get(i, l);
            }
            par.forRange(d + 1, 8, (from, to) -> scaleRows(xm, a, b, from, to));
            Blas.gemm(false, false, 1.0, wj, b, 0.0, p); // P_J   [m, d+1]
            par.forRange(d, 8, (from, to) -> gradients(xmj, p, null, from, to));
            for (int k = 0; k < d; k++) {
                double s = 0;
                for (int r = 0; r < m; r++) {
                    s += p.at(r + k * m);
                }
                sum[k] += s;
            }
            accumulate(p, agop, diag);
        }
        double count = (double) m * c;
        if (center) {
            for (int i = 0; i < d; i++) {
                double mi = sum[i] / count;
                if (diag) {
                    agop.put(i, agop.at(i) - count * mi * mi);
                    continue;
                }
                for (int j = i; j < d; j++) {
                    agop.put(i + j * d, agop.at(i + j * d) - count * mi * (sum[j] / count));
                }
            }
        }
        if (!diag) {
            agop.symmetrizeFromUpper();
        }
        return agop;
    }

    /** AGOP += GᵀG (upper triangle), or its diagonal, over G = the leading d columns of p. */
    private void accumulate(Mat p, Mat agop, boolean diag) {
        int rows = p.rows();
        int d = agop.rows();
        if (diag) {
            par.forRange(d, 8, (from, to) -> {
                for (int k = from; k < to; k++) {
                    double sum = 0;
                    for (int i = 0; i < rows; i++) {
                        double g = p.at(i + k * rows);
                        sum += g * g;
                    }
                    agop.put(k, agop.at(k) + sum);
                }
            });
        } else {
            Blas.syrkUpperTransLeading(1.0, p, d, 1.0, agop);
        }
    }

    /** B[:, k] = a ∘ XM[:, k] for k &lt; d, B[:, d] = a, for columns k in [from, to). */
    private static void scaleRows(Mat xm, double[] a, Mat b, int from, int to) {
        int n = xm.rows();
        int d = xm.cols();
        for (int k = from; k < to; k++) {
            int off = k * n;
            if (b.isF32()) {
                float[] dst = b.f32();
                if (k == d) {
                    for (int i = 0; i < n; i++) {
                        dst[off + i] = (float) a[i];
                    }
                } else {
                    float[] src = xm.f32();
                    for (int i = 0; i < n; i++) {
                        dst[off + i] = (float) (a[i] * src[off + i]);
                    }
                }
            } else {
                double[] dst = b.f64();
                if (k == d) {
                    System.arraycopy(a, 0, dst, off, n);
                } else {
                    double[] src = xm.f64();
                    for (int i = 0; i < n; i++) {
                        dst[off + i] = a[i] * src[off + i];
                    }
                }
            }
        }
    }

    /** P[:, k] ← P[:, d] ∘ XM[:, k] − P[:, k] − mean_k for columns k in [from, to). */
    private static void gradients(Mat xm, Mat p, double[] mean, int from, int to) {
        int n = xm.rows();
        int d = xm.cols();
        int sOff = d * n;
        for (int k = from; k < to; k++) {
            int off = k * n;
            double mk = mean == null ? 0.0 : mean[k];
            if (p.isF32()) {
                float[] pp = p.f32();
                float[] x = xm.f32();
                for (int i = 0; i < n; i++) {
                    pp[off + i] = (float) ((double) pp[sOff + i] * x[off + i] - pp[off + i] - mk);
                }
            } else {
                double[] pp = p.f64();
                double[] x = xm.f64();
                for (int i = 0; i < n; i++) {
                    pp[off + i] = pp[sOff + i] * x[off + i] - pp[off + i] - mk;
                }
            }
        }
    }

    /**
     * Mean gradient over all points and outputs without forming the gradients:
     * Σ_j ∇f_l(z_j) = XMᵀ·(W·α_l − α_l ∘ W·1).
     */
    private double[] meanGradient(Mat w) {
        int n = train.rows();
        int d = train.cols();
        int c = alpha.cols();
        Mat r = Mat.zeros(n, c + 1, xm.precision());
        for (int l = 0; l < c; l++) {
            for (int i = 0; i < n; i++) {
                r.set(i, l, alpha.get(i, l));
            }
        }
        for (int i = 0; i < n; i++) {
            r.set(i, c, 1.0);
        }
        Mat s = Mat.zeros(n, c + 1, xm.precision());
        Blas.symmUpper(1.0, w, r, 0.0, s); // [W·α_1 … W·α_c | W·1]
        Mat v = Mat.zeros(n, 1, xm.precision());
        for (int i = 0; i < n; i++) {
            double sum = 0;
            double w1 = s.get(i, c);
            for (int l = 0; l < c; l++) {
                sum += s.get(i, l) - alpha.get(i, l) * w1;
            }
            v.set(i, 0, sum);
        }
        Mat mu = Mat.zeros(d, 1, xm.precision());
        Blas.gemm(true, false, 1.0 / ((double) n * c), xm, v, 0.0, mu);
        double[] mean = new double[d];
        for (int k = 0; k < d; k++) {
            mean[k] = mu.at(k);
        }
        return mean;
    }

    @Override
    public synchronized void close() {
        packed = null;
    }
}
