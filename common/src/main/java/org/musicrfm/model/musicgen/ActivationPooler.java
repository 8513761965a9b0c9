package org.musicrfm.model.musicgen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** A {@link StateObserver} that pools selected states on the device and copies the results to Java arrays. */
final class ActivationPooler implements StateObserver {

    private final Map<Integer, Integer> position = new HashMap<>();
    private final int[] states;
    private final Set<Pooling> poolings;
    private final Map<Pooling, float[][][]> values = new EnumMap<>(Pooling.class);
    private int batch;
    private int frames;
    private int hidden;

    ActivationPooler(int[] states, Set<Pooling> poolings) {
        if (poolings.isEmpty()) {
            throw new IllegalArgumentException("no pooling requested");
        }
        this.states = states.clone();
        this.poolings = poolings;
        for (int i = 0; i < states.length; i++) {
            if (position.put(states[i], i) != null) {
                throw new IllegalArgumentException("state " + states[i] + " requested twice");
            }
        }
        for (Pooling p : poolings) {
            values.put(p, new float[states.length][][]);
        }
    }

    @Override
    public void observe(int index, NDArray state) {
        Integer i = position.get(index);
        if (i == null) {
            return;
        }
        batch = (int) state.getShape().get(0);
        frames = (int) state.getShape().get(1);
        hidden = (int) state.getShape().get(2);
        NDArray h = state.toType(DataType.FLOAT32, false);
        for (Pooling p : poolings) {
            NDArray pooled = switch (p) {
                case MEAN -> h.mean(new int[] {1});                                  // [B, T, H] -> [B, H]
                case LAST -> h.get(":, -1, :");
                case MAX -> h.max(new int[] {1});
                case MEANSTD -> {
                    NDArray mean = h.mean(new int[] {1}, true);                      // [B, 1, H]
                    NDArray std = h.sub(mean).square().mean(new int[] {1}).sqrt();    // population std
                    yield NDArrays.concat(new ai.djl.ndarray.NDList(mean.squeeze(1), std), 1); // [B, 2H]
                }
                case SEQUENCE -> h;
            };
            float[] flat = pooled.toFloatArray();
            int width = flat.length / batch;
            float[][] perClip = new float[batch][width];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(flat, b * width, perClip[b], 0, width);
            }
            values.get(p)[i] = perClip;
        }
    }

    Activations result() {
        int[] layers = new int[states.length];
        for (int i = 0; i < states.length; i++) {
            if (values.values().iterator().next()[i] == null) {
                throw new IllegalStateException("state " + states[i] + " was never produced by the decoder");
            }
            layers[i] = states[i] - 1;
        }
        return new Activations(states.clone(), layers, batch, frames, hidden, values);
    }
}
