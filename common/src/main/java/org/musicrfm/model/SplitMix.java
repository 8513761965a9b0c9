package org.musicrfm.model;

/**
 * Counter-based random numbers: a uniform in [0, 1) that is a pure function of a seed and an item's
 * identity, never of call order, so results do not depend on partitioning, retries or batch size. {@code z_0 = seed},
 * {@code z_{j+1} = mix(z_j + γ·(id_j + j + 1))}, {@code u = (z_n >>> 11) · 2^-53}, with γ =
 * 0x9E3779B97F4A7C15 and mix the SplitMix64 finalizer; all arithmetic modulo 2^64. Used for sampling
 * draws (seed, prompt, sample, step, codebook) and steering gates (seed, step, layer).
 */
public final class SplitMix {

    static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private SplitMix() {}

    public static double uniform(long seed, long... ids) {
        long z = seed;
        for (int j = 0; j < ids.length; j++) {
            z = mix(z + GOLDEN * (ids[j] + j + 1));
        }
        return (z >>> 11) * 0x1.0p-53;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
