package org.musicrfm.dataset;

/** Which part of a probe's data a clip belongs to. */
public enum Split {
    TRAIN, VAL, TEST;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
