package org.musicrfm.activations;

import java.util.List;
import java.util.TreeSet;

/** The decoder blocks a job was asked for: checked against the model's depth before any work starts. */
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

    /** The layers to read: {@code layers} in order, or every layer of the model when it is empty. */
    public static int[] resolve(List<Integer> layers, int numLayers) {
        if (!layers.isEmpty()) {
            return layers.stream().mapToInt(Integer::intValue).toArray();
        }
        int[] all = new int[numLayers];
        for (int i = 0; i < numLayers; i++) {
            all[i] = i;
        }
        return all;
    }
}
