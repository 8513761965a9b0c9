package org.musicrfm.rfm;

/**
 * How raw RFM outputs become class probabilities. A single binary output f is first read as the
 * two classes [1 − f, f].
 */
public enum ProbabilityMode {
    /** Softmax over the outputs (the paper's choice for probe accuracy and traces). */
    SOFTMAX,
    /** Clamp to [1e-3, 1 − 1e-3] and renormalize (xRFM's {@code predict_proba}). */
    CLAMP
}
