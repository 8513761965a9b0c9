package org.musicrfm.rfm.backend;


/**
 * Scalar pieces of K_{p,q}(x, z) = exp(−‖x − z‖_p^q / L^q) on row-major points:
 * s = Σ_k |x_k − z_k|^p, k = exp(−s^{q/p} / L^q) and the gradient weight
 * a = −(q/L^q)·k·‖r‖_p^{q−p} (0 for ‖r‖_p &lt; 1e-10), so that
 * ∂k/∂z_k = a·φ(z_k − x_k) with φ(t) = |t|^{p−1}·sign(t).
 */
final class LpqGeometry {

    private final double p;
    private final double q;
    private final double invLq;

    LpqGeometry(KernelSpec spec) {
        this.p = spec.p();
        this.q = spec.exponent();
        this.invLq = spec.inverseScale();
    }

    /** Σ_k |u[io+k] − v[jo+k]|^p. */
    double powerSum(double[] u, int io, double[] v, int jo, int d) {
        double s = 0;
        if (p == 2.0) {
            for (int k = 0; k < d; k++) {
                double t = u[io + k] - v[jo + k];
                s += t * t;
            }
        } else if (p == 1.0) {
            for (int k = 0; k < d; k++) {
                s += Math.abs(u[io + k] - v[jo + k]);
            }
        } else {
            for (int k = 0; k < d; k++) {
                s += Math.pow(Math.abs(u[io + k] - v[jo + k]), p);
            }
        }
        return s;
    }

    /** ‖r‖_p from its power sum. */
    double norm(double powerSum) {
        return p == 2.0 ? Math.sqrt(powerSum) : p == 1.0 ? powerSum : Math.pow(powerSum, 1.0 / p);
    }

    double kernel(double norm) {
        return Math.exp(-Math.pow(norm, q) * invLq);
    }

    double weight(double norm, double k) {
        if (!(norm >= KernelSpec.MASK_EPS)) {
            return 0.0;
        }
        return -q * invLq * k * Math.pow(norm, q - p);
    }

    /** φ(t) = |t|^{p−1}·sign(t) (0 at t = 0). */
    double phi(double t) {
        if (p == 2.0) {
            return t;
        }
        if (t == 0.0) {
            return 0.0;
        }
        if (p == 1.0) {
            return Math.signum(t);
        }
        return Math.copySign(Math.pow(Math.abs(t), p - 1.0), t);
    }
}
