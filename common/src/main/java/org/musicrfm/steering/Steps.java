package org.musicrfm.steering;

import java.util.Locale;

/**
 * Decoding steps and seconds: MusicGen emits 50 frames (one decoding step each) per second of audio
 * (32 kHz / EnCodec hop 640). A time value is written in steps ({@code 1500}) or seconds
 * ({@code 30s}, {@code 2.5s}).
 */
public final class Steps {

    /** Decoding steps per second of audio. */
    public static final double PER_SECOND = 50.0;

    private Steps() {}

    /** {@code seconds} as steps. */
    public static double ofSeconds(double seconds) {
        return seconds * PER_SECOND;
    }

    /**
     * Parses a time value: a number of steps ({@code 750}, {@code 12.5}) or seconds with an {@code s}
     * suffix ({@code 15s}).
     *
     * @param what names the value in error messages (e.g. {@code "schedule exp-decay@X"})
     */
    public static double parse(String text, String what) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        boolean seconds = s.endsWith("s");
        String number = seconds ? s.substring(0, s.length() - 1).trim() : s;
        double v;
        try {
            v = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not a time; expected steps (1500) or seconds (30s)");
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not finite");
        }
        return seconds ? ofSeconds(v) : v;
    }

    /** A compact text for a step count that {@link #parse} reads back ({@code 1500}, {@code 12.5}). */
    static String format(double steps) {
        return Numbers.format(steps);
    }
}
