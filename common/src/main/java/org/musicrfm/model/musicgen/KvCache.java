package org.musicrfm.model.musicgen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of past positions for incremental decoding, one slot per decoder layer. Self
 * attention's keys and values are written in place into preallocated buffers {@code [B, h, capacity, d]}
 * (capacity doubling when full, so a step costs O(new positions), not a copy of the whole past);
 * attention reads a view of the filled part. Cross attention's are projected once. Its buffers live
 * in the manager given at creation, which the caller closes when the sequence is done.
 */
public final class KvCache {

    private static final int MIN_CAPACITY = 64;

    private final NDManager manager;
    private final NDArray[] selfKeys;   // [B, h, capacity, d] per layer
    private final NDArray[] selfValues;
    private final NDArray[] crossKeys;
    private final NDArray[] crossValues;
    private final int capacityHint;
    private int length;

    public KvCache(NDManager manager, int layers) {
        this(manager, layers, 0);
    }

    /**
     * A cache whose buffers start with room for {@code capacity} positions (e.g. a generation's
     * length; 0: {@value #MIN_CAPACITY}).
     */
    public KvCache(NDManager manager, int layers, int capacity) {
        this.manager = manager;
        this.selfKeys = new NDArray[layers];
        this.selfValues = new NDArray[layers];
        this.crossKeys = new NDArray[layers];
        this.crossValues = new NDArray[layers];
        this.capacityHint = capacity;
    }

    /** Positions already decoded (the position offset of the next call). */
    public int length() {
        return length;
    }

    void advance(int steps) {
        length += steps;
    }

    /**
     * Writes {@code [B, h, T, d]} keys and values of layer {@code l} after the cached ones; returns
     * views {@code [B, h, length + T, d]} of all of them, attached to the keys' manager.
     */
    NDArray[] appendSelf(int layer, NDArray keys, NDArray values) {
        int t = (int) keys.getShape().get(2);
        int end = length + t;
        selfKeys[layer] = ensure(selfKeys[layer], keys, end);
        selfValues[layer] = ensure(selfValues[layer], values, end);
        NDIndex fresh = new NDIndex(":, :, {}:{}", length, end);
        selfKeys[layer].set(fresh, keys);
        selfValues[layer].set(fresh, values);
        NDIndex filled = new NDIndex(":, :, :{}", end);
        NDArray k = selfKeys[layer].get(filled);
        NDArray v = selfValues[layer].get(filled);
        k.attach(keys.getManager());
        v.attach(keys.getManager());
        return new NDArray[] {k, v};
    }

    /** {@code buffer}, or a larger one holding its first {@link #length} positions, with room for {@code end}. */
    private NDArray ensure(NDArray buffer, NDArray like, int end) {
        long capacity = buffer == null ? 0 : buffer.getShape().get(2);
        if (end <= capacity) {
            return buffer;
        }
        long grown = Math.max(Math.max(end, capacityHint > 0 ? capacityHint : MIN_CAPACITY), 2 * capacity);
        Shape s = like.getShape();
        NDArray bigger = manager.zeros(new Shape(s.get(0), s.get(1), grown, s.get(3)), like.getDataType());
        if (buffer != null) {
            if (length > 0) {
                NDIndex old = new NDIndex(":, :, :{}", length);
                try (NDArray part = buffer.get(old)) {
                    bigger.set(old, part);
                }
            }
            buffer.close();
        }
        return bigger;
    }

    NDArray[] cross(int layer) {
        return crossKeys[layer] == null ? null : new NDArray[] {crossKeys[layer], crossValues[layer]};
    }

    void putCross(int layer, NDArray keys, NDArray values) {
        keys.attach(manager);
        values.attach(manager);
        crossKeys[layer] = keys;
        crossValues[layer] = values;
    }
}
