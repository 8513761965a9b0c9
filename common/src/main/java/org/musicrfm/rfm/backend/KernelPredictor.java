package org.musicrfm.rfm.backend;

import org.musicrfm.rfm.linalg.Mat;

/** Evaluates a fitted kernel machine f(x) = Σ_i α_i k(x_i, x) at new points. */
public interface KernelPredictor extends AutoCloseable {

    /** f at the rows of q: n_q × c, FLOAT64. */
    Mat predict(Points q);

    /** Number of outputs c. */
    int outputs();

    /** The coefficients α (n × c, the backend's precision), for persisting a fitted probe. */
    default Mat coefficients() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not expose its coefficients");
    }

    /** Releases what the predictor holds (nothing on the CPU). */
    @Override
    default void close() {}
}
