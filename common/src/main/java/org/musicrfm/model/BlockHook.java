package org.musicrfm.model;

import ai.djl.ndarray.NDArray;

/**
 * Intervention point on the raw output of a decoder block (the project's layer convention: layer
 * {@code l} is block {@code l}'s output, 0-based, before the final layer norm). Steering returns
 * {@code hidden} plus its additions; a null hook costs nothing.
 */
@FunctionalInterface
public interface BlockHook {

    /**
     * @param layer          0-based block index
     * @param hidden         {@code [B, T, H]} output of the block, attached to the forward pass's scope
     * @param positionOffset position of {@code hidden}'s first time step in the sequence (non-zero when
     *                       decoding with a key/value cache)
     * @return the tensor passed on to the next block (may be {@code hidden} itself)
     */
    NDArray apply(int layer, NDArray hidden, int positionOffset);
}
