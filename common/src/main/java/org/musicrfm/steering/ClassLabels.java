package org.musicrfm.steering;

import java.util.Collection;
import java.util.Locale;
import org.musicrfm.dataset.PitchClass;

/**
 * Class names of steering packs: pitch classes are named by their musical label (C, C#, …, B)
 * rather than SynTheory's numbers 0–11, and a request may use either form (or a flat spelling,
 * Db for C#), so packs written before the names existed keep working.
 */
public final class ClassLabels {

    /** The label column whose integer classes are pitch classes. */
    public static final String PITCH_CLASS_COLUMN = "root_note_pitch_class";

    private static final String LETTERS = "C D EF G A B";

    private ClassLabels() {}

    /** The name a pack stores for class {@code value} of {@code labelColumn}. */
    public static String display(String labelColumn, String value) {
        if (PITCH_CLASS_COLUMN.equals(labelColumn)) {
            Integer pc = number(value);
            if (pc != null && pc >= 0 && pc < 12) {
                return PitchClass.sharpName(pc);
            }
        }
        return value;
    }

    /** The class among {@code classes} that {@code requested} names, or null. */
    public static String find(Collection<String> classes, String requested) {
        if (classes.contains(requested)) {
            return requested;
        }
        Integer pc = number(requested);
        if (pc == null) {
            pc = pitchClass(requested);
        }
        if (pc == null || pc < 0 || pc > 11) {
            return null;
        }
        for (String candidate : new String[] {PitchClass.sharpName(pc), Integer.toString(pc)}) {
            if (classes.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static Integer number(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** C, C#, Db, c#, B♭ … → 0–11; null when not a note name. */
    static Integer pitchClass(String name) {
        String s = name.trim();
        if (s.isEmpty() || s.length() > 2) {
            return null;
        }
        int base = LETTERS.indexOf(Character.toUpperCase(s.charAt(0)));
        if (base < 0 || s.charAt(0) == ' ') {
            return null;
        }
        if (s.length() == 1) {
            return base;
        }
        return switch (s.substring(1).toLowerCase(Locale.ROOT)) {
            case "#", "♯" -> PitchClass.wrap(base + 1);
            case "b", "♭" -> PitchClass.wrap(base - 1);
            default -> null;
        };
    }
}
