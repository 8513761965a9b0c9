package org.musicrfm.steering;

import java.util.Arrays;
import java.util.List;

/**
 * A time profile φ(t) over decoding steps {@code t = 0, 1, …} (the model's frame rate per second of
 * audio, {@link Steps#perSecond}: 50 for musicgen-small). The Appendix E shapes
 * with their constants as defaults, a piecewise-linear envelope, fades for cross-fades, and three
 * combinators: a window (start later, stop early), the complement {@code 1 − φ} and products.
 *
 * <p>Text form ({@link #parse}, {@link #spec}); times in steps or seconds ({@code 30s}, converted to
 * steps at the decoding model's rate when parsed; {@link #spec} writes steps):
 * <pre>
 *   SPEC := TERM {'*' TERM}
 *   TERM := PRIM ['@' START ['..' STOP]]        a window: starts at START (evaluated from there), 0 from STOP
 *   PRIM := '1-' PRIM | BASE | '(' SPEC ')'      '1-': the complement
 *   BASE := constant[:v] | linear-rise[:T] | linear-decay[:T] | exp-decay[:r] | logistic-rise[:t0[,s]]
 *         | sine[:P] | fade-in:A..B | fade-out:A..B | points:t=v{,t=v}
 * </pre>
 * e.g. {@code exp-decay}, {@code exp-decay:0.998}, {@code linear-rise:1500}, {@code linear-rise:30s},
 * {@code points:0=0,2s=1,4s=0}, {@code exp-decay@2s..8s} (starts at 2 s, evaluated from its own
 * start, off from 8 s), {@code sine*fade-out:10s..12s}.
 */
public sealed interface Schedule {

    /** Appendix E: linear ramps reach 1 after 1500 steps (30 s at 50 steps per second). The defaults are steps. */
    double LINEAR_STEPS = 1500;
    /** Appendix E: exponential decay ratio per step. */
    double EXP_RATIO = 0.998;
    /** Appendix E: logistic rise midpoint (steps). */
    double LOGISTIC_MIDPOINT = 750;
    /** Appendix E: logistic rise scale (steps). */
    double LOGISTIC_SCALE = 200;
    /** Appendix E: sine period (steps). */
    double SINE_PERIOD = 1500;

    /** φ at decoding step {@code step} (≥ 0). */
    double value(int step);

    /** The canonical text, which {@link #parse} reads back to an equal schedule. */
    String spec();

    /** True when φ(t) = 0 for every step (the direction then costs nothing). */
    default boolean isZero() {
        return false;
    }

    /** Parses the text form above; seconds become steps at {@code stepsPerSecond} ({@link Steps#perSecond}). */
    static Schedule parse(String text, double stepsPerSecond) {
        return ScheduleParser.parse(text, stepsPerSecond);
    }

    static Schedule constant(double v) {
        return new Constant(v);
    }

    static Schedule linearRise(double steps) {
        return new LinearRise(steps);
    }

    static Schedule linearDecay(double steps) {
        return new LinearDecay(steps);
    }

    static Schedule expDecay(double ratio) {
        return new ExpDecay(ratio);
    }

    static Schedule logisticRise(double midpoint, double scale) {
        return new LogisticRise(midpoint, scale);
    }

    static Schedule sine(double period) {
        return new Sine(period);
    }

    /** Linear from 0 at {@code start} to 1 at {@code end} (0 before, 1 after). */
    static Schedule fadeIn(double start, double end) {
        return new Fade(start, end, true);
    }

    /** Linear from 1 at {@code start} to 0 at {@code end}: the exact complement of {@link #fadeIn}. */
    static Schedule fadeOut(double start, double end) {
        return new Fade(start, end, false);
    }

    /** Piecewise-linear through {@code (steps[i], values[i])}, held flat before the first and after the last. */
    static Schedule points(double[] steps, double[] values) {
        return new Points(steps, values);
    }

    /** This schedule started at {@code start} (evaluated at {@code t − start}), 0 before it and from {@code stop} on. */
    default Schedule window(double start, double stop) {
        return new Window(this, start, stop);
    }

    /** This schedule started at {@code start}, never stopped. */
    default Schedule startingAt(double start) {
        return new Window(this, start, Double.POSITIVE_INFINITY);
    }

    /** {@code 1 − φ(t)}. */
    default Schedule complement() {
        return new Complement(this);
    }

    /** {@code φ(t) · other(t)}. */
    default Schedule times(Schedule other) {
        return new Product(List.of(this, other));
    }

    /** φ(t) = v. */
    record Constant(double v) implements Schedule {
        public Constant {
            requireFinite(v, "constant");
        }

        @Override
        public double value(int step) {
            return v;
        }

        @Override
        public boolean isZero() {
            return v == 0;
        }

        @Override
        public String spec() {
            return v == 1 ? "constant" : "constant:" + Numbers.format(v);
        }
    }

    /** lin↑: {@code min(max(t / T, 0), 1)}. */
    record LinearRise(double steps) implements Schedule {
        public LinearRise {
            requirePositive(steps, "linear-rise T");
        }

        @Override
        public double value(int step) {
            return clamp01(step / steps);
        }

        @Override
        public String spec() {
            return "linear-rise:" + Steps.format(steps);
        }
    }

    /** lin↓: {@code 1 − min(max(t / T, 0), 1)}. */
    record LinearDecay(double steps) implements Schedule {
        public LinearDecay {
            requirePositive(steps, "linear-decay T");
        }

        @Override
        public double value(int step) {
            return 1 - clamp01(step / steps);
        }

        @Override
        public String spec() {
            return "linear-decay:" + Steps.format(steps);
        }
    }

    /** exp↓: {@code r^t}. */
    record ExpDecay(double ratio) implements Schedule {
        public ExpDecay {
            requireFinite(ratio, "exp-decay ratio");
            if (ratio <= 0 || ratio > 1) {
                throw new IllegalArgumentException("exp-decay ratio " + ratio + ": expected 0 < r <= 1");
            }
        }

        @Override
        public double value(int step) {
            return Math.pow(ratio, step);
        }

        @Override
        public String spec() {
            return "exp-decay:" + Numbers.format(ratio);
        }
    }

    /** logistic↑: {@code 1 / (1 + exp(−(t − t0) / s))}. */
    record LogisticRise(double midpoint, double scale) implements Schedule {
        public LogisticRise {
            requireFinite(midpoint, "logistic-rise t0");
            requirePositive(scale, "logistic-rise s");
        }

        @Override
        public double value(int step) {
            return 1 / (1 + Math.exp(-(step - midpoint) / scale));
        }

        @Override
        public String spec() {
            return "logistic-rise:" + Steps.format(midpoint) + "," + Steps.format(scale);
        }
    }

    /** sine: {@code ½ (1 + sin(2π t / P))}. */
    record Sine(double period) implements Schedule {
        public Sine {
            requirePositive(period, "sine P");
        }

        @Override
        public double value(int step) {
            return 0.5 * (1 + Math.sin(2 * Math.PI * step / period));
        }

        @Override
        public String spec() {
            return "sine:" + Steps.format(period);
        }
    }

    /** A linear fade over {@code [start, end]}: in (0 → 1) or out (1 → 0, exactly {@code 1 − in}). */
    record Fade(double start, double end, boolean rising) implements Schedule {
        public Fade {
            requireFinite(start, "fade start");
            requireFinite(end, "fade end");
            if (end <= start) {
                throw new IllegalArgumentException("fade " + Steps.format(start) + ".." + Steps.format(end)
                        + ": the end must come after the start");
            }
        }

        @Override
        public double value(int step) {
            double in = clamp01((step - start) / (end - start));
            return rising ? in : 1 - in;
        }

        @Override
        public String spec() {
            return (rising ? "fade-in:" : "fade-out:") + Steps.format(start) + ".." + Steps.format(end);
        }
    }

    /** Piecewise-linear envelope through points with increasing steps. */
    record Points(double[] steps, double[] values) implements Schedule {
        public Points {
            if (steps.length == 0 || steps.length != values.length) {
                throw new IllegalArgumentException("points: need one or more (step, value) pairs, got "
                        + steps.length + " steps and " + values.length + " values");
            }
            for (int i = 0; i < steps.length; i++) {
                requireFinite(steps[i], "points step");
                requireFinite(values[i], "points value");
                if (i > 0 && steps[i] <= steps[i - 1]) {
                    throw new IllegalArgumentException("points: steps must increase, got " + Steps.format(steps[i - 1])
                            + " then " + Steps.format(steps[i]));
                }
            }
            steps = steps.clone();
            values = values.clone();
        }

        @Override
        public double value(int step) {
            int n = steps.length;
            if (step <= steps[0]) {
                return values[0];
            }
            if (step >= steps[n - 1]) {
                return values[n - 1];
            }
            int i = Arrays.binarySearch(steps, step);
            if (i >= 0) {
                return values[i];
            }
            int hi = -i - 1;
            int lo = hi - 1;
            double f = (step - steps[lo]) / (steps[hi] - steps[lo]);
            return values[lo] + f * (values[hi] - values[lo]);
        }

        @Override
        public boolean isZero() {
            return Arrays.stream(values).allMatch(v -> v == 0);
        }

        @Override
        public String spec() {
            StringBuilder b = new StringBuilder("points:");
            for (int i = 0; i < steps.length; i++) {
                b.append(i == 0 ? "" : ",").append(Steps.format(steps[i])).append('=').append(Numbers.format(values[i]));
            }
            return b.toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Points p && Arrays.equals(steps, p.steps) && Arrays.equals(values, p.values);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(steps) + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return spec();
        }
    }

    /** {@code inner(t − start)} for {@code start <= t < stop}, 0 elsewhere (staggered directions). */
    record Window(Schedule inner, double start, double stop) implements Schedule {
        public Window {
            requireFinite(start, "window start");
            if (start < 0) {
                throw new IllegalArgumentException("window start " + Steps.format(start) + " is negative");
            }
            if (Double.isNaN(stop) || stop <= start) {
                throw new IllegalArgumentException("window " + Steps.format(start) + ".." + Steps.format(stop)
                        + ": the stop must come after the start");
            }
        }

        @Override
        public double value(int step) {
            if (step < start || step >= stop) {
                return 0;
            }
            return inner.value((int) Math.round(step - start));
        }

        @Override
        public boolean isZero() {
            return inner.isZero();
        }

        @Override
        public String spec() {
            String in = inner instanceof Product || inner instanceof Window ? "(" + inner.spec() + ")" : inner.spec();
            String s = in + "@" + Steps.format(start);
            return Double.isInfinite(stop) ? s : s + ".." + Steps.format(stop);
        }
    }

    /** {@code 1 − inner(t)}. */
    record Complement(Schedule inner) implements Schedule {
        @Override
        public double value(int step) {
            return 1 - inner.value(step);
        }

        @Override
        public String spec() {
            return inner instanceof Product || inner instanceof Window ? "1-(" + inner.spec() + ")" : "1-" + inner.spec();
        }
    }

    /** The product of the factors' values. */
    record Product(List<Schedule> factors) implements Schedule {
        public Product {
            factors = List.copyOf(factors);
            if (factors.isEmpty()) {
                throw new IllegalArgumentException("product of no schedules");
            }
        }

        @Override
        public double value(int step) {
            double v = 1;
            for (Schedule f : factors) {
                v *= f.value(step);
            }
            return v;
        }

        @Override
        public boolean isZero() {
            return factors.stream().anyMatch(Schedule::isZero);
        }

        @Override
        public String spec() {
            StringBuilder b = new StringBuilder();
            for (Schedule f : factors) {
                if (b.length() > 0) {
                    b.append('*');
                }
                b.append(f.spec());
            }
            return b.toString();
        }
    }

    private static double clamp01(double x) {
        return Math.min(Math.max(x, 0), 1);
    }

    private static void requireFinite(double v, String what) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " " + v + " is not finite");
        }
    }

    private static void requirePositive(double v, String what) {
        requireFinite(v, what);
        if (v <= 0) {
            throw new IllegalArgumentException(what + " " + v + ": expected > 0");
        }
    }
}
