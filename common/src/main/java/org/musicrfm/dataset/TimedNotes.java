package org.musicrfm.dataset;

/**
 * Notes sounding together from {@code startBeat} to {@code endBeat} (quarter-note beats from the
 * start of the clip): one note for a melody step, several for a chord or dyad.
 */
public record TimedNotes(int startBeat, int endBeat, int... notes) {

    public TimedNotes {
        if (endBeat <= startBeat || startBeat < 0) {
            throw new IllegalArgumentException("beats [" + startBeat + ", " + endBeat
                    + "): expected 0 <= start < end");
        }
        for (int n : notes) {
            if (n < 0 || n > 127) {
                throw new IllegalArgumentException("MIDI note " + n + " outside [0, 127]");
            }
        }
        notes = notes.clone();
    }

    @Override
    public int[] notes() {
        return notes.clone();
    }
}
