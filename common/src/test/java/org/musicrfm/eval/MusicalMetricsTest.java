package org.musicrfm.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.musicrfm.audio.Audio;
import org.musicrfm.audio.NoteSalience;
import org.musicrfm.audio.PitchEstimator;
import org.musicrfm.audio.TempoEstimator;
import org.musicrfm.dataset.ClipSpec;
import org.musicrfm.dataset.Concept;
import org.musicrfm.dataset.SynTheory;

/** Model-free musical metrics, per case: synthetic tones with exact answers, and SynTheory renders with known labels. */
class MusicalMetricsTest {

    static final int SR = 32_000;

    /** Sum of harmonic tones (partials 1..8, amplitude 0.8^(h−1)) at the given frequencies, 2 s. */
    static Audio tones(double... hz) {
        float[] x = new float[2 * SR];
        for (double f0 : hz) {
            double amp = 1;
            for (int h = 1; h <= 8; h++, amp *= 0.8) {
                for (int i = 0; i < x.length; i++) {
                    x[i] += (float) (0.05 * amp * Math.sin(2 * Math.PI * h * f0 * i / SR));
                }
            }
        }
        return new Audio(x, SR, 1);
    }

    static double hz(double midi) {
        return 440 * Math.pow(2, (midi - 69) / 12.0);
    }

    @ParameterizedTest(name = "MIDI {0}")
    @ValueSource(ints = {28, 40, 45, 57, 64, 76, 88})
    void aHarmonicRichToneIsNotAnsweredWithASubharmonic(int midi) {
        assertThat(PitchEstimator.midiPitch(tones(hz(midi)))).isEqualTo(midi);
    }

    @Test
    void tuningIsEstimatedAndCompensated() {
        // A4 at 445 Hz: +0.196 semitones
        NoteSalience.Result r = NoteSalience.of(tones(445, 445 * Math.pow(2, 4 / 12.0)));
        assertThat(r.tuning()).isCloseTo(12 * Math.log(445 / 440.0) / Math.log(2), within(0.02));
        assertThat(r.strongest()).isIn(69, 73);
        assertThat(NoteSalience.of(tones(440)).tuning()).isCloseTo(0.0, within(0.02));
    }

    @Test
    void shareAndRankOfTheTargetPitchClass() {
        // C major triad C4 E4 G4 plus a quieter... the triad's three pitch classes lead
        PitchClassDistribution p = PitchClassDistribution.of(tones(hz(60), hz(64), hz(67)));
        assertThat(p.rank(0)).isLessThanOrEqualTo(3);
        assertThat(p.rank(4)).isLessThanOrEqualTo(3);
        assertThat(p.rank(7)).isLessThanOrEqualTo(3);
        assertThat(p.share(0) + p.share(4) + p.share(7)).isGreaterThan(0.8);
        double sum = 0;
        for (double s : p.shares()) {
            sum += s;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-12));
        assertThat(PitchClassDistribution.of(new Audio(new float[SR], SR, 1)).silent()).isTrue();
    }

    @Test
    void chordQualitiesOfSyntheticTriads() {
        int[][] triads = {{60, 64, 67}, {57, 60, 64}, {62, 66, 70}, {59, 62, 65}};
        ChordQualityMatch.Quality[] expected = ChordQualityMatch.Quality.values(); // major, minor, aug, dim
        int[] roots = {0, 9, 2, 11};
        for (int i = 0; i < triads.length; i++) {
            ChordQualityMatch.Match m = ChordQualityMatch.of(PitchClassDistribution.of(tones(hz(triads[i][0]),
                    hz(triads[i][1]), hz(triads[i][2]))));
            assertThat(m.quality()).as("triad %d", i).isEqualTo(expected[i]);
            assertThat(Math.floorMod(m.root() - roots[i], expected[i] == ChordQualityMatch.Quality.AUGMENTED ? 4 : 12))
                    .as("root of triad %d", i).isZero();
        }
    }

    @Test
    void keyProfilesOnPitchClassDistributions() {
        // the C major scale's distribution with tonic weight: C major; A natural minor weighted on A, C, E: A minor
        double[] cMajor = {3, 0, 1, 0, 2, 1, 0, 2, 0, 1, 0, 1};
        double[] aMinor = {2, 0, 1, 0, 2, 1, 0, 1, 0, 3, 0, 1};
        for (KeyEstimator.Profile prof : KeyEstimator.Profile.values()) {
            KeyEstimator.Key c = KeyEstimator.estimate(new PitchClassDistribution(normalise(cMajor), 0), prof);
            assertThat(c.name()).as(prof.name()).isEqualTo("C major");
            KeyEstimator.Key a = KeyEstimator.estimate(new PitchClassDistribution(normalise(aMinor), 0), prof);
            assertThat(a.name()).as(prof.name()).isEqualTo("A minor");
        }
    }

    /** Per case: I–IV–V–I (ionian) and i–iv–v–i (aeolian) progressions rendered on three instruments in four keys. */
    @Test
    void keysOfRenderedCadences() throws Exception {
        List<ClipSpec> cases = new ArrayList<>();
        for (ClipSpec s : SynTheory.generator(Concept.CHORD_PROGRESSIONS).specs().toList()) {
            Map<String, Object> l = s.labels();
            String prog = (String) l.get("chord_progression");
            int program = (Integer) l.get("midi_program_num");
            int key = (Integer) l.get("key_note_pitch_class");
            if ((prog.equals("ionian-(1, 4, 5, 1)") || prog.equals("aeolian-(1, 4, 5, 1)"))
                    && (program == 0 || program == 24 || program == 48) && key % 3 == 0) {
                cases.add(s);
            }
        }
        assertThat(cases).hasSize(2 * 3 * 4);
        List<String> wrong = new ArrayList<>();
        for (Renders.Rendered r : Renders.render(cases, 2)) {
            KeyEstimator.Key k = KeyEstimator.estimate(PitchClassDistribution.of(r.audio()), KeyEstimator.Profile.TEMPERLEY);
            boolean major = ((String) r.label("chord_progression")).startsWith("ionian");
            if (k.tonic() != (Integer) r.label("key_note_pitch_class") || k.major() != major) {
                wrong.add(r.spec().clipId() + " -> " + k.name());
            }
        }
        assertThat(wrong).as("cadences whose key was missed").isEmpty();
    }

    /** Per case: chords of each quality, root position and inversions, on piano and strings. */
    @Test
    void qualitiesOfRenderedChords() throws Exception {
        List<ClipSpec> cases = new ArrayList<>();
        for (ClipSpec s : SynTheory.generator(Concept.CHORDS).specs().toList()) {
            Map<String, Object> l = s.labels();
            int program = (Integer) l.get("midi_program_num");
            int root = (Integer) l.get("root_note_pitch_class");
            if ((program == 0 || program == 48) && root % 4 == 1) {
                cases.add(s);
            }
        }
        assertThat(cases).hasSize(2 * 3 * 4 * 3); // programs × roots × qualities × inversions
        List<String> wrong = new ArrayList<>();
        for (Renders.Rendered r : Renders.render(cases, 2)) {
            ChordQualityMatch.Match m = ChordQualityMatch.of(PitchClassDistribution.of(r.audio()));
            if (!m.quality().label().equals(r.label("chord_type"))) {
                wrong.add(r.spec().clipId() + " -> " + m.quality());
            }
        }
        assertThat(wrong).as("chords whose quality was missed").isEmpty();
    }

    /** Per case and per click configuration: offset-0 clips across the BPM range, each within 2 BPM. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"default", "woodblock_dark", "woodblock_light", "taiko", "synth_drum"})
    void tempoOfRenderedClickTracks(String click) throws Exception {
        List<String> wrong = new ArrayList<>();
        List<Renders.Rendered> clips = Renders.render(Renders.tempos(click, new int[] {50, 83, 121, 167, 210}, 0), 2);
        assertThat(clips).hasSize(5);
        for (Renders.Rendered r : clips) {
            double bpm = ((Number) r.label("bpm")).doubleValue();
            double est = TempoEstimator.bpm(r.audio());
            if (!(Math.abs(est - bpm) <= 2.0)) {
                wrong.add(r.spec().clipId() + ": " + bpm + " -> " + est);
            }
        }
        assertThat(wrong).as("%s clips off by more than 2 BPM", click).isEmpty();
    }

    @Test
    void silenceHasNoTempo() {
        assertThat(TempoEstimator.bpm(new Audio(new float[4 * SR], SR, 1))).isNaN();
    }

    private static double[] normalise(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / s;
        }
        return out;
    }
}
