package org.musicrfm.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import javax.sound.midi.ShortMessage;
import org.junit.jupiter.api.Test;
import org.musicrfm.audio.MidiClip;

class SynTheoryTonalMidiTest {

    private static MidiClip clip(Concept concept, String clipId) {
        ConceptGenerator g = SynTheory.generator(concept);
        ClipSpec spec = g.specs().filter(s -> s.clipId().equals(clipId)).findFirst()
                .orElseThrow(() -> new AssertionError("no clip " + clipId));
        return g.midi(spec, 12345L);
    }

    private static Map<Long, List<Integer>> ons(Concept concept, String clipId) {
        return MidiEvents.of(clip(concept, clipId).sequence()).onsByTick();
    }

    /** Four plays of the same notes, two beats (960 ticks) apart. */
    private static Map<Long, List<Integer>> fourTimes(Integer... notes) {
        List<Integer> n = List.of(notes);
        return Map.of(0L, n, 960L, n, 1920L, n, 2880L, n);
    }

    @Test
    void noteClipHasSynTheorysHeaderChannelVelocityAndLength() {
        MidiClip clip = clip(Concept.NOTES, "notes/0_0_C_0_Acoustic_Grand_Piano");
        MidiEvents ev = MidiEvents.of(clip.sequence());
        assertThat(clip.sequence().getResolution()).isEqualTo(480);
        assertThat(clip.startSeconds()).isEqualTo(0.0);
        assertThat(clip.durationSeconds()).isEqualTo(4.0);
        assertThat(clip.sequence().getTickLength()).isEqualTo(3840);
        assertThat(ev.tempo()).isEqualTo(500_000);
        assertThat(ev.meta(0x58).data()).containsExactly(4, 2, 24, 8);
        assertThat(new String(ev.meta(0x03).data(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("Acoustic Grand Piano");
        assertThat(ev.commands(ShortMessage.PROGRAM_CHANGE)).containsExactly(
                new MidiEvents.Short(0, ShortMessage.PROGRAM_CHANGE, 2, 0, 0));
        assertThat(ev.onsByTick()).isEqualTo(fourTimes(0));
        assertThat(ev.offsByTick()).isEqualTo(Map.of(960L, List.of(0), 1920L, List.of(0),
                2880L, List.of(0), 3840L, List.of(0)));
        assertThat(ev.shorts()).filteredOn(s -> s.command() != ShortMessage.PROGRAM_CHANGE)
                .allSatisfy(s -> {
                    assertThat(s.channel()).isEqualTo(2);
                    assertThat(s.data2()).isEqualTo(64);
                });
    }

    @Test
    void notesSpanOctavesZeroToEight() {
        assertThat(ons(Concept.NOTES, "notes/107_2_B_40_Violin")).isEqualTo(fourTimes(107));
        assertThat(ons(Concept.NOTES, "notes/11_0_B_0_Acoustic_Grand_Piano")).isEqualTo(fourTimes(11));
        MidiEvents violin = MidiEvents.of(clip(Concept.NOTES, "notes/96_2_C_40_Violin").sequence());
        assertThat(violin.onsByTick()).isEqualTo(fourTimes(96));
        assertThat(violin.commands(ShortMessage.PROGRAM_CHANGE).get(0).data1()).isEqualTo(40);
    }

    @Test
    void intervalsUpDownAndUnison() {
        assertThat(ons(Concept.INTERVALS, "intervals/C_7_UP_0_Acoustic_Grand_Piano")).isEqualTo(Map.of(
                0L, List.of(60), 480L, List.of(67), 960L, List.of(60), 1440L, List.of(67),
                1920L, List.of(60), 2400L, List.of(67), 2880L, List.of(60), 3360L, List.of(67)));
        assertThat(ons(Concept.INTERVALS, "intervals/B_12_DOWN_0_Acoustic_Grand_Piano")).isEqualTo(Map.of(
                0L, List.of(83), 480L, List.of(71), 960L, List.of(83), 1440L, List.of(71),
                1920L, List.of(83), 2400L, List.of(71), 2880L, List.of(83), 3360L, List.of(71)));
        MidiClip unison = clip(Concept.INTERVALS, "intervals/Fsharp_3_UNISON_0_Acoustic_Grand_Piano");
        MidiEvents ev = MidiEvents.of(unison.sequence());
        for (long t = 0; t < 3840; t += 480) {
            assertThat(ev.onsByTick().get(t)).as("tick " + t).containsExactly(66, 69);
            assertThat(ev.offsByTick().get(t + 480)).as("tick " + (t + 480)).containsExactly(66, 69);
        }
        assertThat(ev.onsByTick()).hasSize(8);
        assertThat(unison.durationSeconds()).isEqualTo(4.0);
    }

    @Test
    void scalesUpAndDownWithTonicPlacement() {
        assertThat(ons(Concept.SCALES, "scales/D_dorian_DOWN_0_Acoustic_Grand_Piano").values())
                .containsExactly(List.of(74), List.of(72), List.of(71), List.of(69), List.of(67),
                        List.of(65), List.of(64), List.of(62));
        assertThat(ons(Concept.SCALES, "scales/Fsharp_lydian_UP_0_Acoustic_Grand_Piano").values())
                .containsExactly(List.of(54), List.of(56), List.of(58), List.of(60), List.of(61),
                        List.of(63), List.of(65), List.of(66));
        assertThat(ons(Concept.SCALES, "scales/F_locrian_UP_0_Acoustic_Grand_Piano").values())
                .containsExactly(List.of(65), List.of(66), List.of(68), List.of(70), List.of(71),
                        List.of(73), List.of(75), List.of(77));
        assertThat(ons(Concept.SCALES, "scales/B_phrygian_DOWN_0_Acoustic_Grand_Piano").keySet())
                .containsExactly(0L, 480L, 960L, 1440L, 1920L, 2400L, 2880L, 3360L);
    }

    @Test
    void chordInversions() {
        assertThat(ons(Concept.CHORDS, "chords/C_major_5_0_Acoustic_Grand_Piano")).isEqualTo(fourTimes(60, 64, 67));
        assertThat(ons(Concept.CHORDS, "chords/C_major_6_0_Acoustic_Grand_Piano")).isEqualTo(fourTimes(64, 67, 72));
        assertThat(ons(Concept.CHORDS, "chords/C_major_64_0_Acoustic_Grand_Piano")).isEqualTo(fourTimes(67, 72, 76));
        assertThat(ons(Concept.CHORDS, "chords/A_minor_64_0_Acoustic_Grand_Piano")).isEqualTo(fourTimes(64, 69, 72));
        assertThat(ons(Concept.CHORDS, "chords/B_dim_6_0_Acoustic_Grand_Piano")).isEqualTo(fourTimes(62, 65, 71));
    }

    @Test
    void fSharpToBArePlacedBelowMiddleC() {
        assertThat(ons(Concept.CHORDS, "chords/B_major_5_0_Acoustic_Grand_Piano")).isEqualTo(fourTimes(59, 63, 66));
        assertThat(ons(Concept.CHORDS, "chords/Fsharp_minor_5_0_Acoustic_Grand_Piano")).isEqualTo(fourTimes(54, 57, 61));
        assertThat(ons(Concept.CHORDS, "chords/F_major_5_0_Acoustic_Grand_Piano")).isEqualTo(fourTimes(65, 69, 72));
        assertThat(ons(Concept.CHORDS, "chords/B_dim_5_0_Acoustic_Grand_Piano")).isEqualTo(fourTimes(59, 62, 65));
    }

    @Test
    void augmentedTriadsFollowTheHarmonicMinorAMinorThirdBelow() {
        assertThat(ons(Concept.CHORDS, "chords/Fsharp_aug_5_0_Acoustic_Grand_Piano")).isEqualTo(fourTimes(66, 70, 74));
        assertThat(ons(Concept.CHORDS, "chords/G_aug_5_0_Acoustic_Grand_Piano")).isEqualTo(fourTimes(67, 71, 75));
        assertThat(ons(Concept.CHORDS, "chords/Gsharp_aug_5_0_Acoustic_Grand_Piano")).isEqualTo(fourTimes(68, 72, 76));
        assertThat(ons(Concept.CHORDS, "chords/Gsharp_aug_64_0_Acoustic_Grand_Piano")).isEqualTo(fourTimes(76, 80, 84));
        assertThat(ons(Concept.CHORDS, "chords/A_aug_5_0_Acoustic_Grand_Piano")).isEqualTo(fourTimes(57, 61, 65));
        assertThat(ons(Concept.CHORDS, "chords/C_aug_5_0_Acoustic_Grand_Piano")).isEqualTo(fourTimes(60, 64, 68));
        assertThat(ons(Concept.CHORDS, "chords/F_aug_6_0_Acoustic_Grand_Piano")).isEqualTo(fourTimes(69, 73, 77));
    }

    @Test
    void progressionChordsWrapBelowInsteadOfAddingAnOctave() {
        MidiEvents ev = MidiEvents.of(clip(Concept.CHORD_PROGRESSIONS,
                "chord_progressions/C_ionian_1-4-5-1_0_Acoustic_Grand_Piano").sequence());
        assertThat(ev.onsByTick()).isEqualTo(Map.of(0L, List.of(60, 64, 67), 960L, List.of(65, 69, 60),
                1920L, List.of(67, 71, 62), 2880L, List.of(60, 64, 67)));
        // all notes of a chord released together, the first note-off carrying the 2 beats
        assertThat(ev.offsByTick()).isEqualTo(Map.of(960L, List.of(60, 64, 67), 1920L, List.of(65, 69, 60),
                2880L, List.of(67, 71, 62), 3840L, List.of(60, 64, 67)));
        assertThat(ons(Concept.CHORD_PROGRESSIONS, "chord_progressions/A_aeolian_7-6-7-1_0_Acoustic_Grand_Piano"))
                .isEqualTo(Map.of(0L, List.of(67, 59, 62), 960L, List.of(65, 57, 60),
                        1920L, List.of(67, 59, 62), 2880L, List.of(57, 60, 64)));
        assertThat(ons(Concept.CHORD_PROGRESSIONS, "chord_progressions/G_ionian_2-5-1-6_0_Acoustic_Grand_Piano"))
                .isEqualTo(Map.of(0L, List.of(57, 60, 64), 960L, List.of(62, 66, 57),
                        1920L, List.of(55, 59, 62), 2880L, List.of(64, 55, 59)));
        for (int key = 0; key < 12; key++) {
            int tonic = PitchClass.tonicMidi(key);
            for (ChordProgression p : ChordProgression.ALL) {
                for (int[] chord : p.chords(key)) {
                    for (int n : chord) {
                        assertThat(n).as(p.label() + " in " + key).isBetween(tonic, tonic + 11);
                    }
                }
            }
        }
    }

    @Test
    void everyTonalClipLastsFourSecondsAndIgnoresTheSeed() {
        for (Concept c : List.of(Concept.NOTES, Concept.INTERVALS, Concept.SCALES, Concept.CHORDS,
                Concept.CHORD_PROGRESSIONS)) {
            ConceptGenerator g = SynTheory.generator(c);
            for (int i = 0; i < g.count(); i += 97) {
                MidiClip clip = g.midi(g.spec(i), i);
                assertThat(clip.startSeconds()).isEqualTo(0.0);
                assertThat(clip.durationSeconds()).as(g.spec(i).clipId()).isEqualTo(4.0);
            }
        }
    }
}
