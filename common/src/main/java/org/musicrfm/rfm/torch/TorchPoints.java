package org.musicrfm.rfm.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.IdentityHashMap;
import java.util.Map;
import org.musicrfm.rfm.backend.Points;
import org.musicrfm.rfm.linalg.Mat;

/** Points uploaded to the torch device, with optional identity-M Gram caches (also on the device). */
final class TorchPoints implements Points {

    /** X·Zᵀ and the squared row norms of both sides. */
    record IdentityGram(NDArray gram, NDArray rowNorms, NDArray colNorms) {}

    private final Mat host;
    private final NDManager manager;
    private final NDArray x;
    private final Map<Points, IdentityGram> grams = new IdentityHashMap<>();

    TorchPoints(Mat host, NDManager manager, NDArray x) {
        this.host = host;
        this.manager = manager;
        this.x = x;
    }

    NDArray array() {
        return x;
    }

    @Override
    public int rows() {
        return host.rows();
    }

    @Override
    public int cols() {
        return host.cols();
    }

    @Override
    public Mat host() {
        return host;
    }

    @Override
    public synchronized void cacheIdentityDistances(Points reference) {
        if (!(reference instanceof TorchPoints ref)) {
            throw new IllegalArgumentException("reference points come from another backend: " + reference);
        }
        if (ref.cols() != cols()) {
            throw new IllegalArgumentException("points have " + cols() + " features, reference " + ref.cols());
        }
        if (grams.containsKey(ref)) {
            return;
        }
        NDArray g = x.matMul(ref.x.transpose());
        g.attach(manager);
        NDArray rn = x.mul(x).sum(new int[] {1});
        rn.attach(manager);
        NDArray cn = ref.x.mul(ref.x).sum(new int[] {1});
        cn.attach(manager);
        grams.put(ref, new IdentityGram(g, rn, cn));
    }

    synchronized IdentityGram identityGram(Points reference) {
        return grams.get(reference);
    }
}
