package org.musicrfm.rfm.backend;

import org.musicrfm.rfm.linalg.Mat;

/** A set of points (rows) prepared for a backend. */
public interface Points {

    int rows();

    int cols();

    /** The points as a host matrix in the backend's precision. */
    Mat host();

    /**
     * Computes and keeps the squared Euclidean distances from these points to {@code reference}
     * (itself allowed): kernels under M = I (the first RFM iteration of every trial of a layer)
     * then reuse them instead of recomputing.
     */
    void cacheIdentityDistances(Points reference);
}
