package org.musicrfm.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import javax.sound.midi.Soundbank;
import org.musicrfm.audio.Audio;
import org.musicrfm.audio.MidiRenderer;
import org.musicrfm.audio.SoundFonts;
import org.musicrfm.dataset.ClipSeeds;
import org.musicrfm.dataset.ClipSpec;
import org.musicrfm.dataset.Concept;
import org.musicrfm.dataset.ConceptGenerator;
import org.musicrfm.dataset.StratifiedSubset;
import org.musicrfm.dataset.SynTheory;
import org.musicrfm.dataset.SynTheoryClipWriter;

/** SynTheory clips rendered with Gervill + TimGM6mb at 32 kHz mono, for checking model-free metrics against labels. */
public final class Renders {

    /** A rendered clip with its labels. */
    public record Rendered(ClipSpec spec, Audio audio) {

        public boolean silent() {
            return audio.peak() < SynTheoryClipWriter.SILENCE_PEAK;
        }

        public Object label(String column) {
            return spec.labels().get(column);
        }
    }

    public static final List<String> PITCH_NAMES = List.of("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#",
            "B");

    private static Soundbank soundbank;

    private Renders() {}

    /** A stratified sample of a concept (by its probed label), seeded. */
    public static List<ClipSpec> sample(Concept concept, int size, long seed) {
        ConceptGenerator g = SynTheory.generator(concept);
        return StratifiedSubset.select(g.specs().toList(), concept.probedLabel(), seed, size);
    }

    /**
     * Tempo clips of one click configuration at the given BPMs (offset 0): the per-configuration
     * cases of the tempo checks.
     */
    public static List<ClipSpec> tempos(String click, int[] bpms, int offset) {
        List<ClipSpec> out = new ArrayList<>();
        List<ClipSpec> all = SynTheory.generator(Concept.TEMPOS).specs().toList();
        for (int bpm : bpms) {
            for (ClipSpec s : all) {
                Map<String, Object> l = s.labels();
                if (l.get("click_config_name").equals(click) && ((Number) l.get("bpm")).intValue() == bpm
                        && ((Number) l.get("offset_index")).intValue() == offset) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** Renders on {@code threads} threads, one synthesizer per clip (byte-identical to serial rendering). */
    public static List<Rendered> render(List<ClipSpec> specs, int threads) throws Exception {
        Soundbank sb = soundbank();
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(() -> specs.parallelStream().map(s -> {
                try {
                    MidiRenderer r = new MidiRenderer(sb, 32_000, 1);
                    long seed = ClipSeeds.seed(0, s.clipId());
                    return new Rendered(s, r.render(SynTheory.generator(s.concept()).midi(s, seed)));
                } catch (Exception e) {
                    throw new IllegalStateException(s.clipId(), e);
                }
            }).toList()).get();
        } finally {
            pool.shutdown();
        }
    }

    private static synchronized Soundbank soundbank() throws Exception {
        if (soundbank == null) {
            soundbank = SoundFonts.load(SoundFonts.DEFAULT_PATH.toString());
        }
        return soundbank;
    }
}
