package org.musicrfm.steering;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One concept direction with its own knobs: per-layer vectors {@code q_l} (length H), the global
 * coefficient η0, the resolved layer weights {@code w_l} (layers weighted 0 are dropped), the time
 * schedule φ, the gate ψ and the CFG rows it is added to. Its addition to block {@code l}'s output
 * at step {@code t} on a row of group {@code g} is {@code η0 · w_l · φ(t) · ψ(t, l) · cfg(g) · q_l}.
 * Immutable.
 */
public final class SteeringDirection {

    private final String name;
    private final int hiddenSize;
    private final SortedMap<Integer, float[]> vectors;
    private final SortedMap<Integer, Double> weights;
    private final String weighting;
    private final double eta;
    private final Schedule schedule;
    private final Gate gate;
    private final CfgRows cfgRows;

    private SteeringDirection(String name, int hiddenSize, SortedMap<Integer, float[]> vectors,
                              SortedMap<Integer, Double> weights, String weighting, double eta, Schedule schedule,
                              Gate gate, CfgRows cfgRows) {
        this.name = name;
        this.hiddenSize = hiddenSize;
        this.vectors = vectors;
        this.weights = weights;
        this.weighting = weighting;
        this.eta = eta;
        this.schedule = schedule;
        this.gate = gate;
        this.cfgRows = cfgRows;
    }

    /** A direction with {@code vectors} per layer (block index → {@code q_l}, all of one length). */
    public static Builder builder(String name, Map<Integer, float[]> vectors) {
        return new Builder(name, vectors);
    }

    /**
     * The direction of class {@code label} of a pack: component 0 of each layer (or the sum of the
     * given components), with the pack's layer scores for weighting.
     */
    public static Builder fromPack(SteeringPack pack, String label, int... components) {
        return new Builder(pack.concept() + ":" + label, pack.vectors(label, components.length == 0 ? new int[] {0} : components))
                .scores(pack.scores(label));
    }

    public String name() {
        return name;
    }

    public int hiddenSize() {
        return hiddenSize;
    }

    /** Block indices this direction touches (weight ≠ 0), ascending. */
    public java.util.SortedSet<Integer> layers() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(weights.keySet()));
    }

    /** {@code q_l} (a copy), or null when layer {@code l} is not steered. */
    public float[] vector(int layer) {
        float[] v = vectors.get(layer);
        return v == null ? null : v.clone();
    }

    float[] vectorView(int layer) {
        return vectors.get(layer);
    }

    /** Resolved weights {@code w_l} of the steered layers. */
    public SortedMap<Integer, Double> weights() {
        return Collections.unmodifiableSortedMap(weights);
    }

    /** How the weights were chosen ({@link LayerWeighting#spec()}). */
    public String weighting() {
        return weighting;
    }

    public double eta() {
        return eta;
    }

    public Schedule schedule() {
        return schedule;
    }

    public Gate gate() {
        return gate;
    }

    public CfgRows cfgRows() {
        return cfgRows;
    }

    /** True when this direction can never add anything (η0 = 0, gate closed, zero schedule, no layers). */
    public boolean isInactive() {
        return eta == 0 || gate.isClosed() || schedule.isZero() || weights.isEmpty()
                || (cfgRows.conditional() == 0 && cfgRows.unconditional() == 0);
    }

    /** {@code η0 · w_l · φ(t) · ψ(t, l) · cfg(g)}; 0 for a layer this direction does not steer. */
    public double coefficient(int layer, int step, boolean conditionalRow) {
        Double w = weights.get(layer);
        if (w == null) {
            return 0;
        }
        double c = eta * w * cfgRows.of(conditionalRow);
        if (c == 0) {
            return 0;
        }
        double g = gate.value(step, layer);
        return g == 0 ? 0 : c * schedule.value(step) * g;
    }

    /** The same direction with another schedule (cross-fades, staggering). */
    public SteeringDirection withSchedule(Schedule s) {
        return new SteeringDirection(name, hiddenSize, vectors, weights, weighting, eta, s, gate, cfgRows);
    }

    /** The same direction with another η0. */
    public SteeringDirection withEta(double e) {
        return new SteeringDirection(name, hiddenSize, vectors, weights, weighting, requireFinite(e, "eta"), schedule, gate,
                cfgRows);
    }

    /** The same direction with another gate. */
    public SteeringDirection withGate(Gate g) {
        return new SteeringDirection(name, hiddenSize, vectors, weights, weighting, eta, schedule, g, cfgRows);
    }

    /** The same direction on other CFG rows. */
    public SteeringDirection withCfgRows(CfgRows rows) {
        return new SteeringDirection(name, hiddenSize, vectors, weights, weighting, eta, schedule, gate, rows);
    }

    @Override
    public String toString() {
        return "SteeringDirection[" + name + ", eta " + eta + ", layers " + weights.keySet() + ", " + weighting + ", "
                + schedule.spec() + ", " + gate.spec() + ", cfg " + cfgRows.spec() + "]";
    }

    private static double requireFinite(double v, String what) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " " + v + " is not finite");
        }
        return v;
    }

    /** Collects the knobs; defaults: η0 1, uniform weights on every layer, constant schedule, open gate, both rows. */
    public static final class Builder {
        private final String name;
        private final SortedMap<Integer, float[]> vectors = new TreeMap<>();
        private LayerScores scores;
        private java.util.Set<Integer> layers;
        private LayerWeighting weighting = LayerWeighting.uniform();
        private double eta = 1;
        private Schedule schedule = Schedule.constant(1);
        private Gate gate = Gate.open();
        private CfgRows cfgRows = CfgRows.BOTH;

        private Builder(String name, Map<Integer, float[]> vectors) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("direction name is empty");
            }
            this.name = name;
            if (vectors.isEmpty()) {
                throw new IllegalArgumentException("direction " + name + " has no layer vectors");
            }
            int h = -1;
            for (var e : vectors.entrySet()) {
                if (e.getKey() == null || e.getKey() < 0) {
                    throw new IllegalArgumentException("direction " + name + ": layer " + e.getKey() + " is not a block index >= 0");
                }
                float[] v = e.getValue();
                if (h < 0) {
                    h = v.length;
                }
                if (v.length != h || h == 0) {
                    throw new IllegalArgumentException("direction " + name + ": layer " + e.getKey() + " vector has length "
                            + v.length + ", expected " + h + " (one hidden size for every layer)");
                }
                for (float x : v) {
                    if (!Float.isFinite(x)) {
                        throw new IllegalArgumentException("direction " + name + ": layer " + e.getKey() + " vector has " + x);
                    }
                }
                this.vectors.put(e.getKey(), v.clone());
            }
        }

        /** Probe scores for score-based weightings. */
        public Builder scores(LayerScores s) {
            this.scores = s;
            return this;
        }

        /** Restricts steering to these blocks (default: every layer with a vector). */
        public Builder layers(Collection<Integer> selected) {
            this.layers = new TreeSet<>(selected);
            return this;
        }

        public Builder weighting(LayerWeighting w) {
            this.weighting = w;
            return this;
        }

        /** η0, the global coefficient. */
        public Builder eta(double e) {
            this.eta = requireFinite(e, "direction " + name + " eta");
            return this;
        }

        public Builder schedule(Schedule s) {
            this.schedule = s;
            return this;
        }

        public Builder gate(Gate g) {
            this.gate = g;
            return this;
        }

        public Builder cfgRows(CfgRows rows) {
            this.cfgRows = rows;
            return this;
        }

        public SteeringDirection build() {
            TreeSet<Integer> use = new TreeSet<>(vectors.keySet());
            if (layers != null) {
                for (int l : layers) {
                    if (!vectors.containsKey(l)) {
                        throw new IllegalArgumentException("direction " + name + ": layer " + l + " selected but it has no "
                                + "vector (layers with vectors: " + vectors.keySet() + ")");
                    }
                }
                use.retainAll(layers);
            }
            SortedMap<Integer, Double> w = weighting.weights(use, scores);
            w.values().removeIf(x -> x == 0);
            SortedMap<Integer, float[]> v = new TreeMap<>();
            w.keySet().forEach(l -> v.put(l, vectors.get(l)));
            int h = vectors.values().iterator().next().length;
            return new SteeringDirection(name, h, v, w, weighting.spec(), eta, schedule, gate, cfgRows);
        }
    }
}
