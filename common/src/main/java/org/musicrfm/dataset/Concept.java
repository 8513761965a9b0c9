package org.musicrfm.dataset;

import java.util.Arrays;
import java.util.Locale;

/** The seven SynTheory concepts, with the label column that probes are trained on. */
public enum Concept {
    TEMPOS("tempos", "bpm"),
    TIME_SIGNATURES("time_signatures", "time_signature"),
    NOTES("notes", "root_note_pitch_class"),
    INTERVALS("intervals", "interval"),
    SCALES("scales", "mode"),
    CHORDS("chords", "chord_type"),
    CHORD_PROGRESSIONS("chord_progressions", "chord_progression");

    private final String id;
    private final String probedLabel;

    Concept(String id, String probedLabel) {
        this.id = id;
        this.probedLabel = probedLabel;
    }

    /** SynTheory's folder name, e.g. {@code chord_progressions}. */
    public String id() {
        return id;
    }

    /** The label column a probe predicts for this concept. */
    public String probedLabel() {
        return probedLabel;
    }

    /** Parses a SynTheory concept name; a clear error listing the valid names otherwise. */
    public static Concept parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Concept c : values()) {
            if (c.id.equals(n)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown concept '" + name + "'; expected one of "
                + Arrays.stream(values()).map(Concept::id).toList());
    }
}
