package org.musicrfm.model.musicgen;

import java.util.Map;

/**
 * Pooled activations of one batch of clips: for each pooling, {@code values[i][b]} is clip
 * {@code b}'s vector at {@code states[i]} (see {@link Pooling#width} for its length).
 *
 * @param states the state indices read ({@link StateObserver}'s index space)
 * @param layers the same positions as project layers ({@code states[i] - 1}; -1 for the embeddings,
 *               {@code L} for the final-norm state)
 */
public record Activations(int[] states, int[] layers, int batch, int frames, int hidden,
                          Map<Pooling, float[][][]> values) {

    /** Clip {@code b}'s vector at position {@code i} of {@link #states()} under {@code pooling}. */
    public float[] get(Pooling pooling, int i, int b) {
        float[][][] v = values.get(pooling);
        if (v == null) {
            throw new IllegalArgumentException("pooling " + pooling + " was not requested (have " + values.keySet() + ")");
        }
        return v[i][b];
    }
}
