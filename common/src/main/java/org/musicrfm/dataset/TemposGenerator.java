package org.musicrfm.dataset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.musicrfm.audio.MidiClip;

/**
 * SynTheory {@code tempos}: BPM 50..210 x 5 click configs x 5 crops, in that nesting order;
 * 4,025 clips. The MIDI is a 4/4 click track of {@code bpm / 3 + 1} quarter-note clicks (a little
 * over 20 s, the same for the 5 crops of a BPM and config); SynTheory trims its rendering to 20 s
 * and keeps a random 4 s window, so {@link #midi} returns a crop start uniform in [0, 16) drawn
 * from the seed. Clip id {@code tempos/<bpm>_bpm_<config>_offset_<k>}, e.g.
 * {@code tempos/120_bpm_taiko_offset_3}.
 */
public final class TemposGenerator implements ConceptGenerator {

    public static final int SLOWEST_BPM = 50;
    public static final int FASTEST_BPM = 210;
    public static final int OFFSETS = 5;
    /** SynTheory trims each tempo rendering to this length before cropping. */
    public static final double SOURCE_SECONDS = 20.0;
    private static final List<ClickConfig> CLICKS = ClickConfig.ALL;

    /**
     * Label columns: info.csv's {@code bpm, click_config_name, midi_program_num}, and
     * {@code offset_index}, the {@code k} of upstream's {@code _offset_k} file name.
     */
    public static final List<LabelColumn> COLUMNS = List.of(
            LabelColumn.of("bpm", Integer.class),
            LabelColumn.of("click_config_name", String.class),
            LabelColumn.of("midi_program_num", Integer.class),
            LabelColumn.of("offset_index", Integer.class));

    private record Config(int bpm, ClickConfig click, int offset) {}

    @Override
    public Concept concept() {
        return Concept.TEMPOS;
    }

    @Override
    public int count() {
        return (FASTEST_BPM - SLOWEST_BPM + 1) * CLICKS.size() * OFFSETS;
    }

    public List<LabelColumn> labelColumns() {
        return COLUMNS;
    }

    private Config config(int index) {
        Specs.checkIndex(concept(), index, count());
        int i = index;
        int offset = i % OFFSETS;
        i /= OFFSETS;
        ClickConfig click = CLICKS.get(i % CLICKS.size());
        return new Config(SLOWEST_BPM + i / CLICKS.size(), click, offset);
    }

    @Override
    public ClipSpec spec(int index) {
        Config c = config(index);
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("bpm", c.bpm());
        labels.put("click_config_name", c.click().name());
        labels.put("midi_program_num", c.click().program());
        labels.put("offset_index", c.offset());
        String stem = c.bpm() + "_bpm_" + c.click().name() + "_offset_" + c.offset();
        return new ClipSpec(concept(), index, Specs.clipId(concept(), stem), labels);
    }

    /** The click track and a crop start drawn from {@code seed}; 4.0 s kept. */
    @Override
    public MidiClip midi(ClipSpec spec, long seed) {
        Config c = config(Specs.indexOf(this, spec));
        var sequence = SynTheoryMidi.clickTrack(c.bpm(), TimeSignature.COMMON, c.bpm() / 3, c.click(), 0);
        return Specs.croppedClip(sequence, SOURCE_SECONDS, seed);
    }
}
