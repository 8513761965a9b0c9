package org.musicrfm.rfm.backend;

import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;

/**
 * The compute operations of an RFM, behind which a CPU (native BLAS/LAPACK) or an accelerator
 * (libtorch) implementation sits. The iteration logic, metrics and model selection above it are
 * backend-neutral; only the n×n kernel work and the gradients live here.
 *
 * <p>Host matrices ({@link Mat}) go in and out; what a backend keeps between calls (the kernel
 * system, uploaded points) is held by the objects it returns, which callers close.
 */
public interface RfmBackend {

    /** Precision of the large arrays and of the factorizations. */
    Precision precision();

    /** Prepares a set of points (rows of x) for use with this backend, converting precision. */
    Points points(Mat x);

    /**
     * Builds K(X, X) under M (null = identity; a d×1 matrix for a diagonal M), adds reg to its
     * diagonal and solves (K + reg·I)·α = Y robustly. The result keeps what gradients need.
     *
     * @param y targets, n × c
     */
    KernelSystem solve(Points train, Mat y, Mat m, KernelSpec kernel, double reg);

    /** Eigendecomposition of a symmetric matrix, eigenvalues in descending order. */
    SymmetricEigen eigh(Mat symmetric);
}
