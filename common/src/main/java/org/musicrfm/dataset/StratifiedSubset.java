package org.musicrfm.dataset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Seeded, stratified and nested subsets of a concept's configurations.
 *
 * <p>Every configuration gets a place in one global order: within its stratum (the value of the
 * probed label) configurations are shuffled by a hash of (seed, clip id), and the r-th of a
 * stratum of size n sits at (r + ½) / n. A subset of size N is the first N of that order, so each
 * stratum gets its share to within one clip, and a smaller subset is contained in a larger one.
 */
public final class StratifiedSubset {

    private StratifiedSubset() {}

    /** The first {@code size} configurations of the seeded stratified order (all of them if size ≥ count). */
    public static List<ClipSpec> select(List<ClipSpec> specs, String stratumColumn, long seed, int size) {
        return order(specs, stratumColumn, seed).subList(0, Math.max(0, Math.min(size, specs.size())));
    }

    /** A fraction in (0, 1] of the configurations, rounded to the nearest clip (at least one). */
    public static List<ClipSpec> selectFraction(List<ClipSpec> specs, String stratumColumn, long seed, double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("subset fraction must be in (0, 1], got " + fraction);
        }
        return select(specs, stratumColumn, seed, Math.max(1, (int) Math.round(fraction * specs.size())));
    }

    /** Every configuration in the seeded stratified order. */
    public static List<ClipSpec> order(List<ClipSpec> specs, String stratumColumn, long seed) {
        Map<Object, List<ClipSpec>> strata = new LinkedHashMap<>();
        for (ClipSpec s : specs) {
            Object stratum = s.labels().get(stratumColumn);
            strata.computeIfAbsent(Objects.toString(stratum), k -> new ArrayList<>()).add(s);
        }
        record Placed(ClipSpec spec, double position, long hash) {}
        List<Placed> placed = new ArrayList<>(specs.size());
        for (List<ClipSpec> stratum : strata.values()) {
            List<Placed> shuffled = new ArrayList<>();
            for (ClipSpec s : stratum) {
                shuffled.add(new Placed(s, 0, hash(seed, s.clipId())));
            }
            shuffled.sort(Comparator.comparingLong(Placed::hash).thenComparing(p -> p.spec().clipId()));
            for (int r = 0; r < shuffled.size(); r++) {
                Placed p = shuffled.get(r);
                placed.add(new Placed(p.spec(), (r + 0.5) / shuffled.size(), p.hash()));
            }
        }
        placed.sort(Comparator.comparingDouble(Placed::position).thenComparingLong(Placed::hash)
                .thenComparing(p -> p.spec().clipId()));
        return placed.stream().map(Placed::spec).toList();
    }

    /** A 64-bit hash of (seed, text), stable across JVMs and platforms. */
    public static long hash(long seed, String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < 8; i++) {
                sha.update((byte) (seed >>> (8 * i)));
            }
            byte[] d = sha.digest(text.getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (d[i] & 0xFF);
            }
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
