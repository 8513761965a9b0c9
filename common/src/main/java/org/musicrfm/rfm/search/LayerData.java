package org.musicrfm.rfm.search;

import org.musicrfm.rfm.backend.Points;
import org.musicrfm.rfm.backend.RfmBackend;
import org.musicrfm.rfm.linalg.Mat;

/**
 * The activations of one (concept, layer) split into train/validation/test, prepared once and
 * shared by every target and trial of that layer. With {@code cacheIdentity}, the Gram matrices
 * under M = I (train·trainᵀ, val·trainᵀ, test·trainᵀ) are computed once, so the first RFM
 * iteration of every trial skips its largest product.
 */
public record LayerData(Points train, Points val, Points test) {

    public static LayerData prepare(RfmBackend backend, Mat train, Mat val, Mat test, boolean cacheIdentity) {
        if (train.cols() != val.cols() || train.cols() != test.cols()) {
            throw new IllegalArgumentException("feature counts differ: train " + train.cols() + ", val " + val.cols()
                    + ", test " + test.cols());
        }
        LayerData d = new LayerData(backend.points(train), backend.points(val), backend.points(test));
        if (cacheIdentity) {
            d.train.cacheIdentityDistances(d.train);
            d.val.cacheIdentityDistances(d.train);
            d.test.cacheIdentityDistances(d.train);
        }
        return d;
    }
}
