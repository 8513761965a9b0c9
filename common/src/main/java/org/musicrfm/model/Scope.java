package org.musicrfm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDResource;
import java.util.function.Function;

/**
 * Memory scopes for forward passes. DJL attaches an operation's result to the manager of its first
 * operand, so a block runs with its inputs temporarily attached to a child manager: every
 * intermediate dies with the child and only the returned tensors move back to the caller's manager.
 */
public final class Scope {

    private Scope() {}

    /** Runs {@code body} in a child of {@code anchor}'s manager; keeps only the returned array. */
    public static NDArray keep(NDArray anchor, Function<NDManager, NDArray> body, NDResource... others) {
        NDManager parent = anchor.getManager();
        try (NDManager sub = parent.newSubManager()) {
            sub.tempAttachAll(anchor);
            for (NDResource r : others) {
                if (r != null) {
                    sub.tempAttachAll(r);
                }
            }
            NDArray out = body.apply(sub);
            out.attach(parent);
            return out;
        }
    }

    /** As {@link #keep} for several results. */
    public static NDList keepAll(NDArray anchor, Function<NDManager, NDList> body, NDResource... others) {
        NDManager parent = anchor.getManager();
        try (NDManager sub = parent.newSubManager()) {
            sub.tempAttachAll(anchor);
            for (NDResource r : others) {
                if (r != null) {
                    sub.tempAttachAll(r);
                }
            }
            NDList out = body.apply(sub);
            out.attach(parent);
            return out;
        }
    }
}
