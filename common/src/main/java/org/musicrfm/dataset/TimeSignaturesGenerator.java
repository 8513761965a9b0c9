package org.musicrfm.dataset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.musicrfm.audio.MidiClip;

/**
 * SynTheory {@code time_signatures}: 8 meters x reverb levels 0..2 (CC 91 = 0, 63, 127) x 5 click
 * configs x 10 crops, in that nesting order, at 120 BPM; 1,200 clips. The MIDI clicks
 * {@code denominator / 4 * 60 + 1} times (just over 30 s); SynTheory trims the rendering to 30 s
 * and keeps a random 4 s window, so {@link #midi} returns a crop start uniform in [0, 26) drawn
 * from the seed. Clip id
 * {@code time_signatures/<num>_<den>_120_bpm_<config>_reverb_level_<r>_offset_<k>}, e.g.
 * {@code time_signatures/6_8_120_bpm_default_reverb_level_2_offset_9}.
 */
public final class TimeSignaturesGenerator implements ConceptGenerator {

    public static final int BPM = 120;
    public static final int REVERB_LEVELS = 3;
    public static final int OFFSETS = 10;
    /** SynTheory trims each time-signature rendering to this length before cropping. */
    public static final double SOURCE_SECONDS = 30.0;
    private static final List<TimeSignature> METERS = TimeSignature.ALL;
    private static final List<ClickConfig> CLICKS = ClickConfig.ALL;

    /**
     * Label columns, in info.csv order; {@code time_signature} is the Python tuple text
     * ({@code "(6, 8)"}), {@code is_compound} 0 or 1; {@code offset_index} is ours (the {@code k}
     * of upstream's {@code _offset_k} file name).
     */
    public static final List<LabelColumn> COLUMNS = List.of(
            LabelColumn.of("time_signature", String.class),
            LabelColumn.of("time_signature_beats", Integer.class),
            LabelColumn.of("time_signature_subdivision", Integer.class),
            LabelColumn.of("is_compound", Integer.class),
            LabelColumn.of("bpm", Integer.class),
            LabelColumn.of("click_config_name", String.class),
            LabelColumn.of("midi_program_num", Integer.class),
            LabelColumn.of("offset_index", Integer.class),
            LabelColumn.of("reverb_level", Integer.class));

    private record Config(TimeSignature meter, int reverbLevel, ClickConfig click, int offset) {}

    @Override
    public Concept concept() {
        return Concept.TIME_SIGNATURES;
    }

    @Override
    public int count() {
        return METERS.size() * REVERB_LEVELS * CLICKS.size() * OFFSETS;
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
        i /= CLICKS.size();
        int reverb = i % REVERB_LEVELS;
        return new Config(METERS.get(i / REVERB_LEVELS), reverb, click, offset);
    }

    @Override
    public ClipSpec spec(int index) {
        Config c = config(index);
        TimeSignature ts = c.meter();
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("time_signature", ts.label());
        labels.put("time_signature_beats", ts.numerator());
        labels.put("time_signature_subdivision", ts.denominator());
        labels.put("is_compound", ts.isCompound() ? 1 : 0);
        labels.put("bpm", BPM);
        labels.put("click_config_name", c.click().name());
        labels.put("midi_program_num", c.click().program());
        labels.put("offset_index", c.offset());
        labels.put("reverb_level", c.reverbLevel());
        String stem = ts.fileName() + "_" + BPM + "_bpm_" + c.click().name() + "_reverb_level_"
                + c.reverbLevel() + "_offset_" + c.offset();
        return new ClipSpec(concept(), index, Specs.clipId(concept(), stem), labels);
    }

    /** The click track and a crop start drawn from {@code seed}; 4.0 s kept. */
    @Override
    public MidiClip midi(ClipSpec spec, long seed) {
        Config c = config(Specs.indexOf(this, spec));
        var sequence = SynTheoryMidi.clickTrack(BPM, c.meter(), totalBeats(c.meter()), c.click(),
                c.reverbLevel());
        return Specs.croppedClip(sequence, SOURCE_SECONDS, seed);
    }

    /** SynTheory's {@code int(denominator / 4 * (bpm // 2))}: 30 for 2/2, 60 for x/4, 120 for x/8. */
    static int totalBeats(TimeSignature ts) {
        return (int) (ts.denominator() / 4.0 * (BPM / 2));
    }
}
