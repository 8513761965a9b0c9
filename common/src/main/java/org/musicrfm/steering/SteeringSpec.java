package org.musicrfm.steering;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A steering plan as plain values, before any pack is read: directions (pack name, target class and
 * knobs as text: η0, weighting, schedule, gate, CFG rows, layers, components), how they combine (all
 * at once, staggered in equal time slices, or a cross-fade of two over a window). The one typed form
 * of steering that {@code steer} and sweeps (the demo's among them) build. {@link #validate} checks every knob and
 * name with messages that name the field; {@link #plan} resolves it against loaded packs. Times may be
 * given in seconds: they become steps at the decoding model's rate ({@link Steps#perSecond}), known
 * once its config is read. Immutable.
 *
 * @param directions the directions, in order (none: the unsteered condition)
 * @param combination how two or more directions are combined
 * @param fade        cross-fade window {@code A..B} (steps or seconds), only for {@link Combination#CROSS_FADE}
 */
public record SteeringSpec(List<DirectionSpec> directions, Combination combination, String fade)
        implements java.io.Serializable {

    /** How the directions of a plan share the time axis. */
    public enum Combination {
        /** Every direction over the whole clip. */
        SIMULTANEOUS,
        /** Direction {@code i} of {@code n} only over the {@code i}-th of {@code n} equal time slices. */
        STAGGERED,
        /** Two directions: the first fades out, the second in, linearly over {@link #fade}. */
        CROSS_FADE;

        public static Combination parse(String s, String field) {
            return switch (s == null ? "simultaneous" : s.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
                case "simultaneous" -> SIMULTANEOUS;
                case "staggered" -> STAGGERED;
                case "cross-fade", "crossfade" -> CROSS_FADE;
                default -> throw new IllegalArgumentException(field + ": '" + s
                        + "' is not a combination (simultaneous, staggered, cross-fade)");
            };
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One direction's knobs as text.
     *
     * @param pack         the name of a pack (a key of the caller's pack map)
     * @param target       the class of the pack (its name, or for pitch classes also 0-11 or a flat spelling)
     * @param eta          η0 (negative: towards the opposite of the class)
     * @param weighting    {@link LayerWeighting} text
     * @param schedule     {@link Schedule} text
     * @param gateP        gate probability in [0, 1]
     * @param gateMode     {@code step} or {@code step-layer}
     * @param cfgRows      {@link CfgRows} text
     * @param gateSequence an explicit gate {@code seq:1,0,…} replacing the probability, or null
     * @param layers       blocks to steer ({@code 0-11,20}), or null for every layer of the pack
     * @param components   eigenvector components summed per layer (empty: the top one, 0)
     */
    public record DirectionSpec(String pack, String target, double eta, String weighting, String schedule, double gateP,
                                String gateMode, String cfgRows, String gateSequence, String layers,
                                List<Integer> components) implements java.io.Serializable {

        public DirectionSpec {
            components = components == null || components.isEmpty() ? List.of(0) : List.copyOf(components);
        }

        /** A direction of every layer and the top component, gated by probability. */
        public DirectionSpec(String pack, String target, double eta, String weighting, String schedule, double gateP,
                             String gateMode, String cfgRows) {
            this(pack, target, eta, weighting, schedule, gateP, gateMode, cfgRows, null, null, List.of());
        }

        /** {@code pack:target}. */
        public String name() {
            return pack + ":" + target;
        }

        /** The gate's text: the explicit sequence, or the probability. */
        public String gateText() {
            return gateSequence != null ? gateSequence : Double.toString(gateP);
        }

        /** The blocks of {@link #layers}, or null for every layer. */
        public java.util.SortedSet<Integer> layerSet() {
            return layers == null ? null : parseLayers(layers);
        }
    }

    /** Largest |η0| accepted by {@code steer} and sweeps (the paper uses 0.15-0.60; larger values are kept for ablations). */
    public static final double MAX_ETA = 10;

    /** {@code 0-11,20} -> {0..11, 20}; errors quote the text. */
    public static java.util.SortedSet<Integer> parseLayers(String text) {
        java.util.TreeSet<Integer> s = new java.util.TreeSet<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            int dash = p.indexOf('-', 1);
            try {
                if (dash < 0) {
                    s.add(Integer.parseInt(p));
                } else {
                    int a = Integer.parseInt(p.substring(0, dash).trim());
                    int b = Integer.parseInt(p.substring(dash + 1).trim());
                    if (b < a) {
                        throw new IllegalArgumentException("'" + text + "': range " + p + " runs backwards");
                    }
                    for (int l = a; l <= b; l++) {
                        s.add(l);
                    }
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "': '" + p + "' is not a layer or range A-B");
            }
        }
        return s;
    }

    public SteeringSpec {
        directions = List.copyOf(directions);
        if (combination == null) {
            combination = Combination.SIMULTANEOUS;
        }
    }

    /** The unsteered plan. */
    public static SteeringSpec none() {
        return new SteeringSpec(List.of(), Combination.SIMULTANEOUS, null);
    }

    public boolean isNone() {
        return directions.isEmpty();
    }

    /**
     * Checks names, knobs and times: the pack must be in {@code packs}, the target one of its classes,
     * the knobs as {@link #validateKnobs}, the schedules and cross-fade window as {@link #validateTimes}
     * at {@code stepsPerSecond}. Errors name {@code field}.
     */
    public void validate(Map<String, SteeringPack> packs, double maxEta, String field, double stepsPerSecond) {
        for (int i = 0; i < directions.size(); i++) {
            DirectionSpec d = directions.get(i);
            String f = field + ".directions[" + i + "]";
            SteeringPack p = packs.get(d.pack());
            if (p == null) {
                throw new IllegalArgumentException(f + ".pack: unknown pack '" + d.pack() + "' (known: "
                        + String.join(", ", packs.keySet()) + ")");
            }
            if (ClassLabels.find(p.classes(), d.target()) == null) {
                throw new IllegalArgumentException(f + ".target: '" + d.target() + "' is not a class of pack " + d.pack()
                        + " (classes: " + String.join(", ", p.classes()) + ")");
            }
        }
        validateKnobs(maxEta, field);
        validateTimes(field, stepsPerSecond);
    }

    /**
     * The checks of {@link #validate} that need neither pack nor model: η0 finite with |η0| ≤ {@code maxEta},
     * p in [0, 1], weighting, gate mode, gate, CFG rows and layers parseable, components ≥ 0, a cross-fade
     * of exactly two directions. Schedules and the fade window hold times, checked by {@link #validateTimes}.
     */
    public void validateKnobs(double maxEta, String field) {
        for (int i = 0; i < directions.size(); i++) {
            DirectionSpec d = directions.get(i);
            String f = field + ".directions[" + i + "]";
            if (!Double.isFinite(d.eta()) || Math.abs(d.eta()) > maxEta) {
                throw new IllegalArgumentException(f + ".eta: " + d.eta() + " is out of range (|eta| <= " + maxEta + ")");
            }
            if (!(d.gateP() >= 0 && d.gateP() <= 1)) {
                throw new IllegalArgumentException(f + ".gate_p: " + d.gateP() + " is out of range [0, 1]");
            }
            wrap(f + ".weighting", () -> LayerWeighting.parse(d.weighting()));
            wrap(f + ".gate_mode", () -> Gate.Mode.parse(d.gateMode()));
            wrap(f + ".cfg_rows", () -> CfgRows.parse(d.cfgRows()));
            wrap(f + ".gate", () -> Gate.parse(d.gateText(), Gate.Mode.parse(d.gateMode()), 0L));
            if (d.layers() != null) {
                wrap(f + ".layers", d::layerSet);
            }
            for (int c : d.components()) {
                if (c < 0) {
                    throw new IllegalArgumentException(f + ".components: " + c + " is out of range (>= 0)");
                }
            }
        }
        if (combination == Combination.CROSS_FADE) {
            if (directions.size() != 2) {
                throw new IllegalArgumentException(field + ": a cross-fade needs exactly two directions, got " + directions.size());
            }
        }
    }

    /**
     * Checks the times: every schedule parses and the cross-fade window {@code A..B} has B after A, with
     * seconds at {@code stepsPerSecond} (the decoding model's rate, {@link Steps#perSecond}), so a window
     * mixing steps and seconds is ordered as that model will decode it.
     */
    public void validateTimes(String field, double stepsPerSecond) {
        for (int i = 0; i < directions.size(); i++) {
            DirectionSpec d = directions.get(i);
            wrap(field + ".directions[" + i + "].schedule", () -> Schedule.parse(d.schedule(), stepsPerSecond));
        }
        if (combination == Combination.CROSS_FADE) {
            wrap(field + ".fade", () -> fadeWindow(stepsPerSecond));
        }
    }

    private static void wrap(String field, Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    private double[] fadeWindow(double stepsPerSecond) {
        if (fade == null) {
            throw new IllegalArgumentException("missing cross-fade window A..B");
        }
        int dots = fade.indexOf("..");
        if (dots < 0) {
            throw new IllegalArgumentException("'" + fade + "': expected A..B");
        }
        double a = Steps.parse(fade.substring(0, dots), "cross-fade start", stepsPerSecond);
        double b = Steps.parse(fade.substring(dots + 2), "cross-fade end", stepsPerSecond);
        if (!(b > a)) {
            throw new IllegalArgumentException("'" + fade + "': the end must come after the start");
        }
        return new double[] {a, b};
    }

    /**
     * The plan over loaded {@code packs}, gates seeded with {@code gateSeed}; {@code steps} (the clip's
     * decoding steps) sets the slices of a staggered plan; times in seconds become steps at
     * {@code stepsPerSecond}, the rate of the model that decodes ({@link Steps#perSecond}).
     */
    public SteeringPlan plan(Map<String, SteeringPack> packs, long gateSeed, int steps, double stepsPerSecond) {
        List<SteeringDirection> dirs = new ArrayList<>();
        int n = directions.size();
        for (int i = 0; i < n; i++) {
            DirectionSpec d = directions.get(i);
            Schedule s = Schedule.parse(d.schedule(), stepsPerSecond);
            if (combination == Combination.STAGGERED) {
                s = s.window((double) i * steps / n, (double) (i + 1) * steps / n);
            }
            SteeringDirection.Builder b = SteeringDirection.fromPack(packs.get(d.pack()), d.target(),
                            d.components().stream().mapToInt(Integer::intValue).toArray())
                    .eta(d.eta())
                    .weighting(LayerWeighting.parse(d.weighting()))
                    .schedule(s)
                    .gate(Gate.parse(d.gateText(), Gate.Mode.parse(d.gateMode()), gateSeed))
                    .cfgRows(CfgRows.parse(d.cfgRows()));
            if (d.layers() != null) {
                b.layers(d.layerSet());
            }
            dirs.add(b.build());
        }
        if (combination == Combination.CROSS_FADE) {
            double[] w = fadeWindow(stepsPerSecond);
            return SteeringPlan.builder().crossFade(dirs.get(0), dirs.get(1), w[0], w[1]).build();
        }
        return SteeringPlan.of(dirs.toArray(SteeringDirection[]::new));
    }

    /** Every direction with pack, target and knobs, plus the combination, as JSON. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        JsonArray a = new JsonArray();
        for (DirectionSpec d : directions) {
            JsonObject x = new JsonObject();
            x.addProperty("pack", d.pack());
            x.addProperty("target", d.target());
            x.addProperty("eta", d.eta());
            x.addProperty("weighting", d.weighting());
            x.addProperty("schedule", d.schedule());
            x.addProperty("gate_p", d.gateP());
            x.addProperty("gate_mode", d.gateMode());
            x.addProperty("cfg_rows", d.cfgRows());
            if (d.gateSequence() != null) {
                x.addProperty("gate", d.gateSequence());
            }
            if (d.layers() != null) {
                x.addProperty("layers", d.layers());
            }
            if (!d.components().equals(List.of(0))) {
                JsonArray cs = new JsonArray();
                d.components().forEach(cs::add);
                x.add("components", cs);
            }
            a.add(x);
        }
        o.add("directions", a);
        o.addProperty("combination", combination.label());
        if (fade != null) {
            o.addProperty("fade", fade);
        }
        return o;
    }
}
