package org.musicrfm.rfm.backend;

import org.musicrfm.rfm.linalg.Blas;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Parallel;

/** f(q) = K(q, X)·α for the Mahalanobis Laplace kernel, in row batches of bounded memory. */
final class CpuMahalanobisPredictor implements KernelPredictor {

    /** Kernel rows computed at once are capped so a batch holds at most this many entries. */
    private static final long BATCH_ENTRIES = 1L << 24;

    private final CpuPoints train;
    private final Mat m;
    private final Mat xm;
    private final double[] norms;
    private final Mat alpha;
    private final CpuMahalanobisKernel kernel;
    private final Parallel par;

    CpuMahalanobisPredictor(CpuPoints train, Mat m, Mat xm, double[] norms, Mat alpha, KernelSpec spec, Parallel par) {
        this.train = train;
        this.m = m;
        this.xm = xm;
        this.norms = norms;
        this.alpha = alpha;
        this.kernel = new CpuMahalanobisKernel(spec, par);
        this.par = par;
    }

    @Override
    public int outputs() {
        return alpha.cols();
    }

    @Override
    public Mat coefficients() {
        return alpha;
    }

    @Override
    public Mat predict(Points points) {
        if (!(points instanceof CpuPoints q)) {
            throw new IllegalArgumentException("points come from another backend: " + points);
        }
        if (q.cols() != train.cols()) {
            throw new IllegalArgumentException("query points have " + q.cols() + " features, the model " + train.cols());
        }
        int nq = q.rows();
        int n = train.rows();
        int c = alpha.cols();
        Mat out = Mat.zeros(nq, c, alpha.precision());
        CpuPoints.IdentityGram cached = m == null ? q.identityGram(train) : null;
        double[] qNorms;
        Mat qx = q.host();
        if (cached != null) {
            qNorms = cached.rowNorms();
        } else {
            qNorms = Geometry.norms(qx, Geometry.transform(qx, m, par), par);
        }
        int batch = (int) Math.max(1, Math.min(nq, BATCH_ENTRIES / Math.max(1, n)));
        Mat buf = Mat.zeros(batch, n, alpha.precision());
        int d = train.cols();
        for (int a0 = 0; a0 < nq; a0 += batch) {
            int rows = Math.min(batch, nq - a0);
            // G[a0:a0+rows, :] = Q[a0:a0+rows, :] · Xmᵀ (ld = rows)
            if (cached != null) {
                copyRows(cached.gram(), a0, rows, buf);
            } else if (qx.isF32()) {
                Blas.rawSgemm(false, true, rows, n, d, 1f, qx.f32(), a0, nq, xm.f32(), 0, n, 0f, buf.f32(), 0, rows);
            } else {
                Blas.rawDgemm(false, true, rows, n, d, 1.0, qx.f64(), a0, nq, xm.f64(), 0, n, 0.0, buf.f64(), 0, rows);
            }
            kernel.crossInPlace(buf, rows, qNorms, a0, norms);
            // out[a0:a0+rows, :] = K · α
            if (buf.isF32()) {
                Blas.rawSgemm(false, false, rows, c, n, 1f, buf.f32(), 0, rows, alpha.f32(), 0, n, 0f, out.f32(), a0, nq);
            } else {
                Blas.rawDgemm(false, false, rows, c, n, 1.0, buf.f64(), 0, rows, alpha.f64(), 0, n, 0.0, out.f64(), a0, nq);
            }
        }
        return out.to(org.musicrfm.rfm.linalg.Precision.FLOAT64);
    }

    /** Copies rows [a0, a0+rows) of g into the leading rows×cols block of dst (ld = rows). */
    private void copyRows(Mat g, int a0, int rows, Mat dst) {
        int nq = g.rows();
        int n = g.cols();
        par.forRange(n, 256, (from, to) -> {
            for (int j = from; j < to; j++) {
                if (g.isF32()) {
                    System.arraycopy(g.f32(), a0 + j * nq, dst.f32(), j * rows, rows);
                } else {
                    System.arraycopy(g.f64(), a0 + j * nq, dst.f64(), j * rows, rows);
                }
            }
        });
    }
}
