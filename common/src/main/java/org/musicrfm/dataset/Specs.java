package org.musicrfm.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import javax.sound.midi.Sequence;
import org.musicrfm.audio.MidiClip;

/** Helpers shared by the concept generators: index checks, clip ids, common labels. */
final class Specs {

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9_-]");

    private Specs() {}

    static void checkIndex(Concept concept, int index, int count) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException(concept.id() + " index " + index
                    + " outside [0, " + count + ")");
        }
    }

    /**
     * The index of a spec this generator made; refuses a spec of another concept or one whose
     * clip id does not match the configuration at its index.
     */
    static int indexOf(ConceptGenerator generator, ClipSpec spec) {
        if (spec.concept() != generator.concept()) {
            throw new IllegalArgumentException("clip " + spec.clipId() + " is a "
                    + spec.concept().id() + " spec, not " + generator.concept().id());
        }
        String expected = generator.spec(spec.index()).clipId();
        if (!expected.equals(spec.clipId())) {
            throw new IllegalArgumentException("clip id " + spec.clipId() + " does not match "
                    + generator.concept().id() + " index " + spec.index() + " (" + expected + ")");
        }
        return spec.index();
    }

    /**
     * {@code concept/stem} with spaces as '_', '#' spelled "sharp" and any other character
     * outside [A-Za-z0-9_-] dropped (the quotes of {@code Choir "Aah"}).
     */
    static String clipId(Concept concept, String stem) {
        String safe = UNSAFE.matcher(stem.replace(" ", "_").replace("#", "sharp")).replaceAll("");
        return concept.id() + "/" + safe;
    }

    /** The file-name form of an instrument: {@code <program>_<name with '_' for spaces>}. */
    static String instrumentStem(MidiInstrument instrument) {
        return instrument.program() + "_" + instrument.name().replace(" ", "_");
    }

    /** The instrument columns every tonal concept ends with. */
    static final List<LabelColumn> INSTRUMENT_COLUMNS = List.of(
            LabelColumn.of("midi_program_num", Integer.class),
            LabelColumn.of("midi_program_name", String.class),
            LabelColumn.of("midi_category", String.class));

    static List<LabelColumn> withInstrument(LabelColumn... first) {
        List<LabelColumn> all = new ArrayList<>(List.of(first));
        all.addAll(INSTRUMENT_COLUMNS);
        return List.copyOf(all);
    }

    static void putInstrument(Map<String, Object> labels, MidiInstrument instrument) {
        labels.put("midi_program_num", instrument.program());
        labels.put("midi_program_name", instrument.name());
        labels.put("midi_category", instrument.category());
    }

    /** Length of the crop kept from a click track. */
    static final double CROP_SECONDS = 4.0;

    /**
     * A click clip keeps a 4 s crop of its rendering, which SynTheory first trims to
     * {@code sourceSeconds}: the start is uniform in [0, sourceSeconds - 4), drawn from
     * {@code new SplittableRandom(seed).nextDouble()}.
     */
    static MidiClip croppedClip(Sequence sequence, double sourceSeconds, long seed) {
        double start = new SplittableRandom(seed).nextDouble() * (sourceSeconds - CROP_SECONDS);
        return new MidiClip(sequence, start, CROP_SECONDS);
    }

    /** A tonal clip keeps its whole MIDI: [0, end of the last event) at 120 BPM. */
    static MidiClip tonalClip(Sequence sequence) {
        return new MidiClip(sequence, 0.0, SynTheoryMidi.endSeconds(sequence, SynTheoryMidi.TONAL_BPM));
    }
}
