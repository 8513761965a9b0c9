package org.musicrfm.dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.musicrfm.audio.MidiClip;

/**
 * SynTheory {@code chords}: 12 roots x {major, minor, aug, dim} x inversions "5" / "6" / "64" x
 * 92 instruments, in that nesting order; the triad is played 4 times, 2 beats each (4.0 s).
 * 13,248 clips. Clip id {@code chords/<root>_<type>_<inversion>_<program>_<instrument>}, e.g.
 * {@code chords/Gsharp_aug_64_0_Acoustic_Grand_Piano}.
 */
public final class ChordsGenerator implements ConceptGenerator {

    private static final ChordType[] TYPES = ChordType.values();
    private static final Inversion[] INVERSIONS = Inversion.values();
    private static final List<MidiInstrument> INSTRUMENTS = GeneralMidi.tonal();

    /** Label columns, in info.csv order. */
    public static final List<LabelColumn> COLUMNS = Specs.withInstrument(
            LabelColumn.of("root_note_name", String.class),
            LabelColumn.of("chord_type", String.class),
            LabelColumn.of("inversion", String.class),
            LabelColumn.of("root_note_is_accidental", Boolean.class),
            LabelColumn.of("root_note_pitch_class", Integer.class));

    private record Config(int root, ChordType type, Inversion inversion, MidiInstrument instrument) {}

    @Override
    public Concept concept() {
        return Concept.CHORDS;
    }

    @Override
    public int count() {
        return 12 * TYPES.length * INVERSIONS.length * INSTRUMENTS.size();
    }

    public List<LabelColumn> labelColumns() {
        return COLUMNS;
    }

    private Config config(int index) {
        Specs.checkIndex(concept(), index, count());
        int i = index;
        MidiInstrument instrument = INSTRUMENTS.get(i % INSTRUMENTS.size());
        i /= INSTRUMENTS.size();
        Inversion inversion = INVERSIONS[i % INVERSIONS.length];
        i /= INVERSIONS.length;
        ChordType type = TYPES[i % TYPES.length];
        return new Config(i / TYPES.length, type, inversion, instrument);
    }

    @Override
    public ClipSpec spec(int index) {
        Config c = config(index);
        String root = PitchClass.sharpName(c.root());
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("root_note_name", root);
        labels.put("chord_type", c.type().label());
        labels.put("inversion", c.inversion().label());
        labels.put("root_note_is_accidental", root.endsWith("#"));
        labels.put("root_note_pitch_class", c.root());
        Specs.putInstrument(labels, c.instrument());
        String stem = root + "_" + c.type().label() + "_" + c.inversion().label() + "_"
                + Specs.instrumentStem(c.instrument());
        return new ClipSpec(concept(), index, Specs.clipId(concept(), stem), labels);
    }

    @Override
    public MidiClip midi(ClipSpec spec, long seed) {
        Config c = config(Specs.indexOf(this, spec));
        int[] notes = c.inversion().apply(c.type().rootPosition(c.root()));
        List<TimedNotes> plays = new ArrayList<>();
        for (int beat = 0; beat < 8; beat += 2) {
            plays.add(new TimedNotes(beat, beat + 2, notes));
        }
        return Specs.tonalClip(SynTheoryMidi.chords(c.instrument(), plays));
    }
}
