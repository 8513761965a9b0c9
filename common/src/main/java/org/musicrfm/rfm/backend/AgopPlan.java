package org.musicrfm.rfm.backend;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * How an AGOP Σ_{l,j} ∇f_l(x_j)∇f_l(x_j)ᵀ is computed.
 *
 * <ul>
 *   <li>{@link Method#PER_OUTPUT}: per output l one n×n by n×(d+1) product and one rank-n update,
 *       c·(2n²(d+1) + n·d²) flops (the only method of the torch backend and of diagonal M).</li>
 *   <li>{@link Method#GRAM}: exact rewrite for many outputs, AGOP = (XM)ᵀ·C·(XM) with one n×n
 *       matrix C summed over the outputs, n³ + 2n²d + 2nd² + O(n²c) flops and two more n×n arrays.</li>
 *   <li>{@link Method#AUTO}: whichever of the two counts fewer flops.</li>
 * </ul>
 * With {@code sample} = m in (0, n) the gradients are taken at m training points drawn without
 * replacement by {@code seed} (an approximation: M is then the AGOP of a subsample), per output
 * 2m·n·(d+1) + m·d² flops.
 */
public record AgopPlan(Method method, int sample, long seed) implements Serializable {

    /** Which formulation computes the AGOP. */
    public enum Method { PER_OUTPUT, GRAM, AUTO }

    public AgopPlan {
        if (method == null) {
            throw new IllegalArgumentException("AGOP method is required");
        }
        if (sample < 0) {
            throw new IllegalArgumentException("AGOP sample size must be >= 0 (0 = all points), got " + sample);
        }
    }

    /** All points, one pass per output: what {@link KernelSystem#agop(boolean)} does. */
    public static AgopPlan perOutput() {
        return new AgopPlan(Method.PER_OUTPUT, 0, 0L);
    }

    /** All points, the cheaper exact formulation for the output count. */
    public static AgopPlan auto() {
        return new AgopPlan(Method.AUTO, 0, 0L);
    }

    /** This plan with the gradients taken at {@code m} seeded points (0 = all). */
    public AgopPlan withSample(int m, long sampleSeed) {
        return new AgopPlan(method, m, sampleSeed);
    }

    /** True when the plan samples fewer than n points. */
    public boolean samples(int n) {
        return sample > 0 && sample < n;
    }

    /** Whether the exact computation uses {@link Method#GRAM} for n points, d features and c outputs. */
    public boolean useGram(int n, int d, int c) {
        return switch (method) {
            case PER_OUTPUT -> false;
            case GRAM -> true;
            case AUTO -> gramFlops(n, d, c) < perOutputFlops(n, d, c);
        };
    }

    /** Nominal flops of the per-output method. */
    public static double perOutputFlops(long n, long d, long c) {
        return c * (2.0 * n * n * (d + 1) + (double) n * d * (d + 1));
    }

    /** Nominal flops of the Gram method. */
    public static double gramFlops(long n, long d, long c) {
        return (double) n * n * (n + 1) + 2.0 * n * n * d + 2.0 * n * d * d + 6.0 * n * n * c;
    }

    /** The m sampled row indices in [0, n), ascending. */
    public int[] rows(int n) {
        int m = Math.min(sample, n);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < m; i++) { // partial Fisher–Yates
            int k = i + r.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[k];
            idx[k] = t;
        }
        int[] out = java.util.Arrays.copyOf(idx, m);
        java.util.Arrays.sort(out);
        return out;
    }
}
