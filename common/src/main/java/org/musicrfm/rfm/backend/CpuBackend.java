package org.musicrfm.rfm.backend;

import org.musicrfm.rfm.linalg.Blas;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Parallel;
import org.musicrfm.rfm.linalg.Precision;

/**
 * The CPU backend: native BLAS/LAPACK (through dev.ludovic.netlib) for the products and
 * factorizations, Java threads for the element-wise kernel work.
 */
public final class CpuBackend implements RfmBackend {

    private final Precision precision;
    private final Parallel par;

    public CpuBackend(Precision precision, Parallel par) {
        this.precision = precision;
        this.par = par;
    }

    /** Float32 on all processors. */
    public static CpuBackend float32() {
        return new CpuBackend(Precision.FLOAT32, Parallel.shared());
    }

    /** Float64 on all processors. */
    public static CpuBackend float64() {
        return new CpuBackend(Precision.FLOAT64, Parallel.shared());
    }

    @Override
    public Precision precision() {
        return precision;
    }

    @Override
    public Points points(Mat x) {
        return new CpuPoints(x.precision() == precision ? x : x.to(precision), par);
    }

    @Override
    public KernelSystem solve(Points train, Mat y, Mat m, KernelSpec kernel, double reg) {
        if (!(train instanceof CpuPoints t)) {
            throw new IllegalArgumentException("training points come from another backend: " + train);
        }
        if (!(reg >= 0) || !Double.isFinite(reg)) {
            throw new IllegalArgumentException("ridge reg must be finite and >= 0, got " + reg);
        }
        Mat mm = m == null || m.precision() == precision ? m : m.to(precision);
        return switch (kernel.type()) {
            case MAHALANOBIS -> new CpuMahalanobisSystem(t, y, mm, kernel, reg, par);
            case LPQ -> new CpuLpqSystem(t, y, mm, kernel, reg, par);
        };
    }

    /**
     * The predictor of a stored kernel machine f(q) = K(q, X)·α: training points x (n × d), M (null
     * = identity, d × 1 = diagonal, d × d = full; full or null for K_{p,q}) and α (n × c), all
     * converted to this backend's precision. The same arithmetic as a freshly fitted model's predictor.
     */
    public KernelPredictor predictor(Mat x, Mat m, Mat alpha, KernelSpec kernel) {
        if (alpha.rows() != x.rows()) {
            throw new IllegalArgumentException("coefficients have " + alpha.rows() + " rows for " + x.rows() + " points");
        }
        CpuPoints train = (CpuPoints) points(x);
        Mat mm = m == null || m.precision() == precision ? m : m.to(precision);
        if (kernel.type() == KernelSpec.Type.LPQ) {
            return CpuLpqSystem.stored(train, mm, alpha, kernel, par);
        }
        Mat xm = Geometry.transform(train.host(), mm, par);
        double[] norms = Geometry.norms(train.host(), xm, par);
        Mat a = alpha.precision() == precision ? alpha : alpha.to(precision);
        return new CpuMahalanobisPredictor(train, mm, xm, norms, a, kernel, par);
    }

    @Override
    public SymmetricEigen eigh(Mat symmetric) {
        Mat a = symmetric.to(Precision.FLOAT64);
        double[] ascending = Blas.syevd(a);
        int n = ascending.length;
        double[] values = new double[n];
        Mat vectors = Mat.zeros(n, n, Precision.FLOAT64);
        for (int k = 0; k < n; k++) {
            int src = n - 1 - k;
            values[k] = ascending[src];
            System.arraycopy(a.f64(), src * n, vectors.f64(), k * n, n);
        }
        return new SymmetricEigen(values, vectors);
    }

    @Override
    public String toString() {
        return "CpuBackend[" + precision + ", " + par.threads() + " threads, " + Blas.implementation() + "]";
    }
}
