package org.musicrfm.model;

/**
 * Which decoding step produced a sequence position (a position is steered with its own step's values,
 * so a cached prefix and a fresh forward pass add the same vectors). Generation feeds the first {@code promptPositions} positions (the BOS, or BOS plus
 * an audio prompt) in decoder call 0 and one position per call after that, so
 * {@code step(p) = firstStep + max(0, p − promptPositions + 1)}; with the BOS alone and steps counted
 * from 0, step = position. {@code firstStep} shifts the count, e.g. to continue a schedule across
 * generations, or to match a counter that also saw a decoder call before the first step (the
 * fixture's {@code schedule.*}: transformers 5.17's counter reads 1 at the first decoding step).
 */
public record StepMap(int promptPositions, int firstStep) {

    /** Generation from the BOS alone, steps counted from 0: step = position. */
    public static final StepMap DEFAULT = new StepMap(1, 0);

    public StepMap {
        if (promptPositions < 1) {
            throw new IllegalArgumentException("prompt positions " + promptPositions + ": expected >= 1 (the BOS)");
        }
        if (firstStep < 0) {
            throw new IllegalArgumentException("first step " + firstStep + ": expected >= 0");
        }
    }

    /** Steps counted from 0 after a prompt of {@code promptPositions} positions. */
    public StepMap(int promptPositions) {
        this(promptPositions, 0);
    }

    public int step(int position) {
        return firstStep + Math.max(0, position - promptPositions + 1);
    }
}
