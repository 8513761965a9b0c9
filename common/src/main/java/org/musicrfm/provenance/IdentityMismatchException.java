package org.musicrfm.provenance;

/** A re-run whose output would not be what the folder already holds, refused before any work. */
public final class IdentityMismatchException extends IllegalStateException {

    public IdentityMismatchException(String message) {
        super(message);
    }
}
