package org.musicrfm.rfm.aggregate;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.musicrfm.rfm.search.SearchSpace;

/**
 * The aggregator's random-search space: the probes' space (bandwidth ~ logU, reg ~ logU, centring
 * ~ {false, true}, q ~ U) plus the norm p ~ U(q, pMax); the paper's p ~ U(q, 2).
 */
public record AggregateSpace(SearchSpace base, double pMax) implements Serializable {

    public AggregateSpace {
        if (!(pMax <= 2.0 && pMax >= base.qMax())) {
            throw new IllegalArgumentException("p's upper bound must lie in [q max = " + base.qMax() + ", 2], got "
                    + pMax);
        }
    }

    /** bandwidth logU(1, 100), reg logU(1e-5, 10), centring, q U(0.7, 1.4), p U(q, 2). */
    public static AggregateSpace paper() {
        return new AggregateSpace(SearchSpace.paper(), 2.0);
    }

    /** Draws one trial's parameters; the draw order is fixed (bandwidth, reg, centring, q, p). */
    public AggregateParams sample(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double bandwidth = logUniform(r, base.bandwidthMin(), base.bandwidthMax());
        double reg = logUniform(r, base.regMin(), base.regMax());
        boolean center = base.searchCentering() && r.nextBoolean();
        double q = base.qMin() + (base.qMax() - base.qMin()) * r.nextDouble();
        double p = q + (pMax - q) * r.nextDouble();
        return new AggregateParams(bandwidth, reg, center, q, p);
    }

    private static double logUniform(SplittableRandom r, double lo, double hi) {
        return Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * r.nextDouble());
    }
}
