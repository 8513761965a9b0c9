package org.musicrfm.rfm.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.musicrfm.rfm.backend.KernelSpec;
import org.musicrfm.rfm.backend.KernelPredictor;
import org.musicrfm.rfm.backend.Points;
import org.musicrfm.rfm.linalg.Mat;

/** f(q) = K(q, X)·α on the torch device, in row batches; holds its own copies of XM, norms, α, M. */
final class TorchPredictor implements KernelPredictor {

    private static final long BATCH_ENTRIES = 1L << 26;

    private final TorchBackend backend;
    private final KernelSpec spec;
    private final TorchPoints train;
    private final NDArray xm;
    private final NDArray norms;
    private final NDArray alpha;
    private final NDArray mArr;
    private final boolean diagonal;
    private final NDManager manager;

    TorchPredictor(TorchBackend backend, KernelSpec spec, TorchPoints train, NDArray xm, NDArray norms, NDArray alpha,
                   NDArray mArr, boolean diagonal, NDManager manager) {
        this.backend = backend;
        this.spec = spec;
        this.train = train;
        this.xm = xm;
        this.norms = norms;
        this.alpha = alpha;
        this.mArr = mArr;
        this.diagonal = diagonal;
        this.manager = manager;
    }

    @Override
    public int outputs() {
        return (int) alpha.getShape().get(1);
    }

    @Override
    public Mat predict(Points q) {
        return predict(backend, spec, train, xm, norms, alpha, mArr, diagonal, q, manager);
    }

    /** Shared by open kernel systems and detached predictors. */
    static Mat predict(TorchBackend backend, KernelSpec spec, TorchPoints train, NDArray xm, NDArray norms,
                       NDArray alpha, NDArray mArr, boolean diagonal, Points points, NDManager parent) {
        if (!(points instanceof TorchPoints q)) {
            throw new IllegalArgumentException("points come from another backend: " + points);
        }
        if (q.cols() != train.cols()) {
            throw new IllegalArgumentException("query points have " + q.cols() + " features, the model " + train.cols());
        }
        int nq = q.rows();
        int n = train.rows();
        int batch = (int) Math.max(1, Math.min(nq, BATCH_ENTRIES / Math.max(1, n)));
        double invLq = spec.inverseScale();
        double qExp = spec.exponent();
        try (NDManager t = parent.newSubManager()) {
            TorchPoints.IdentityGram cached = mArr == null ? q.identityGram(train) : null;
            NDArray qx = q.array().duplicate();
            qx.attach(t);
            NDArray qNorms;
            if (cached != null) {
                qNorms = cached.rowNorms();
            } else {
                NDArray qm = mArr == null ? qx : diagonal ? qx.mul(mArr) : qx.matMul(mArr);
                qm.attach(t);
                qNorms = qm.mul(qx).sum(new int[] {1});
                qNorms.attach(t);
            }
            NDArray out = null;
            for (int a0 = 0; a0 < nq; a0 += batch) {
                int a1 = Math.min(nq, a0 + batch);
                String rows = a0 + ":" + a1;
                NDArray g = cached != null ? cached.gram().get(rows) : qx.get(rows).matMul(xm.transpose());
                g.attach(t);
                NDArray d2 = g.mul(-2.0).add(qNorms.get(rows).reshape(a1 - a0, 1)).add(norms.reshape(1, n)).maximum(0.0);
                d2.attach(t);
                NDArray rq = qExp == 1.0 ? d2.sqrt() : qExp == 2.0 ? d2 : d2.pow(qExp / 2.0);
                rq.attach(t);
                NDArray k = rq.mul(-invLq).exp();
                k.attach(t);
                NDArray part = k.matMul(alpha);
                part.attach(t);
                out = out == null ? part : out.concat(part, 0);
                out.attach(t);
                g.close();
                d2.close();
                k.close();
            }
            return TorchArrays.download(out);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
