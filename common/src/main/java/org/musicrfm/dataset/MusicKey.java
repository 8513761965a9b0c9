package org.musicrfm.dataset;

import java.util.Locale;

/**
 * A musical key: tonic pitch class and mode ({@code major} or {@code minor}), as MusicBench's
 * {@code key} field gives it in Essentia's names ({@code ["Ab", "minor"]}). Enharmonic spellings
 * are one key: {@code Db} and {@code C#} parse to the same pitch class, and labels use the sharp
 * spelling ({@code "G# minor"} for Ab minor), so there are exactly 24 keys.
 */
public record MusicKey(int tonic, String mode) {

    public static final String MAJOR = "major";
    public static final String MINOR = "minor";

    private static final int[] NATURALS = {9, 11, 0, 2, 4, 5, 7}; // A B C D E F G

    public MusicKey {
        if (tonic < 0 || tonic > 11) {
            throw new IllegalArgumentException("tonic pitch class " + tonic + " outside [0, 11]");
        }
        if (!MAJOR.equals(mode) && !MINOR.equals(mode)) {
            throw new IllegalArgumentException("mode must be major or minor, got '" + mode + "'");
        }
    }

    /** Parses a tonic name and a mode, e.g. ("Db", "major"); a clear error naming the value otherwise. */
    public static MusicKey parse(String tonicName, String mode) {
        String m = mode == null ? "" : mode.trim().toLowerCase(Locale.ROOT);
        if (m.equals("maj")) {
            m = MAJOR;
        } else if (m.equals("min")) {
            m = MINOR;
        }
        if (!MAJOR.equals(m) && !MINOR.equals(m)) {
            throw new IllegalArgumentException("unknown mode '" + mode + "' (expected major or minor)");
        }
        return new MusicKey(pitchClass(tonicName), m);
    }

    /**
     * The pitch class of a note name: a letter A–G followed by any number of sharps ({@code #},
     * {@code ♯}) or flats ({@code b}, {@code ♭}), e.g. C# = Db = 1, Cb = 11, E# = 5.
     */
    public static int pitchClass(String name) {
        String s = name == null ? "" : name.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty note name");
        }
        char letter = Character.toUpperCase(s.charAt(0));
        if (letter < 'A' || letter > 'G') {
            throw new IllegalArgumentException("unknown note name '" + name + "'");
        }
        int pc = NATURALS[letter - 'A'];
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '#' || c == '♯') {
                pc++;
            } else if (c == 'b' || c == '♭') {
                pc--;
            } else {
                throw new IllegalArgumentException("unknown note name '" + name + "'");
            }
        }
        return PitchClass.wrap(pc);
    }

    /** The tonic's sharp spelling, e.g. "C#". */
    public String tonicName() {
        return PitchClass.sharpName(tonic);
    }

    /** The key's label, e.g. "C# minor": one of 24. */
    public String label() {
        return tonicName() + " " + mode;
    }
}
