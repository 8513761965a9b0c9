package org.musicrfm.steering;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.musicrfm.model.BlockHook;
import org.musicrfm.model.HookContext;
import org.musicrfm.model.StepMap;

/**
 * Several directions at once: {@code h' = h + Σ_m η0_m · w_{l,m} · φ_m(t) · ψ_m(t, l) · cfg_m(row) · q_{l,m}}
 * on the output of each steered block, at every position, with {@code t} the step that produced the
 * position ({@link StepMap}, told by the forward call's {@link HookContext}). Immutable. For
 * generation use {@link #hook(NDManager)} (or {@link SteeredGenerator}): it builds each step's combined
 * vector once, so a block costs one add; the plan itself is also a {@link BlockHook} (no caching: it
 * builds the vectors at every call).
 * Inactive directions (η0 = 0, p = 0, zero schedule) are dropped, and a plan with none left returns
 * the hidden state untouched.
 */
public final class SteeringPlan implements BlockHook {

    private static final SteeringPlan NONE = new SteeringPlan(List.of());

    private final List<SteeringDirection> directions;
    private final List<SteeringDirection> active;
    private final int hiddenSize;
    private final SortedSet<Integer> layers;
    private final SteeringDirection[][] byLayer; // layer -> active directions touching it
    private final boolean rowDependent;

    private SteeringPlan(List<SteeringDirection> directions) {
        this.directions = List.copyOf(directions);
        this.active = this.directions.stream().filter(d -> !d.isInactive()).toList();
        int h = -1;
        for (SteeringDirection d : this.directions) {
            if (h >= 0 && d.hiddenSize() != h) {
                throw new IllegalArgumentException("direction " + d.name() + " has hidden size " + d.hiddenSize()
                        + " but " + this.directions.get(0).name() + " has " + h + ": one plan steers one model");
            }
            h = d.hiddenSize();
        }
        this.hiddenSize = h;
        TreeSet<Integer> ls = new TreeSet<>();
        active.forEach(d -> ls.addAll(d.layers()));
        this.layers = Collections.unmodifiableSortedSet(ls);
        this.byLayer = new SteeringDirection[ls.isEmpty() ? 0 : ls.last() + 1][];
        for (int l : ls) {
            byLayer[l] = active.stream().filter(d -> d.layers().contains(l)).toArray(SteeringDirection[]::new);
        }
        this.rowDependent = active.stream().anyMatch(d -> !d.cfgRows().uniform());
    }

    /** The empty plan (steers nothing). */
    public static SteeringPlan none() {
        return NONE;
    }

    public static SteeringPlan of(SteeringDirection... directions) {
        return new SteeringPlan(Arrays.asList(directions));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every direction as given (inactive ones included, for the record). */
    public List<SteeringDirection> directions() {
        return directions;
    }

    /** True when nothing is ever added. */
    public boolean isNoop() {
        return active.isEmpty();
    }

    /** Steered blocks (union over active directions), ascending. */
    public SortedSet<Integer> layers() {
        return layers;
    }

    /** Hidden size of the directions (-1 for the empty plan). */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** True when the conditional and unconditional rows get different additions. */
    public boolean rowDependent() {
        return rowDependent;
    }

    /** Checks that every steered block exists in a model with {@code numLayers} blocks of width {@code hidden}. */
    public void validateFor(int numLayers, long hidden) {
        if (isNoop()) {
            return;
        }
        if (hiddenSize != hidden) {
            throw new IllegalArgumentException("steering directions have hidden size " + hiddenSize + " but the model's is "
                    + hidden);
        }
        if (layers.last() >= numLayers) {
            throw new IllegalArgumentException("steering touches block " + layers.last() + " but the model has "
                    + numLayers + " blocks (0.." + (numLayers - 1) + ")");
        }
    }

    /** The addition to block {@code layer} at {@code step} on a conditional or unconditional row ({@code [H]}, zeros when none). */
    public float[] addition(int layer, int step, boolean conditionalRow) {
        float[] out = new float[Math.max(hiddenSize, 0)];
        fill(out, 0, layer, step, conditionalRow, new double[out.length]);
        return out;
    }

    /** True when some direction touches {@code layer}. */
    boolean steers(int layer) {
        return layer >= 0 && layer < byLayer.length && byLayer[layer] != null;
    }

    /**
     * Writes the addition into {@code out[at, at + H)} ({@code acc} is scratch of length H); returns
     * false (leaving zeros) when it is zero.
     */
    boolean fill(float[] out, int at, int layer, int step, boolean conditionalRow, double[] acc) {
        if (!steers(layer)) {
            return false;
        }
        boolean any = false;
        for (SteeringDirection d : byLayer[layer]) {
            double c = d.coefficient(layer, step, conditionalRow);
            if (c == 0) {
                continue;
            }
            float[] q = d.vectorView(layer);
            if (!any) {
                for (int i = 0; i < q.length; i++) {
                    acc[i] = c * q[i];
                }
                any = true;
            } else {
                for (int i = 0; i < q.length; i++) {
                    acc[i] += c * q[i];
                }
            }
        }
        if (any) {
            for (int i = 0; i < acc.length; i++) {
                out[at + i] = (float) acc[i];
            }
        }
        return any;
    }

    /**
     * A caching hook (steps and CFG rows come from each call's {@link HookContext}); close it when the
     * generation is done.
     */
    public SteeringHook hook(NDManager manager) {
        return new SteeringHook(this, manager);
    }

    /** Uncached {@link BlockHook}: builds this call's vectors in {@code hidden}'s manager. */
    @Override
    public NDArray apply(int layer, NDArray hidden, HookContext context) {
        if (!steers(layer)) {
            return hidden;
        }
        try (SteeringHook once = new SteeringHook(this, hidden.getManager(), false)) {
            return once.apply(layer, hidden, context);
        }
    }

    /** Every knob of every direction, for sidecars. */
    public JsonArray describe() {
        JsonArray a = new JsonArray();
        for (SteeringDirection d : directions) {
            JsonObject o = new JsonObject();
            o.addProperty("name", d.name());
            o.addProperty("eta", d.eta());
            o.addProperty("weighting", d.weighting());
            JsonObject w = new JsonObject();
            d.weights().forEach((l, x) -> w.addProperty(Integer.toString(l), x));
            o.add("layer_weights", w);
            o.addProperty("schedule", d.schedule().spec());
            o.addProperty("gate", d.gate().spec());
            o.addProperty("cfg_rows", d.cfgRows().spec());
            o.addProperty("active", !d.isInactive());
            a.add(o);
        }
        return a;
    }

    @Override
    public String toString() {
        return "SteeringPlan" + directions;
    }

    /** Collects directions; cross-fades add two directions with complementary schedules. */
    public static final class Builder {
        private final List<SteeringDirection> directions = new ArrayList<>();

        private Builder() {}

        public Builder add(SteeringDirection d) {
            directions.add(d);
            return this;
        }

        /**
         * {@code from} fades out and {@code to} fades in linearly over steps {@code [start, end]}
         * (their own schedules multiplied by the fade; the two fades sum to 1).
         */
        public Builder crossFade(SteeringDirection from, SteeringDirection to, double start, double end) {
            return crossFade(from, to, Schedule.fadeIn(start, end));
        }

        /** {@code from} gets its schedule × {@code (1 − rise)}, {@code to} its schedule × {@code rise}. */
        public Builder crossFade(SteeringDirection from, SteeringDirection to, Schedule rise) {
            Schedule fall = rise instanceof Schedule.Fade f && f.rising() ? Schedule.fadeOut(f.start(), f.end()) : rise.complement();
            directions.add(from.withSchedule(times(from.schedule(), fall)));
            directions.add(to.withSchedule(times(to.schedule(), rise)));
            return this;
        }

        private static Schedule times(Schedule own, Schedule by) {
            return own instanceof Schedule.Constant c && c.v() == 1 ? by : own.times(by);
        }

        public SteeringPlan build() {
            return new SteeringPlan(directions);
        }
    }
}
