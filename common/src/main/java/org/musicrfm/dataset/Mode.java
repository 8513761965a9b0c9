package org.musicrfm.dataset;

/** The diatonic modes (and harmonic minor) of SynTheory, as semitone offsets from the tonic. */
public enum Mode {
    IONIAN("ionian", 0, 2, 4, 5, 7, 9, 11),
    DORIAN("dorian", 0, 2, 3, 5, 7, 9, 10),
    PHRYGIAN("phrygian", 0, 1, 3, 5, 7, 8, 10),
    LYDIAN("lydian", 0, 2, 4, 6, 7, 9, 11),
    MIXOLYDIAN("mixolydian", 0, 2, 4, 5, 7, 9, 10),
    AEOLIAN("aeolian", 0, 2, 3, 5, 7, 8, 10),
    LOCRIAN("locrian", 0, 1, 3, 5, 6, 8, 10),
    HARMONIC_MINOR("harmonicMinor", 0, 2, 3, 5, 7, 8, 11);

    private final String label;
    private final int[] offsets;

    Mode(String label, int... offsets) {
        this.label = label;
        this.offsets = offsets;
    }

    /** SynTheory's name, e.g. {@code harmonicMinor}. */
    public String label() {
        return label;
    }

    /** Semitones above the tonic of scale degree {@code index} (0-based, 0..6). */
    public int offset(int index) {
        return offsets[index];
    }

    /**
     * The triad on a 1-based scale degree: the degree, its third and fifth stacked in the scale,
     * each placed at {@code tonicMidi(tonic) + offset}. Upper notes are never lifted an octave,
     * so a chord on a high degree wraps below its root (V of C = G4 B4 D4: 67, 71, 62).
     */
    public int[] triad(int tonicPitchClass, int degree) {
        if (degree < 1 || degree > 7) {
            throw new IllegalArgumentException("scale degree " + degree + " outside [1, 7]");
        }
        int tonic = PitchClass.tonicMidi(tonicPitchClass);
        int[] notes = new int[3];
        for (int k = 0; k < 3; k++) {
            notes[k] = tonic + offsets[(degree - 1 + 2 * k) % 7];
        }
        return notes;
    }
}
