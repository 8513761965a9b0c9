package org.musicrfm.dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.musicrfm.audio.MidiClip;

/**
 * SynTheory {@code scales}: 12 roots (C..B) x 7 modes (ionian, dorian, phrygian, lydian,
 * mixolydian, aeolian, locrian) x UP / DOWN x 92 instruments, in that nesting order. The eight
 * notes tonic..octave (tonic placed by {@link PitchClass#tonicMidi}) are played one beat each,
 * reversed for DOWN. 15,456 clips of 4.0 s. Clip id
 * {@code scales/<root>_<mode>_<style>_<program>_<instrument>}, e.g.
 * {@code scales/Fsharp_lydian_DOWN_0_Acoustic_Grand_Piano}.
 */
public final class ScalesGenerator implements ConceptGenerator {

    /** The modes of the concept, in SynTheory's order. */
    public static final List<Mode> MODES = List.of(Mode.IONIAN, Mode.DORIAN, Mode.PHRYGIAN,
            Mode.LYDIAN, Mode.MIXOLYDIAN, Mode.AEOLIAN, Mode.LOCRIAN);
    private static final PlayStyle[] STYLES = {PlayStyle.UP, PlayStyle.DOWN};
    private static final List<MidiInstrument> INSTRUMENTS = GeneralMidi.tonal();

    /** Label columns, in info.csv order (upstream has no pitch-class column for scales). */
    public static final List<LabelColumn> COLUMNS = Specs.withInstrument(
            LabelColumn.of("root_note_name", String.class),
            LabelColumn.of("mode", String.class),
            LabelColumn.of("play_style", Integer.class),
            LabelColumn.of("play_style_name", String.class));

    private record Config(int root, Mode mode, PlayStyle style, MidiInstrument instrument) {}

    @Override
    public Concept concept() {
        return Concept.SCALES;
    }

    @Override
    public int count() {
        return 12 * MODES.size() * STYLES.length * INSTRUMENTS.size();
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
        Mode mode = MODES.get(i % MODES.size());
        return new Config(i / MODES.size(), mode, style, instrument);
    }

    @Override
    public ClipSpec spec(int index) {
        Config c = config(index);
        String root = PitchClass.sharpName(c.root());
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("root_note_name", root);
        labels.put("mode", c.mode().label());
        labels.put("play_style", c.style().ordinal());
        labels.put("play_style_name", c.style().name());
        Specs.putInstrument(labels, c.instrument());
        String stem = root + "_" + c.mode().label() + "_" + c.style().name() + "_"
                + Specs.instrumentStem(c.instrument());
        return new ClipSpec(concept(), index, Specs.clipId(concept(), stem), labels);
    }

    @Override
    public MidiClip midi(ClipSpec spec, long seed) {
        Config c = config(Specs.indexOf(this, spec));
        int[] notes = scaleNotes(c.root(), c.mode(), c.style());
        List<TimedNotes> steps = new ArrayList<>();
        for (int k = 0; k < notes.length; k++) {
            steps.add(new TimedNotes(k, k + 1, notes[k]));
        }
        return Specs.tonalClip(SynTheoryMidi.melody(c.instrument(), steps));
    }

    /** The eight MIDI notes tonic..octave of a mode, in playing order. */
    static int[] scaleNotes(int root, Mode mode, PlayStyle style) {
        int tonic = PitchClass.tonicMidi(root);
        int[] notes = new int[8];
        for (int k = 0; k < 8; k++) {
            int offset = k < 7 ? mode.offset(k) : 12;
            notes[style == PlayStyle.DOWN ? 7 - k : k] = tonic + offset;
        }
        return notes;
    }
}
