package org.musicrfm.dataset;

/**
 * The four triad qualities of SynTheory's chords concept. Major, minor and diminished triads are
 * degree I of ionian, aeolian and locrian on the root; the augmented triad is degree III of the
 * harmonic minor a minor third below the root, so its placement follows that lower tonic (roots
 * F#, G, G# land at MIDI 66..68, not 54..56).
 */
public enum ChordType {
    MAJOR("major"),
    MINOR("minor"),
    AUGMENTED("aug"),
    DIMINISHED("dim");

    private final String label;

    ChordType(String label) {
        this.label = label;
    }

    /** SynTheory's {@code chord_type} value. */
    public String label() {
        return label;
    }

    /** Root-position MIDI notes (root, third, fifth) of this triad on a root pitch class. */
    public int[] rootPosition(int rootPitchClass) {
        return switch (this) {
            case MAJOR -> Mode.IONIAN.triad(rootPitchClass, 1);
            case MINOR -> Mode.AEOLIAN.triad(rootPitchClass, 1);
            case DIMINISHED -> Mode.LOCRIAN.triad(rootPitchClass, 1);
            case AUGMENTED -> Mode.HARMONIC_MINOR.triad(PitchClass.wrap(rootPitchClass - 3), 3);
        };
    }
}
