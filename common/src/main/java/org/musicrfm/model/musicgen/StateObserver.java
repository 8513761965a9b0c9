package org.musicrfm.model.musicgen;

import ai.djl.ndarray.NDArray;

/**
 * Sees the decoder's states as they are computed, in one index space of {@code L + 2} entries:
 * {@code 0} = summed embeddings plus positions, {@code l + 1} = raw output of block {@code l}
 * (after any {@link org.musicrfm.model.BlockHook}), {@code L + 1} = after the final layer norm.
 * Hugging Face's {@code hidden_states[i]} is index {@code i} for {@code i < L} and index
 * {@code L + 1} for {@code i = L}; the project's layer {@code l} is index {@code l + 1}.
 * The array is valid only during the call (pool or copy it there).
 */
@FunctionalInterface
public interface StateObserver {

    void observe(int index, NDArray state);

    /** The state index of the project's layer {@code l} (raw output of block {@code l}). */
    static int blockIndex(int layer) {
        return layer + 1;
    }

    /** The state index of Hugging Face's {@code hidden_states[i]} for a decoder of {@code layers} blocks. */
    static int hfIndex(int i, int layers) {
        if (i < 0 || i > layers) {
            throw new IllegalArgumentException("hidden_states index " + i + " outside 0.." + layers);
        }
        return i == layers ? layers + 1 : i;
    }
}
