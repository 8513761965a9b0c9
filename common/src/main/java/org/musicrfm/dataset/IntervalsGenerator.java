package org.musicrfm.dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.musicrfm.audio.MidiClip;

/**
 * SynTheory {@code intervals}: base notes MIDI 60..71 (no placement rule) x intervals 1..12
 * semitones x play styles UP / DOWN / UNISON x 92 instruments, in that nesting order. UP plays
 * (base, base + interval) four times, DOWN the reverse, one beat per note; UNISON plays the dyad
 * eight times, one beat each. 39,744 clips of 4.0 s. Clip id
 * {@code intervals/<base name>_<interval>_<style>_<program>_<instrument>}, e.g.
 * {@code intervals/C_7_UP_0_Acoustic_Grand_Piano}.
 */
public final class IntervalsGenerator implements ConceptGenerator {

    static final int FIRST_BASE_NOTE = 60;
    static final int BASE_NOTES = 12;
    static final int INTERVALS = 12;
    private static final PlayStyle[] STYLES = PlayStyle.values();
    private static final List<MidiInstrument> INSTRUMENTS = GeneralMidi.tonal();

    /** Label columns, in info.csv order. */
    public static final List<LabelColumn> COLUMNS = Specs.withInstrument(
            LabelColumn.of("root_note_name", String.class),
            LabelColumn.of("root_note_pitch_class", Integer.class),
            LabelColumn.of("interval", Integer.class),
            LabelColumn.of("play_style", Integer.class),
            LabelColumn.of("play_style_name", String.class),
            LabelColumn.of("midi_note_val", Integer.class));

    private record Config(int baseNote, int interval, PlayStyle style, MidiInstrument instrument) {}

    @Override
    public Concept concept() {
        return Concept.INTERVALS;
    }

    @Override
    public int count() {
        return BASE_NOTES * INTERVALS * STYLES.length * INSTRUMENTS.size();
    }

    public List<LabelColumn> labelColumns() {
        return COLUMNS;
    }

    private Config config(int index) {
        Specs.checkIndex(concept(), index, count());
        int i = index;
        MidiInstrument instrument = INSTRUMENTS.get(i % INSTRUMENTS.size());
        i /= INSTRUMENTS.size();
        PlayStyle style = STYLES[i % STYLES.length];
        i /= STYLES.length;
        int interval = 1 + i % INTERVALS;
        int base = FIRST_BASE_NOTE + i / INTERVALS;
        return new Config(base, interval, style, instrument);
    }

    @Override
    public ClipSpec spec(int index) {
        Config c = config(index);
        String name = PitchClass.sharpName(c.baseNote() % 12);
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("root_note_name", name);
        labels.put("root_note_pitch_class", c.baseNote() % 12);
        labels.put("interval", c.interval());
        labels.put("play_style", c.style().ordinal());
        labels.put("play_style_name", c.style().name());
        labels.put("midi_note_val", c.baseNote());
        Specs.putInstrument(labels, c.instrument());
        String stem = name + "_" + c.interval() + "_" + c.style().name() + "_"
                + Specs.instrumentStem(c.instrument());
        return new ClipSpec(concept(), index, Specs.clipId(concept(), stem), labels);
    }

    @Override
    public MidiClip midi(ClipSpec spec, long seed) {
        Config c = config(Specs.indexOf(this, spec));
        int low = c.baseNote();
        int high = low + c.interval();
        List<TimedNotes> steps = new ArrayList<>();
        if (c.style() == PlayStyle.UNISON) {
            for (int beat = 0; beat < 8; beat++) {
                steps.add(new TimedNotes(beat, beat + 1, low, high));
            }
            return Specs.tonalClip(SynTheoryMidi.chords(c.instrument(), steps));
        }
        int first = c.style() == PlayStyle.UP ? low : high;
        int second = c.style() == PlayStyle.UP ? high : low;
        for (int beat = 0; beat < 8; beat += 2) {
            steps.add(new TimedNotes(beat, beat + 1, first));
            steps.add(new TimedNotes(beat + 1, beat + 2, second));
        }
        return Specs.tonalClip(SynTheoryMidi.melody(c.instrument(), steps));
    }
}
