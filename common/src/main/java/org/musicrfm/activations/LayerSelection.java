package org.musicrfm.activations;

import java.util.List;
import java.util.TreeSet;

/** Checks the decoder blocks a job was asked for against the model's depth, before any work starts. */
public final class LayerSelection {

    private LayerSelection() {}

    /**
     * Throws an {@link IllegalArgumentException} naming the first layer outside {@code 0 … numLayers−1}
     * or repeated; an empty list means every layer and always passes.
     */
    public static void check(List<Integer> layers, int numLayers, String model) {
        TreeSet<Integer> seen = new TreeSet<>();
        for (int layer : layers) {
            if (layer < 0 || layer >= numLayers) {
                throw new IllegalArgumentException("--layers " + layer + ": the model " + model + " has "
                        + numLayers + " decoder layers (0.." + (numLayers - 1) + ")");
            }
            if (!seen.add(layer)) {
                throw new IllegalArgumentException("--layers " + layer + " is given twice");
            }
        }
    }
}
