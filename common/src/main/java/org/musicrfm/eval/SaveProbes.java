package org.musicrfm.eval;

import java.util.Locale;

/** Which fitted headline probes (multiclass, or regression) the training job keeps. */
public enum SaveProbes {
    /** The layer with the best validation score. */
    BEST,
    /** Every layer. */
    ALL,
    /** None. */
    NONE;

    /** Parses best, all or none (any case); the error names the value. */
    public static SaveProbes parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("--save-probes must be best, all or none, got '" + s + "'");
        }
    }
}
