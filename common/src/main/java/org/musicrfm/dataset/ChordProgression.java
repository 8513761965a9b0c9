package org.musicrfm.dataset;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A progression of four triads on scale degrees of a mode. {@link #ALL} lists SynTheory's 19
 * (10 ionian, 9 aeolian), in its order.
 */
public record ChordProgression(Mode mode, int... degrees) {

    public static final List<ChordProgression> ALL = List.of(
            new ChordProgression(Mode.IONIAN, 1, 4, 5, 1),
            new ChordProgression(Mode.IONIAN, 1, 4, 6, 5),
            new ChordProgression(Mode.IONIAN, 1, 5, 6, 4),
            new ChordProgression(Mode.IONIAN, 1, 6, 4, 5),
            new ChordProgression(Mode.IONIAN, 2, 5, 1, 6),
            new ChordProgression(Mode.IONIAN, 4, 1, 5, 6),
            new ChordProgression(Mode.IONIAN, 4, 5, 3, 6),
            new ChordProgression(Mode.IONIAN, 5, 4, 1, 5),
            new ChordProgression(Mode.IONIAN, 5, 6, 4, 1),
            new ChordProgression(Mode.IONIAN, 6, 4, 1, 5),
            new ChordProgression(Mode.AEOLIAN, 1, 2, 5, 1),
            new ChordProgression(Mode.AEOLIAN, 1, 3, 4, 1),
            new ChordProgression(Mode.AEOLIAN, 1, 4, 5, 1),
            new ChordProgression(Mode.AEOLIAN, 1, 6, 3, 7),
            new ChordProgression(Mode.AEOLIAN, 1, 6, 7, 1),
            new ChordProgression(Mode.AEOLIAN, 1, 6, 7, 3),
            new ChordProgression(Mode.AEOLIAN, 1, 7, 6, 4),
            new ChordProgression(Mode.AEOLIAN, 4, 7, 1, 1),
            new ChordProgression(Mode.AEOLIAN, 7, 6, 7, 1));

    public ChordProgression {
        degrees = degrees.clone();
    }

    @Override
    public int[] degrees() {
        return degrees.clone();
    }

    /** SynTheory's {@code chord_progression} label, e.g. {@code "ionian-(1, 4, 5, 1)"}. */
    public String label() {
        return mode.label() + "-(" + join(", ") + ")";
    }

    /** The file-name form, e.g. {@code ionian_1-4-5-1}. */
    public String fileName() {
        return mode.label() + "_" + join("-");
    }

    /** The MIDI notes of each chord in a key (triads in the mode, never lifted an octave). */
    public int[][] chords(int keyPitchClass) {
        int[][] chords = new int[degrees.length][];
        for (int k = 0; k < degrees.length; k++) {
            chords[k] = mode.triad(keyPitchClass, degrees[k]);
        }
        return chords;
    }

    private String join(String sep) {
        return Arrays.stream(degrees).mapToObj(Integer::toString).collect(Collectors.joining(sep));
    }
}
