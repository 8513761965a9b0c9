package org.musicrfm.dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.musicrfm.audio.MidiClip;

/**
 * SynTheory {@code notes}: every MIDI note 0..107 (C0..B8, octaves 0..8) on each of the 92 tonal
 * instruments, note-major order; the note is played 4 times, 2 beats each, at 120 BPM (4.0 s).
 * 9,936 clips. Clip id {@code notes/<midi>_<register>_<name>_<program>_<instrument>}, e.g.
 * {@code notes/61_1_Csharp_0_Acoustic_Grand_Piano}.
 */
public final class NotesGenerator implements ConceptGenerator {

    static final int NOTE_COUNT = 108;
    private static final List<MidiInstrument> INSTRUMENTS = GeneralMidi.tonal();

    /** Label columns, in info.csv order. */
    public static final List<LabelColumn> COLUMNS = Specs.withInstrument(
            LabelColumn.of("root_note_name", String.class),
            LabelColumn.of("root_note_pitch_class", Integer.class),
            LabelColumn.of("octave", Integer.class),
            LabelColumn.of("root_note_is_accidental", Boolean.class),
            LabelColumn.of("register", Integer.class),
            LabelColumn.of("midi_note_val", Integer.class));

    @Override
    public Concept concept() {
        return Concept.NOTES;
    }

    @Override
    public int count() {
        return NOTE_COUNT * INSTRUMENTS.size();
    }

    public List<LabelColumn> labelColumns() {
        return COLUMNS;
    }

    @Override
    public ClipSpec spec(int index) {
        Specs.checkIndex(concept(), index, count());
        MidiInstrument instrument = INSTRUMENTS.get(index % INSTRUMENTS.size());
        int midi = index / INSTRUMENTS.size();
        String name = PitchClass.sharpName(midi % 12);
        int register = register(midi);
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("root_note_name", name);
        labels.put("root_note_pitch_class", midi % 12);
        labels.put("octave", midi / 12);
        labels.put("root_note_is_accidental", name.endsWith("#"));
        labels.put("register", register);
        labels.put("midi_note_val", midi);
        Specs.putInstrument(labels, instrument);
        String stem = midi + "_" + register + "_" + name + "_" + Specs.instrumentStem(instrument);
        return new ClipSpec(concept(), index, Specs.clipId(concept(), stem), labels);
    }

    @Override
    public MidiClip midi(ClipSpec spec, long seed) {
        int index = Specs.indexOf(this, spec);
        MidiInstrument instrument = INSTRUMENTS.get(index % INSTRUMENTS.size());
        int midi = index / INSTRUMENTS.size();
        List<TimedNotes> notes = new ArrayList<>();
        for (int beat = 0; beat < 8; beat += 2) {
            notes.add(new TimedNotes(beat, beat + 2, midi));
        }
        return Specs.tonalClip(SynTheoryMidi.melody(instrument, notes));
    }

    /** Low (octaves 0-2) = 0, mid (3-5) = 1, high (6-8) = 2. */
    static int register(int midi) {
        return Math.min(midi / 12 / 3, 3);
    }
}
