package org.musicrfm.rfm.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import org.musicrfm.rfm.backend.KernelSpec;
import org.musicrfm.rfm.backend.KernelPredictor;
import org.musicrfm.rfm.backend.KernelSystem;
import org.musicrfm.rfm.backend.Points;
import org.musicrfm.rfm.backend.SolveReport;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;

/**
 * Kernel ridge regression with exp(−‖x − z‖_M^q / L^q) on a torch device, with the same formulas
 * as the CPU backend: r² from Gram products (self-pairs exactly 0), K and the gradient weights W
 * as whole n×n arrays, the robust solve through {@link TorchLinalg}, and the AGOP as one W·B
 * product per output. All arrays live in this system's manager until {@link #close()}.
 */
final class TorchKernelSystem implements KernelSystem {

    private final NDManager sys;
    private final TorchBackend backend;
    private final TorchPoints train;
    private final NDArray mArr; // null = identity; [1, d] when diagonal; [d, d] otherwise
    private final boolean diagonal;
    private final KernelSpec spec;
    private final NDArray x;
    private final NDArray xm;
    private final NDArray norms;
    private final NDArray w;
    private final NDArray alpha;
    private final SolveReport report;

    TorchKernelSystem(TorchBackend backend, TorchPoints train, Mat y, Mat m, KernelSpec spec, double reg) {
        this.backend = backend;
        this.train = train;
        this.spec = spec;
        this.sys = backend.root().newSubManager();
        int n = train.rows();
        Precision p = backend.precision();
        this.x = own(train.array().duplicate());
        this.diagonal = m != null && m.cols() == 1;
        this.mArr = m == null ? null : own(diagonal
                ? TorchArrays.upload(m, p, sys).reshape(1, m.rows())
                : TorchArrays.upload(m, p, sys));
        this.xm = transform(x);
        this.norms = own(xm.mul(x).sum(new int[] {1}));
        NDArray d2;
        TorchPoints.IdentityGram cached = m == null ? train.identityGram(train) : null;
        if (cached != null) {
            d2 = squaredDistances(cached.gram(), cached.rowNorms(), cached.colNorms());
        } else {
            try (NDArray g = own(xm.matMul(x.transpose()))) {
                d2 = squaredDistances(g, norms, norms);
            }
        }
        NDArray eye = sys.eye(n, n, 0, TorchArrays.dataType(p));
        NDArray offDiagonal = own(eye.neg().add(1.0));
        NDArray d2z = own(d2.mul(offDiagonal)); // self-pairs at distance 0 exactly
        d2.close();
        offDiagonal.close();
        NDArray rq = powQ(d2z);
        NDArray k = own(rq.mul(-spec.inverseScale()).exp());
        NDArray ratio = own(rq.div(d2z)); // r^{q−2}; inf/nan where masked below
        NDArray kr = own(k.mul(ratio));
        ratio.close();
        NDArray weights = own(kr.mul(-spec.exponent() * spec.inverseScale()));
        kr.close();
        NDArray mask = own(d2z.gte(KernelSpec.MASK_EPS * KernelSpec.MASK_EPS));
        NDArray zeros = own(sys.zeros(k.getShape(), k.getDataType()));
        this.w = own(NDArrays.where(mask, weights, zeros));
        mask.close();
        weights.close();
        zeros.close();
        rq.close();
        d2z.close();
        NDArray regEye = own(eye.mul(reg));
        eye.close();
        NDArray a = own(k.add(regEye));
        regEye.close();
        k.close();
        NDArray yArr = TorchArrays.upload(y, p, sys);
        TorchLinalg.Solve s = backend.linalg().solve(a, yArr, sys);
        a.close();
        yArr.close();
        this.alpha = own(s.alpha());
        this.report = switch (s.method()) {
            case 0 -> SolveReport.cholesky();
            case 1 -> new SolveReport(SolveReport.Method.LU, 0.0);
            default -> new SolveReport(SolveReport.Method.SHIFTED_LU, s.shift());
        };
    }

    private NDArray own(NDArray a) {
        a.attach(sys);
        return a;
    }

    private NDArray transform(NDArray points) {
        if (mArr == null) {
            return points;
        }
        return own(diagonal ? points.mul(mArr) : points.matMul(mArr));
    }

    /** max(‖a‖² + ‖b‖² − 2g, 0). */
    private NDArray squaredDistances(NDArray g, NDArray rowNorms, NDArray colNorms) {
        long r = g.getShape().get(0);
        long c = g.getShape().get(1);
        NDArray t = own(g.mul(-2.0));
        NDArray u = own(t.add(own(rowNorms.reshape(r, 1))));
        t.close();
        NDArray v = own(u.add(own(colNorms.reshape(1, c))));
        u.close();
        NDArray out = own(v.maximum(0.0));
        v.close();
        return out;
    }

    private NDArray powQ(NDArray d2) {
        double q = spec.exponent();
        return own(q == 1.0 ? d2.sqrt() : q == 2.0 ? d2.duplicate() : d2.pow(q / 2.0));
    }

    @Override
    public Mat alpha() {
        return TorchArrays.download(alpha, backend.precision());
    }

    @Override
    public SolveReport report() {
        return report;
    }

    @Override
    public Mat predict(Points q) {
        return TorchPredictor.predict(backend, spec, train, xm, norms, alpha, mArr, diagonal, q, sys);
    }

    @Override
    public KernelPredictor predictor() {
        NDManager pm = backend.root().newSubManager();
        NDArray[] copies = {xm, norms, alpha, mArr};
        for (int i = 0; i < copies.length; i++) {
            if (copies[i] != null) {
                copies[i] = copies[i].duplicate();
                copies[i].attach(pm);
            }
        }
        return new TorchPredictor(backend, spec, train, copies[0], copies[1], copies[2], copies[3], diagonal, pm);
    }

    @Override
    public synchronized Mat agop(boolean center) {
        int n = train.rows();
        int d = train.cols();
        int c = (int) alpha.getShape().get(1);
        try (NDManager t = sys.newSubManager()) {
            NDArray mean = null;
            if (center) {
                // Σ_j ∇f_l(z_j) = XMᵀ·(W·α_l − α_l ∘ W·1), averaged over points and outputs
                NDArray ones = t.ones(new ai.djl.ndarray.types.Shape(n, 1), alpha.getDataType());
                NDArray s = w.matMul(alpha.concat(ones, 1));
                s.attach(t);
                NDArray wa = s.get(":, 0:" + c);
                NDArray w1 = s.get(":, " + c + ":" + (c + 1));
                NDArray v = wa.sub(alpha.mul(w1)).sum(new int[] {1}, true);
                v.attach(t);
                mean = xm.transpose().matMul(v).reshape(1, d).div((double) n * c);
                mean.attach(t);
            }
            NDArray agop = null;
            for (int l = 0; l < c; l++) {
                NDArray a = alpha.get(":, " + l + ":" + (l + 1));
                a.attach(t);
                NDArray b = xm.mul(a);
                b.attach(t);
                NDArray pw = w.matMul(b);
                pw.attach(t);
                NDArray s = w.matMul(a);
                s.attach(t);
                NDArray g = xm.mul(s).sub(pw);
                g.attach(t);
                if (mean != null) {
                    g = g.sub(mean);
                    g.attach(t);
                }
                NDArray term = diagonal ? g.square().sum(new int[] {0}) : g.transpose().matMul(g);
                term.attach(t);
                agop = agop == null ? term : agop.add(term);
                agop.attach(t);
                b.close();
                pw.close();
            }
            return TorchArrays.download(agop, backend.precision());
        }
    }

    @Override
    public void close() {
        sys.close();
    }
}
