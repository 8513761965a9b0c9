package org.musicrfm.model.musicgen;

import ai.djl.ndarray.NDArray;

/**
 * Text states as the decoder's cross attention consumes them: T5 output projected to the decoder width
 * and multiplied by the mask ({@code [B, S, H]}), and the mask itself ({@code [B, S]}).
 */
public record TextConditioning(NDArray states, NDArray mask) {

    public long batchSize() {
        return states.getShape().get(0);
    }
}
