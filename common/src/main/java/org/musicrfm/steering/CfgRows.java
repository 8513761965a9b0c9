package org.musicrfm.steering;

import java.util.Locale;

/**
 * Which classifier-free-guidance rows a direction is added to, as a multiplier per row group: the
 * generation batch is {@code [conditional rows; unconditional rows]}. The reference steers both
 * ({@link #BOTH}); {@link #CONDITIONAL} leaves the unconditional rows alone; any other pair gives
 * separate coefficients.
 */
public record CfgRows(double conditional, double unconditional) {

    public static final CfgRows BOTH = new CfgRows(1, 1);
    public static final CfgRows CONDITIONAL = new CfgRows(1, 0);

    public CfgRows {
        if (!Double.isFinite(conditional) || !Double.isFinite(unconditional)) {
            throw new IllegalArgumentException("CFG row multipliers must be finite, got " + conditional + ", " + unconditional);
        }
    }

    /** True when both row groups get the same addition (no per-row vectors needed). */
    public boolean uniform() {
        return conditional == unconditional;
    }

    /** The multiplier of a row group. */
    public double of(boolean conditionalRow) {
        return conditionalRow ? conditional : unconditional;
    }

    /** Parses {@code both}, {@code cond} or {@code C,U} (separate multipliers, e.g. {@code 1,0.5}). */
    public static CfgRows parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "both" -> BOTH;
            case "cond", "conditional" -> CONDITIONAL;
            default -> {
                String[] p = s.split(",");
                if (p.length != 2) {
                    throw new IllegalArgumentException("CFG rows '" + text + "': expected both, cond or C,U (two multipliers)");
                }
                yield new CfgRows(Numbers.parse(p[0], "CFG rows '" + text + "'"), Numbers.parse(p[1], "CFG rows '" + text + "'"));
            }
        };
    }

    /** {@code both}, {@code cond} or {@code C,U}. */
    public String spec() {
        if (equals(BOTH)) {
            return "both";
        }
        if (equals(CONDITIONAL)) {
            return "cond";
        }
        return Numbers.format(conditional) + "," + Numbers.format(unconditional);
    }
}
