package org.musicrfm.rfm.backend;

import org.musicrfm.rfm.linalg.Mat;

/**
 * A solved kernel ridge regression on the training points: the coefficients α and whatever the
 * backend keeps (kernel weights) to evaluate gradients. Holds O(n²) memory until closed.
 */
public interface KernelSystem extends AutoCloseable {

    /** α, n × c, in the backend precision. */
    Mat alpha();

    /** How the system was solved. */
    SolveReport report();

    /** f at the rows of q (n_q × c, FLOAT64), while the system is open. */
    Mat predict(Points q);

    /**
     * A light predictor (no n×n state) for f(x) = Σ_i α_i k(x_i, x) that stays valid after this
     * system is closed; close it when done (it may hold accelerator memory).
     */
    KernelPredictor predictor();

    /**
     * The AGOP Σ_{l, j} ∇f_l(x_j) ∇f_l(x_j)ᵀ over all training points x_j and outputs l, not
     * normalized; with {@code center} the mean gradient (over points and outputs) is subtracted
     * first. d × d, or d × 1 (its diagonal) when M is diagonal; backend precision.
     */
    Mat agop(boolean center);

    /**
     * The AGOP computed as {@code plan} says (a cheaper exact formulation, or gradients at a
     * seeded subsample of the points). Backends that only have the per-output pass accept
     * {@link AgopPlan#perOutput()} and plans whose exact method resolves to it.
     */
    default Mat agop(boolean center, AgopPlan plan) {
        if (plan.samples(alpha().rows()) || plan.method() == AgopPlan.Method.GRAM) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " computes the AGOP per output only, not "
                    + plan);
        }
        return agop(center);
    }

    @Override
    void close();
}
