package org.musicrfm.model.io;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * Reproducible random draws: one generator per (seed, tensor name), so a tensor's values do not
 * depend on the order tensors are written in. Normals use the Marsaglia polar method with
 * {@link StrictMath}, so the same seed gives the same bits on every JVM and platform.
 */
public final class SeededInit {

    private final SplittableRandom random;
    private double spare;
    private boolean hasSpare;

    public SeededInit(long seed, String name) {
        this.random = new SplittableRandom(mix(seed, name));
    }

    static long mix(long seed, String name) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Long.toString(seed).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            byte[] d = sha.digest(name.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (d[i] & 0xff);
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A standard normal draw. */
    double gaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spare = v * m;
        hasSpare = true;
        return u * m;
    }

    /** Uniform in [-a, a). */
    double uniform(double a) {
        return (2 * random.nextDouble() - 1) * a;
    }

    public float[] normal(long count, double std) {
        float[] out = new float[Math.toIntExact(count)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (gaussian() * std);
        }
        return out;
    }

    float[] uniformArray(long count, double a) {
        float[] out = new float[Math.toIntExact(count)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) uniform(a);
        }
        return out;
    }
}
