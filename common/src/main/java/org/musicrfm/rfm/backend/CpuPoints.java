package org.musicrfm.rfm.backend;

import java.util.IdentityHashMap;
import java.util.Map;
import org.musicrfm.rfm.linalg.Blas;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Parallel;

/** Points held in host memory in the CPU backend's precision, with optional identity-M Gram caches. */
final class CpuPoints implements Points {

    /** X·Zᵀ with the squared norms of both sides: what a kernel under M = I needs. */
    record IdentityGram(Mat gram, double[] rowNorms, double[] colNorms) {}

    private final Mat x;
    private final Parallel par;
    private final Map<Points, IdentityGram> grams = new IdentityHashMap<>();

    CpuPoints(Mat x, Parallel par) {
        this.x = x;
        this.par = par;
    }

    @Override
    public int rows() {
        return x.rows();
    }

    @Override
    public int cols() {
        return x.cols();
    }

    @Override
    public Mat host() {
        return x;
    }

    @Override
    public synchronized void cacheIdentityDistances(Points reference) {
        if (!(reference instanceof CpuPoints ref)) {
            throw new IllegalArgumentException("reference points come from another backend: " + reference);
        }
        if (ref.cols() != cols()) {
            throw new IllegalArgumentException("points have " + cols() + " features, reference " + ref.cols());
        }
        if (grams.containsKey(ref)) {
            return;
        }
        double[] rowNorms = Geometry.norms(x, x, par);
        Mat g = Mat.zeros(rows(), ref.rows(), x.precision());
        if (ref == this) {
            // Same routine as the uncached training kernel, so cached and fresh fits agree bitwise.
            Geometry.upperGram(x, x, g);
            grams.put(ref, new IdentityGram(g, rowNorms, rowNorms));
        } else {
            Blas.gemm(false, true, 1.0, x, ref.x, 0.0, g);
            grams.put(ref, new IdentityGram(g, rowNorms, Geometry.norms(ref.x, ref.x, par)));
        }
    }

    /** The cached identity Gram to {@code reference}, or null. */
    synchronized IdentityGram identityGram(Points reference) {
        return grams.get(reference);
    }
}
