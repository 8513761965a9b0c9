package org.musicrfm.steering;

/** A steering pack loaded on a model it was not made for (another architecture or hidden size). */
public final class IncompatiblePackException extends IllegalArgumentException {

    public IncompatiblePackException(String message) {
        super(message);
    }
}
