package org.musicrfm.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import javax.sound.midi.Soundbank;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.musicrfm.audio.Audio;
import org.musicrfm.audio.MidiRenderer;
import org.musicrfm.audio.PitchEstimator;
import org.musicrfm.audio.SoundFonts;
import org.musicrfm.audio.TempoEstimator;

/** Rendered SynTheory audio carries its labels, by model-free estimates. */
class RenderedLabelsTest {

    private static Soundbank timgm;

    @BeforeAll
    static void load() throws Exception {
        timgm = SoundFonts.load(SoundFonts.DEFAULT_PATH.toString());
    }

    /** Three notes per instrument, all 92 instruments and all 12 pitch classes, MIDI 36-96: 276 clips. */
    static List<ClipSpec> notesSample(int lowMidi, int highMidi) {
        ConceptGenerator g = SynTheory.generator(Concept.NOTES);
        List<ClipSpec> out = new ArrayList<>();
        int instruments = GeneralMidi.tonal().size();
        int octaves = (highMidi - lowMidi) / 12;
        for (int i = 0; i < instruments; i++) {
            for (int k = 0; k < 3; k++) {
                int pc = (5 * i + 7 * k) % 12;
                int midi = lowMidi + 12 * ((i + 2 * k) % octaves) + Math.floorMod(pc - lowMidi, 12);
                out.add(g.spec(midi * instruments + i));
            }
        }
        return out;
    }

    @Test
    void notesCarryTheirPitchClass() throws Exception {
        List<ClipSpec> sample = notesSample(36, 96);
        assertThat(sample.stream().map(s -> s.labels().get("midi_program_num")).distinct()).hasSize(92);
        assertThat(sample.stream().map(s -> s.labels().get("root_note_pitch_class")).distinct()).hasSize(12);
        assertThat(sample).allSatisfy(s -> assertThat((Integer) s.labels().get("midi_note_val")).isBetween(36, 96));

        int[] correct = new int[1];
        int[] counted = new int[1];
        List<String> misses = new ArrayList<>();
        renderAll(sample).forEach(r -> {
            if (r.audio.peak() < SynTheoryClipWriter.SILENCE_PEAK) {
                return;
            }
            counted[0]++;
            int expected = (Integer) r.spec.labels().get("root_note_pitch_class");
            if (PitchEstimator.pitchClass(r.audio) == expected) {
                correct[0]++;
            } else {
                misses.add(r.spec.clipId());
            }
        });
        double accuracy = correct[0] / (double) counted[0];
        System.out.printf("pitch class accuracy, MIDI 36-96: %d/%d = %.3f; misses %s%n", correct[0], counted[0],
                accuracy, misses);
        assertThat(counted[0]).isGreaterThanOrEqualTo(200);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void tempoClipsCarryTheirBpm() throws Exception {
        ConceptGenerator g = SynTheory.generator(Concept.TEMPOS);
        List<ClipSpec> sample = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // Spread over the whole BPM range, cycling click configs and offsets.
            int target = (int) Math.round(i * (g.count() - 1) / 59.0);
            sample.add(g.spec(target));
        }
        Set<Object> clicks = new HashSet<>();
        sample.forEach(s -> clicks.add(s.labels().get("click_config_name")));
        assertThat(clicks).hasSize(5);

        List<Double> errors = new ArrayList<>();
        renderAll(sample).forEach(r -> {
            double expected = ((Number) r.spec.labels().get("bpm")).doubleValue();
            double err = Math.abs(TempoEstimator.bpm(r.audio) - expected);
            errors.add(Double.isNaN(err) ? Double.POSITIVE_INFINITY : err);
        });
        double[] sorted = errors.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted[sorted.length / 2];
        System.out.printf("tempo: %d clips, median |error| %.3f BPM, max %.3f, within 2 BPM %d%n", sorted.length,
                median, sorted[sorted.length - 1], Arrays.stream(sorted).filter(e -> e <= 2).count());
        assertThat(median).isLessThanOrEqualTo(2.0);
    }

    record Rendered(ClipSpec spec, Audio audio) {}

    private static List<Rendered> renderAll(List<ClipSpec> specs) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            return pool.submit(() -> specs.parallelStream().map(s -> {
                try {
                    MidiRenderer r = new MidiRenderer(timgm, 32_000, 1);
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
}
