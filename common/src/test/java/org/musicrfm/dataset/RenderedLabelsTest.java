package org.musicrfm.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.musicrfm.eval.PitchClassDistribution;

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
        List<String> outsideTopTwo = new ArrayList<>();
        renderAll(sample).forEach(r -> {
            if (r.audio.peak() < SynTheoryClipWriter.SILENCE_PEAK) {
                return;
            }
            counted[0]++;
            int expected = (Integer) r.spec.labels().get("root_note_pitch_class");
            PitchClassDistribution p = PitchClassDistribution.of(r.audio);
            if (PitchEstimator.pitchClass(r.audio) == expected) {
                correct[0]++;
            } else {
                misses.add(r.spec.clipId());
            }
            if (p.rank(expected) > 2) {
                outsideTopTwo.add(r.spec.clipId() + " (rank " + p.rank(expected) + ")");
            }
        });
        double accuracy = correct[0] / (double) counted[0];
        System.out.printf("pitch class accuracy, MIDI 36-96: %d/%d = %.3f; misses %s%n", correct[0], counted[0],
                accuracy, misses);
        assertThat(counted[0]).isGreaterThanOrEqualTo(200);
        assertThat(outsideTopTwo).as("clips whose pitch class is not among the two most prominent").isEmpty();
        assertThat(accuracy).isGreaterThanOrEqualTo(0.97);
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

        Map<Object, List<String>> misses = new TreeMap<>();
        Map<Object, Integer> perClick = new TreeMap<>();
        renderAll(sample).forEach(r -> {
            double expected = ((Number) r.spec.labels().get("bpm")).doubleValue();
            double estimate = TempoEstimator.bpm(r.audio);
            Object click = r.spec.labels().get("click_config_name");
            perClick.merge(click, 1, Integer::sum);
            if (!(Math.abs(estimate - expected) <= 2.0)) {
                misses.computeIfAbsent(click, k -> new ArrayList<>()).add(r.spec.clipId() + ": " + expected + " -> "
                        + estimate);
            }
        });
        System.out.printf("tempo: clips per click configuration %s, off by more than 2 BPM: %s%n", perClick, misses);
        assertThat(perClick.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(11));
        // every clip, grouped by click configuration in the message
        assertThat(misses).as("tempo clips off by more than 2 BPM, per click configuration").isEmpty();
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
