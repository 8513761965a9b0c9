package org.musicrfm.steering;

import java.util.Arrays;
import java.util.Locale;
import org.musicrfm.model.SplitMix;

/**
 * The stochastic gate ψ ∈ {0, 1}: a direction is added only where its gate is open.
 * <ul>
 *   <li>{@link Open}: always (p = 1).</li>
 *   <li>{@link Bernoulli}: open with probability p, drawn per decoding step (the paper: every layer of a
 *       step shares the draw) or per step and layer (the released code). Each draw is a pure function
 *       of (seed, step, layer) — see {@link #uniform} — never of call order, so cached and uncached
 *       decoding, and any replay, see the same gates.</li>
 *   <li>{@link Sequence}: an explicit 0/1 value per step, repeating with its length as the period
 *       (the fixture's {@code schedule.gate} is such a sequence).</li>
 * </ul>
 */
public sealed interface Gate {

    /** Paper's best gate probability. */
    double PAPER_P = 0.3;

    /** ψ at {@code step} for block {@code layer}: 0 or 1. */
    double value(int step, int layer);

    /** True when the gate never opens (the direction then costs nothing). */
    boolean isClosed();

    /** Canonical text for sidecars ({@code open}, {@code bernoulli:0.3,step,seed=7}, {@code seq:1,0,1}). */
    String spec();

    static Gate open() {
        return Open.INSTANCE;
    }

    static Gate bernoulli(double p, Mode mode, long seed) {
        return new Bernoulli(p, mode, seed);
    }

    static Gate sequence(int... values) {
        return new Sequence(values);
    }

    /** What one Bernoulli draw covers. */
    enum Mode {
        /** One draw per decoding step, shared by every layer (the paper). */
        STEP,
        /** One draw per decoding step and layer (the released code). */
        STEP_LAYER;

        /** {@code step} or {@code step-layer}. */
        public static Mode parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
                case "step" -> STEP;
                case "step-layer", "layer" -> STEP_LAYER;
                default -> throw new IllegalArgumentException("gate mode '" + s + "': expected step or step-layer");
            };
        }

        public String label() {
            return this == STEP ? "step" : "step-layer";
        }
    }

    /**
     * Parses {@code 0.3} (Bernoulli with the given mode and seed; {@code 1} is {@link Open}) or
     * {@code seq:1,1,0,1} (an explicit sequence).
     */
    static Gate parse(String text, Mode mode, long seed) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("seq:")) {
            String[] parts = s.substring(4).split(",");
            int[] v = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                v[i] = Numbers.parseInt(parts[i], "gate '" + text + "'");
            }
            return sequence(v);
        }
        if (s.equals("open")) {
            return open();
        }
        double p = Numbers.parse(s, "gate '" + text + "' (a probability or seq:1,0,…)");
        return p == 1 ? open() : bernoulli(p, mode, seed);
    }

    /**
     * The uniform number in [0, 1) behind the draw at (seed, step, layer); {@code layer = -1} for
     * per-step draws. SplitMix64 twice: {@code z = mix(seed + γ·(step + 1))}, {@code z = mix(z + γ·(layer + 2))},
     * {@code u = (z >>> 11) · 2^-53}, with γ = 0x9E3779B97F4A7C15 and mix the SplitMix64 finalizer
     * (shifts 30, 27, 31; multipliers 0xBF58476D1CE4E5B9, 0x94D049BB133111EB), all modulo 2^64, so
     * other languages can reproduce the gates.
     */
    static double uniform(long seed, int step, int layer) {
        return SplitMix.uniform(seed, step, layer);
    }

    /** Always open. */
    final class Open implements Gate {
        static final Open INSTANCE = new Open();

        private Open() {}

        @Override
        public double value(int step, int layer) {
            return 1;
        }

        @Override
        public boolean isClosed() {
            return false;
        }

        @Override
        public String spec() {
            return "open";
        }

        @Override
        public String toString() {
            return spec();
        }
    }

    /** Open where {@code uniform(seed, step, layer or -1) < p}. */
    record Bernoulli(double p, Mode mode, long seed) implements Gate {
        public Bernoulli {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("gate probability " + p + ": expected 0 <= p <= 1");
            }
            if (mode == null) {
                throw new IllegalArgumentException("gate mode is null");
            }
        }

        @Override
        public double value(int step, int layer) {
            if (p == 1) {
                return 1;
            }
            return uniform(seed, step, mode == Mode.STEP ? -1 : layer) < p ? 1 : 0;
        }

        @Override
        public boolean isClosed() {
            return p == 0;
        }

        @Override
        public String spec() {
            return "bernoulli:" + Numbers.format(p) + "," + mode.label() + ",seed=" + seed;
        }
    }

    /** Explicit 0/1 values per step, repeating. */
    record Sequence(int[] values) implements Gate {
        public Sequence {
            if (values.length == 0) {
                throw new IllegalArgumentException("gate sequence is empty");
            }
            for (int v : values) {
                if (v != 0 && v != 1) {
                    throw new IllegalArgumentException("gate sequence " + Arrays.toString(values) + ": values must be 0 or 1");
                }
            }
            values = values.clone();
        }

        @Override
        public double value(int step, int layer) {
            return values[step % values.length];
        }

        @Override
        public boolean isClosed() {
            return Arrays.stream(values).allMatch(v -> v == 0);
        }

        @Override
        public String spec() {
            StringBuilder b = new StringBuilder("seq:");
            for (int i = 0; i < values.length; i++) {
                b.append(i == 0 ? "" : ",").append(values[i]);
            }
            return b.toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Sequence s && Arrays.equals(values, s.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return spec();
        }
    }
}
