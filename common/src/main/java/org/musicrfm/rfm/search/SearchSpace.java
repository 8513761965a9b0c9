package org.musicrfm.rfm.search;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * The random-search space of the paper (Table 7): bandwidth ~ logU(1, 100), reg ~ logU(1e-5, 10),
 * centring ~ {false, true}, q ~ U(0.7, 1.4). Bounds are configurable.
 */
public record SearchSpace(double bandwidthMin, double bandwidthMax, double regMin, double regMax, double qMin,
                          double qMax, boolean searchCentering) implements Serializable {

    public SearchSpace {
        if (!(bandwidthMin > 0 && bandwidthMax >= bandwidthMin && regMin > 0 && regMax >= regMin && qMin > 0
                && qMax >= qMin)) {
            throw new IllegalArgumentException("invalid search space " + bandwidthMin + ".." + bandwidthMax + ", reg "
                    + regMin + ".." + regMax + ", q " + qMin + ".." + qMax);
        }
    }

    /** The paper's space. */
    public static SearchSpace paper() {
        return new SearchSpace(1.0, 100.0, 1e-5, 10.0, 0.7, 1.4, true);
    }

    /** Draws one set of parameters; the draw order is fixed (bandwidth, reg, centring, q). */
    public TrialParams sample(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double bandwidth = logUniform(r, bandwidthMin, bandwidthMax);
        double reg = logUniform(r, regMin, regMax);
        boolean center = searchCentering && r.nextBoolean();
        double q = qMin + (qMax - qMin) * r.nextDouble();
        return new TrialParams(bandwidth, reg, center, q);
    }

    private static double logUniform(SplittableRandom r, double lo, double hi) {
        return Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * r.nextDouble());
    }
}
