package org.musicrfm.dataset;

/**
 * Pitch-class helpers of SynTheory: sharp note names and the "middle C in the middle" placement
 * of a tonic (C..F at MIDI 60..65, F#..B at 54..59), so every key centre lies within six
 * semitones of middle C.
 */
public final class PitchClass {

    private static final String[] SHARP_NAMES =
            {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};

    /** MIDI note of middle C. */
    public static final int MIDDLE_C = 60;

    private PitchClass() {}

    /** The sharp spelling of a pitch class, e.g. 1 -> "C#". */
    public static String sharpName(int pitchClass) {
        return SHARP_NAMES[check(pitchClass)];
    }

    /** Where SynTheory places a tonic: C..F -> 60 + pc, F#..B -> 48 + pc. */
    public static int tonicMidi(int pitchClass) {
        int pc = check(pitchClass);
        return pc <= 5 ? MIDDLE_C + pc : MIDDLE_C - 12 + pc;
    }

    /** Wraps any integer to [0, 12). */
    public static int wrap(int semitones) {
        return Math.floorMod(semitones, 12);
    }

    private static int check(int pc) {
        if (pc < 0 || pc > 11) {
            throw new IllegalArgumentException("pitch class " + pc + " outside [0, 11]");
        }
        return pc;
    }
}
