package org.musicrfm.steering;

/**
 * Which decoding step produced a sequence position (DESIGN §7: a position is steered with its own
 * step's schedule and gate values). Generation feeds the first {@code promptPositions} positions
 * (the BOS, or BOS plus an audio prompt) in decoder call 0 and one position per call after that, so
 * {@code step(p) = max(0, p − promptPositions + 1)}; with the BOS alone, step = position.
 */
public record StepMap(int promptPositions) {

    /** Generation from the BOS alone: step = position. */
    public static final StepMap DEFAULT = new StepMap(1);

    public StepMap {
        if (promptPositions < 1) {
            throw new IllegalArgumentException("prompt positions " + promptPositions + ": expected >= 1 (the BOS)");
        }
    }

    public int step(int position) {
        return Math.max(0, position - promptPositions + 1);
    }
}
