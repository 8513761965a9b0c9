package org.musicrfm.rfm.backend;

/**
 * A Laplace-type kernel with bandwidth L and exponent q.
 * <ul>
 *   <li>{@link Type#MAHALANOBIS}: k(x, z) = exp(−‖x − z‖_M^q / L^q), ‖v‖²_M = vᵀMv, with a full
 *       M or, when {@code diagonalM}, a diagonal one (xRFM's {@code l2_high_dim}).</li>
 *   <li>{@link Type#LPQ}: k(x, z) = exp(−‖S(x − z)‖_p^q / L^q) with S = M^{1/2} (identity at the
 *       start), the K_{p,q} kernel of the layer-aggregation model (xRFM's {@code lpq}).</li>
 * </ul>
 *
 * @param p the norm of {@link Type#LPQ} (ignored otherwise), 0 &lt; q ≤ p ≤ 2
 */
public record KernelSpec(Type type, double bandwidth, double exponent, double p, boolean diagonalM) {

    /** Kernel family. */
    public enum Type { MAHALANOBIS, LPQ }

    /** Pairs closer than this have their gradient term masked (xRFM's eps). */
    public static final double MASK_EPS = 1e-10;

    public KernelSpec {
        if (!(bandwidth > 0) || !Double.isFinite(bandwidth)) {
            throw new IllegalArgumentException("kernel bandwidth must be a positive number, got " + bandwidth);
        }
        if (!(exponent > 0) || !Double.isFinite(exponent)) {
            throw new IllegalArgumentException("kernel exponent q must be positive, got " + exponent);
        }
        if (type == Type.LPQ && !(p > 0 && p <= 2 && exponent <= p)) {
            throw new IllegalArgumentException("K_{p,q} kernel needs 0 < q <= p <= 2, got p=" + p + " q=" + exponent);
        }
        if (type == Type.LPQ && diagonalM) {
            throw new IllegalArgumentException("K_{p,q} kernel supports a full M only");
        }
    }

    /** exp(−‖x − z‖_M^q / L^q) with a full M. */
    public static KernelSpec mahalanobis(double bandwidth, double exponent) {
        return new KernelSpec(Type.MAHALANOBIS, bandwidth, exponent, 2.0, false);
    }

    /** exp(−‖x − z‖_M^q / L^q) with a diagonal M. */
    public static KernelSpec mahalanobisDiagonal(double bandwidth, double exponent) {
        return new KernelSpec(Type.MAHALANOBIS, bandwidth, exponent, 2.0, true);
    }

    /** exp(−‖x − z‖_p^q / L^q) (after the learned transform M^{1/2}). */
    public static KernelSpec lpq(double bandwidth, double p, double q) {
        return new KernelSpec(Type.LPQ, bandwidth, q, p, false);
    }

    /** 1 / L^q. */
    public double inverseScale() {
        return 1.0 / Math.pow(bandwidth, exponent);
    }
}
