package org.musicrfm.dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.musicrfm.audio.MidiClip;

/**
 * SynTheory {@code chord_progressions}: 12 keys x 19 progressions x 92 instruments, in that
 * nesting order; four root-position triads, 2 beats each (4.0 s), every chord tone within
 * [tonic, tonic + 11] of the placed tonic. 20,976 clips. Clip id
 * {@code chord_progressions/<key>_<mode>_<degrees>_<program>_<instrument>}, e.g.
 * {@code chord_progressions/C_ionian_1-4-5-1_0_Acoustic_Grand_Piano}.
 */
public final class ChordProgressionsGenerator implements ConceptGenerator {

    private static final List<ChordProgression> PROGRESSIONS = ChordProgression.ALL;
    private static final List<MidiInstrument> INSTRUMENTS = GeneralMidi.tonal();

    /** Label columns, in info.csv order. */
    public static final List<LabelColumn> COLUMNS = Specs.withInstrument(
            LabelColumn.of("key_note_name", String.class),
            LabelColumn.of("key_note_pitch_class", Integer.class),
            LabelColumn.of("chord_progression", String.class));

    private record Config(int key, ChordProgression progression, MidiInstrument instrument) {}

    @Override
    public Concept concept() {
        return Concept.CHORD_PROGRESSIONS;
    }

    @Override
    public int count() {
        return 12 * PROGRESSIONS.size() * INSTRUMENTS.size();
    }

    public List<LabelColumn> labelColumns() {
        return COLUMNS;
    }

    private Config config(int index) {
        Specs.checkIndex(concept(), index, count());
        int i = index;
        MidiInstrument instrument = INSTRUMENTS.get(i % INSTRUMENTS.size());
        i /= INSTRUMENTS.size();
        ChordProgression progression = PROGRESSIONS.get(i % PROGRESSIONS.size());
        return new Config(i / PROGRESSIONS.size(), progression, instrument);
    }

    @Override
    public ClipSpec spec(int index) {
        Config c = config(index);
        String key = PitchClass.sharpName(c.key());
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("key_note_name", key);
        labels.put("key_note_pitch_class", c.key());
        labels.put("chord_progression", c.progression().label());
        Specs.putInstrument(labels, c.instrument());
        String stem = key + "_" + c.progression().fileName() + "_" + Specs.instrumentStem(c.instrument());
        return new ClipSpec(concept(), index, Specs.clipId(concept(), stem), labels);
    }

    @Override
    public MidiClip midi(ClipSpec spec, long seed) {
        Config c = config(Specs.indexOf(this, spec));
        int[][] chords = c.progression().chords(c.key());
        List<TimedNotes> steps = new ArrayList<>();
        for (int k = 0; k < chords.length; k++) {
            steps.add(new TimedNotes(2 * k, 2 * k + 2, chords[k]));
        }
        return Specs.tonalClip(SynTheoryMidi.chords(c.instrument(), steps));
    }
}
