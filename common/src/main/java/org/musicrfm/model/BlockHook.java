package org.musicrfm.model;

import ai.djl.ndarray.NDArray;

/**
 * Intervention point on the raw output of a decoder block (the project's layer convention: layer
 * {@code l} is block {@code l}'s output, 0-based, before the final layer norm). The hook sees the
 * layer, the hidden state and a {@link HookContext} that gives, for every position of the call, the
 * decoding step that produced it and whether each row is conditional or unconditional; it returns
 * {@code hidden} or {@code hidden} plus its additions. A null hook costs nothing.
 */
@FunctionalInterface
public interface BlockHook {

    /**
     * @param layer   0-based block index
     * @param hidden  {@code [B, T, H]} output of the block, attached to the forward pass's scope
     * @param context positions, steps and CFG rows of this forward call
     * @return the tensor passed on to the next block (may be {@code hidden} itself)
     */
    NDArray apply(int layer, NDArray hidden, HookContext context);

    /** {@link #apply(int, NDArray, HookContext)} outside generation: step = position, every row conditional. */
    default NDArray apply(int layer, NDArray hidden, int positionOffset) {
        return apply(layer, hidden, HookContext.forward(positionOffset));
    }

    /**
     * This hook with the decoding layout of a generation: the forward pass supplies the position
     * offset, {@code steps} and {@code conditionalRows} replace its defaults.
     */
    default BlockHook withLayout(StepMap steps, int conditionalRows) {
        BlockHook inner = this;
        return (layer, hidden, c) -> inner.apply(layer, hidden,
                new HookContext(c.positionOffset(), steps, conditionalRows));
    }
}
