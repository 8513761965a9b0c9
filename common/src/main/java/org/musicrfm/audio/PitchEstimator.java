package org.musicrfm.audio;

/**
 * Model-free pitch estimate: the most salient note of a {@link NoteSalience} transcription
 * (NNLS against harmonic note templates with a tuning estimate), so a polyphonic or
 * harmonic-rich clip is not answered with a subharmonic. Notes outside MIDI
 * {@value NoteSalience#LOWEST_NOTE}–{@value NoteSalience#HIGHEST_NOTE} are not represented.
 */
public final class PitchEstimator {

    private PitchEstimator() {}

    /** The most salient MIDI pitch, or -1 for silence. */
    public static int midiPitch(Audio audio) {
        return NoteSalience.of(audio).strongest();
    }

    /** The estimated pitch class 0..11 (C = 0), or -1 for silence. */
    public static int pitchClass(Audio audio) {
        int m = midiPitch(audio);
        return m < 0 ? -1 : m % 12;
    }
}
