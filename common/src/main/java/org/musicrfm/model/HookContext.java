package org.musicrfm.model;

/**
 * What a {@link BlockHook} knows about one forward call besides the layer: the sequence position of
 * the call's first time step, the decoding step that produced each position ({@link StepMap}), and
 * which batch rows are classifier-free guidance's conditional rows (the generation batch is
 * {@code [conditional rows; unconditional rows]}). Outside generation (teacher forcing, extraction)
 * step = position and every row is conditional.
 *
 * @param positionOffset  position of the call's time index 0 (the cached length with a key/value cache)
 * @param steps           which decoding step produced each position
 * @param conditionalRows rows {@code [0, conditionalRows)} are conditional, the rest unconditional;
 *                        {@link #ALL_ROWS} when there are no unconditional rows
 */
public record HookContext(int positionOffset, StepMap steps, int conditionalRows) {

    /** Every row is conditional (no classifier-free guidance). */
    public static final int ALL_ROWS = Integer.MAX_VALUE;

    public HookContext {
        if (positionOffset < 0) {
            throw new IllegalArgumentException("position offset " + positionOffset + ": expected >= 0");
        }
        if (conditionalRows < 0) {
            throw new IllegalArgumentException("conditional rows " + conditionalRows + ": expected >= 0");
        }
        if (steps == null) {
            throw new IllegalArgumentException("steps: expected a StepMap");
        }
    }

    /** A forward call outside generation: step = position, every row conditional. */
    public static HookContext forward(int positionOffset) {
        return new HookContext(positionOffset, StepMap.DEFAULT, ALL_ROWS);
    }

    /** The step that produced time index {@code t} of this call (position {@code positionOffset + t}). */
    public int step(int t) {
        return steps.step(positionOffset + t);
    }

    /** True when batch row {@code row} is a conditional row. */
    public boolean isConditional(int row) {
        return row < conditionalRows;
    }

    /** Conditional rows in a batch of {@code batch} rows. */
    public int conditionalRows(long batch) {
        return (int) Math.min(conditionalRows, batch);
    }

    /** The same layout at another position offset. */
    public HookContext at(int offset) {
        return offset == positionOffset ? this : new HookContext(offset, steps, conditionalRows);
    }
}
