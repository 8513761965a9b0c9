package org.musicrfm.steering;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The knobs of {@code steer} as given: each list holds one value for every pack, one per pack, or
 * none (the default). Errors name the option ({@code --eta}, {@code --gate}, …).
 *
 * @param components eigenvector components summed per layer, shared by all packs
 * @param crossFade  {@code A..B} to cross-fade two packs, or null to combine them at once
 */
public record SteeringKnobs(List<Double> etas, List<String> weights, List<String> schedules, List<String> gates,
                            List<String> gateModes, List<String> cfgRows, List<String> layers,
                            List<Integer> components, String crossFade) {

    /**
     * The typed steering: one direction per pack (named by its file), combined at once or as a
     * cross-fade.
     */
    public SteeringSpec spec(List<String> packNames, List<String> labels) {
        int n = packNames.size();
        if (n == 0) {
            return SteeringSpec.none();
        }
        List<Double> eta = perPack(etas, n, 0.45, "--eta");
        List<String> w = perPack(weights, n, "exp:0.95", "--weights");
        List<String> sc = perPack(schedules, n, "constant", "--schedule");
        List<String> g = perPack(gates, n, "1", "--gate");
        List<String> gm = perPack(gateModes, n, "step", "--gate-mode");
        List<String> cfg = perPack(cfgRows, n, "both", "--cfg-rows");
        List<String> ls = perPack(layers, n, null, "--layers");
        List<SteeringSpec.DirectionSpec> dirs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String gate = g.get(i).trim();
            boolean sequence = gate.toLowerCase(Locale.ROOT).startsWith("seq:") || gate.equalsIgnoreCase("open");
            double p = sequence ? 1.0 : probability(gate);
            dirs.add(new SteeringSpec.DirectionSpec(packNames.get(i), labels.get(i), eta.get(i), w.get(i), sc.get(i), p,
                    gm.get(i), cfg.get(i), sequence ? gate : null, ls.get(i), components));
        }
        if (crossFade == null) {
            return new SteeringSpec(dirs, SteeringSpec.Combination.SIMULTANEOUS, null);
        }
        if (n != 2) {
            throw new IllegalArgumentException("--cross-fade needs exactly two --pack, got " + n);
        }
        return new SteeringSpec(dirs, SteeringSpec.Combination.CROSS_FADE, crossFade);
    }

    private static double probability(String gate) {
        try {
            return Double.parseDouble(gate);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--gate " + gate + ": expected a probability or seq:1,0,...");
        }
    }

    private static <T> List<T> perPack(List<T> given, int n, T fallback, String option) {
        if (given.isEmpty()) {
            List<T> l = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                l.add(fallback);
            }
            return l;
        }
        if (given.size() == 1) {
            return Collections.nCopies(n, given.get(0));
        }
        if (given.size() != n) {
            throw new IllegalArgumentException(option + " given " + given.size() + " times for " + n
                    + " packs: give it once (all packs) or once per pack");
        }
        return given;
    }
}
