package org.musicrfm.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.sound.midi.ShortMessage;
import org.junit.jupiter.api.Test;

class SynTheoryClickMidiTest {

    private static MidiEvents clicks(Concept concept, String clipId) {
        ConceptGenerator g = SynTheory.generator(concept);
        ClipSpec spec = g.specs().filter(s -> s.clipId().equals(clipId)).findFirst()
                .orElseThrow(() -> new AssertionError("no clip " + clipId));
        return MidiEvents.of(g.midi(spec, 1L).sequence());
    }

    private static List<MidiEvents.Short> ons(MidiEvents ev) {
        return ev.commands(ShortMessage.NOTE_ON);
    }

    /** Checks count and spacing of clicks and which of them are downbeats. */
    private static void assertClicks(MidiEvents ev, int count, long unit, int barLength,
            int channel, int downNote, int offNote) {
        List<MidiEvents.Short> ons = ons(ev);
        List<MidiEvents.Short> offs = ev.commands(ShortMessage.NOTE_OFF);
        assertThat(ons).hasSize(count);
        assertThat(offs).hasSize(count);
        for (int b = 0; b < count; b++) {
            boolean down = b % barLength == 0;
            assertThat(ons.get(b)).as("click " + b).isEqualTo(new MidiEvents.Short(b * unit,
                    ShortMessage.NOTE_ON, channel, down ? downNote : offNote, down ? 100 : 75));
            assertThat(offs.get(b)).as("release " + b).isEqualTo(new MidiEvents.Short((b + 1) * unit,
                    ShortMessage.NOTE_OFF, channel, down ? downNote : offNote, down ? 100 : 75));
        }
    }

    @Test
    void defaultClickIsOnTheDrumChannel() {
        MidiEvents ev = clicks(Concept.TEMPOS, "tempos/120_bpm_default_offset_0");
        assertThat(ev.tempo()).isEqualTo(500_000);
        assertThat(ev.meta(0x58).data()).containsExactly(4, 2, 24, 8);
        assertThat(new String(ev.meta(0x03).data())).isEqualTo("click");
        assertThat(ev.commands(ShortMessage.PROGRAM_CHANGE)).containsExactly(
                new MidiEvents.Short(0, ShortMessage.PROGRAM_CHANGE, 9, 0, 0));
        assertThat(ev.commands(ShortMessage.CONTROL_CHANGE)).containsExactly(
                new MidiEvents.Short(0, ShortMessage.CONTROL_CHANGE, 9, 91, 0));
        assertClicks(ev, 41, 480, 4, 9, 37, 31);
    }

    @Test
    void eachClickConfigHasItsProgramChannelAndNotes() {
        record Expected(String name, int channel, int program, int down, int off) {}
        for (Expected e : List.of(new Expected("default", 9, 0, 37, 31),
                new Expected("woodblock_dark", 2, 115, 37, 31),
                new Expected("woodblock_light", 2, 115, 52, 48),
                new Expected("taiko", 2, 116, 52, 48),
                new Expected("synth_drum", 2, 118, 52, 48))) {
            MidiEvents ev = clicks(Concept.TEMPOS, "tempos/90_bpm_" + e.name() + "_offset_2");
            assertThat(ev.commands(ShortMessage.PROGRAM_CHANGE)).as(e.name()).containsExactly(
                    new MidiEvents.Short(0, ShortMessage.PROGRAM_CHANGE, e.channel(), e.program(), 0));
            assertThat(ev.tempo()).isEqualTo(666_667);
            assertClicks(ev, 31, 480, 4, e.channel(), e.down(), e.off());
        }
    }

    @Test
    void tempoTracksCoverTheirTwentySecondWindow() {
        assertThat(clicks(Concept.TEMPOS, "tempos/50_bpm_taiko_offset_0").tempo()).isEqualTo(1_200_000);
        assertThat(clicks(Concept.TEMPOS, "tempos/70_bpm_taiko_offset_0").tempo()).isEqualTo(857_143);
        assertThat(ons(clicks(Concept.TEMPOS, "tempos/210_bpm_taiko_offset_0"))).hasSize(71);
        for (int bpm = TemposGenerator.SLOWEST_BPM; bpm <= TemposGenerator.FASTEST_BPM; bpm++) {
            var seq = SynTheoryMidi.clickTrack(bpm, TimeSignature.COMMON, bpm / 3, ClickConfig.DEFAULT, 0);
            assertThat(SynTheoryMidi.endSeconds(seq, bpm)).as("bpm " + bpm)
                    .isGreaterThanOrEqualTo(TemposGenerator.SOURCE_SECONDS);
        }
    }

    @Test
    void compoundMetersClickOnEighths() {
        MidiEvents sixEight = clicks(Concept.TIME_SIGNATURES,
                "time_signatures/6_8_120_bpm_default_reverb_level_0_offset_0");
        assertThat(sixEight.meta(0x58).data()).containsExactly(6, 3, 24, 8);
        assertThat(sixEight.tempo()).isEqualTo(500_000);
        assertClicks(sixEight, 121, 240, 6, 9, 37, 31);
        assertClicks(clicks(Concept.TIME_SIGNATURES, "time_signatures/12_8_120_bpm_taiko_reverb_level_0_offset_0"),
                121, 240, 12, 2, 52, 48);
        assertClicks(clicks(Concept.TIME_SIGNATURES, "time_signatures/9_8_120_bpm_taiko_reverb_level_0_offset_0"),
                121, 240, 9, 2, 52, 48);
        assertClicks(clicks(Concept.TIME_SIGNATURES, "time_signatures/3_8_120_bpm_taiko_reverb_level_0_offset_0"),
                121, 240, 3, 2, 52, 48);
    }

    @Test
    void simpleMetersClickOnTheirDenominator() {
        MidiEvents cut = clicks(Concept.TIME_SIGNATURES,
                "time_signatures/2_2_120_bpm_woodblock_light_reverb_level_0_offset_0");
        assertThat(cut.meta(0x58).data()).containsExactly(2, 1, 24, 8);
        assertClicks(cut, 31, 960, 2, 2, 52, 48);
        assertClicks(clicks(Concept.TIME_SIGNATURES, "time_signatures/3_4_120_bpm_default_reverb_level_0_offset_0"),
                61, 480, 3, 9, 37, 31);
        assertClicks(clicks(Concept.TIME_SIGNATURES, "time_signatures/2_4_120_bpm_default_reverb_level_0_offset_0"),
                61, 480, 2, 9, 37, 31);
        for (TimeSignature ts : TimeSignature.ALL) {
            var seq = SynTheoryMidi.clickTrack(120, ts, TimeSignaturesGenerator.totalBeats(ts), ClickConfig.DEFAULT, 0);
            assertThat(SynTheoryMidi.endSeconds(seq, 120)).as(ts.label())
                    .isGreaterThanOrEqualTo(TimeSignaturesGenerator.SOURCE_SECONDS);
        }
    }

    @Test
    void reverbLevelsSetControllerNinetyOne() {
        int[] expected = {0, 63, 127};
        for (int level = 0; level < 3; level++) {
            MidiEvents ev = clicks(Concept.TIME_SIGNATURES,
                    "time_signatures/4_4_120_bpm_synth_drum_reverb_level_" + level + "_offset_5");
            assertThat(ev.commands(ShortMessage.CONTROL_CHANGE)).containsExactly(
                    new MidiEvents.Short(0, ShortMessage.CONTROL_CHANGE, 2, 91, expected[level]));
        }
    }
}
