package org.musicrfm.dataset;

/**
 * How intervals and scales are played: {@code play_style} is the ordinal, {@code play_style_name}
 * the name. UNISON (intervals only) is a harmonic dyad, both notes together.
 */
public enum PlayStyle {
    UP,
    DOWN,
    UNISON
}
