package org.musicrfm.rfm.backend;


/**
 * The scalar part of the Laplace-type kernel for one pair, from its squared distance r² = ‖x − z‖²:
 * k = exp(−r^q / L^q) and the gradient weight w = −(q / L^q)·k·r^{q−2} (0 for r &lt; 1e-10), so that
 * ∇_z k(x, z) = w·M(z − x).
 */
final class LaplacePair {

    private final double q;
    private final double invLq;
    private final double halfQ;
    private final double weightScale;
    private static final double MASK_SQ = KernelSpec.MASK_EPS * KernelSpec.MASK_EPS;

    LaplacePair(KernelSpec spec) {
        this.q = spec.exponent();
        this.invLq = spec.inverseScale();
        this.halfQ = q / 2.0;
        this.weightScale = -q * invLq;
    }

    /** r^q from r². */
    double powQ(double r2) {
        if (q == 1.0) {
            return Math.sqrt(r2);
        }
        if (q == 2.0) {
            return r2;
        }
        return Math.pow(r2, halfQ);
    }

    /** k from r^q. */
    double kernel(double rq) {
        return Math.exp(-rq * invLq);
    }

    /** w from r², r^q and k. */
    double weight(double r2, double rq, double k) {
        if (!(r2 >= MASK_SQ)) {
            return 0.0;
        }
        return weightScale * k * (rq / r2);
    }
}
