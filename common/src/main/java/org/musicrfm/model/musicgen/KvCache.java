package org.musicrfm.model.musicgen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Keys and values of past positions for incremental decoding, one slot per decoder layer (self
 * attention grows by concatenation; cross attention is projected once). Its arrays live in the
 * manager given at creation, which the caller closes when the sequence is done.
 */
public final class KvCache {

    private final NDManager manager;
    private final NDArray[] selfKeys;
    private final NDArray[] selfValues;
    private final NDArray[] crossKeys;
    private final NDArray[] crossValues;
    private int length;

    public KvCache(NDManager manager, int layers) {
        this.manager = manager;
        this.selfKeys = new NDArray[layers];
        this.selfValues = new NDArray[layers];
        this.crossKeys = new NDArray[layers];
        this.crossValues = new NDArray[layers];
    }

    /** Positions already decoded (the position offset of the next call). */
    public int length() {
        return length;
    }

    void advance(int steps) {
        length += steps;
    }

    /** Appends {@code [B, h, T, d]} keys and values of layer {@code l}; returns the full ones. */
    NDArray[] appendSelf(int layer, NDArray keys, NDArray values) {
        NDArray k = selfKeys[layer] == null ? keys : selfKeys[layer].concat(keys, 2);
        NDArray v = selfValues[layer] == null ? values : selfValues[layer].concat(values, 2);
        k.attach(manager);
        v.attach(manager);
        if (selfKeys[layer] != null && selfKeys[layer] != k) {
            selfKeys[layer].close();
            selfValues[layer].close();
        }
        selfKeys[layer] = k;
        selfValues[layer] = v;
        return new NDArray[] {k, v};
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
