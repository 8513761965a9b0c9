package org.musicrfm.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SynTheoryEnumerationTest {

    private static ClipSpec spec(Concept c, int index) {
        return SynTheory.generator(c).spec(index);
    }

    private static Set<Object> distinct(Concept c, String column) {
        return SynTheory.generator(c).specs().map(s -> s.labels().get(column)).collect(Collectors.toSet());
    }

    @Test
    void countsMatchSynTheory() {
        Map<Concept, Integer> expected = Map.of(
                Concept.TEMPOS, 4_025, Concept.TIME_SIGNATURES, 1_200, Concept.NOTES, 9_936,
                Concept.INTERVALS, 39_744, Concept.SCALES, 15_456, Concept.CHORDS, 13_248,
                Concept.CHORD_PROGRESSIONS, 20_976);
        for (Concept c : Concept.values()) {
            assertThat(SynTheory.generator(c).count()).as(c.id()).isEqualTo(expected.get(c));
            assertThat(SynTheory.generator(c).concept()).isEqualTo(c);
        }
        assertThat(SynTheory.all()).extracting(ConceptGenerator::concept).containsExactly(Concept.values());
    }

    @Test
    void ninetyTwoTonalInstruments() {
        List<Integer> expected = IntStream.rangeClosed(0, 111)
                .filter(p -> !Set.of(8, 9, 14, 21, 22, 23, 31, 47, 55, 77, 78, 86).contains(p))
                .filter(p -> p < 96 || p > 103).boxed().toList();
        assertThat(GeneralMidi.tonal()).extracting(MidiInstrument::program).isEqualTo(expected);
        assertThat(GeneralMidi.tonal()).hasSize(92);
        assertThat(GeneralMidi.program(52).name()).isEqualTo("Choir \"Aah\"");
        assertThat(GeneralMidi.program(115)).isEqualTo(new MidiInstrument(115, "Woodblock", "Sound Effects"));
    }

    @Test
    void idsAreUniqueSafeAndLabelsFollowTheColumns() {
        Set<String> allIds = new HashSet<>();
        int total = 0;
        for (ConceptGenerator g : SynTheory.all()) {
            List<LabelColumn> columns = SynTheory.labelColumns(g.concept());
            List<String> names = columns.stream().map(LabelColumn::name).toList();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < g.count(); i++) {
                ClipSpec s = g.spec(i);
                assertThat(s.index()).isEqualTo(i);
                assertThat(s.concept()).isEqualTo(g.concept());
                assertThat(s.clipId()).matches(g.concept().id() + "/[A-Za-z0-9_-]+");
                ids.add(s.clipId());
                assertThat(List.copyOf(s.labels().keySet())).as(s.clipId()).isEqualTo(names);
                for (LabelColumn col : columns) {
                    assertThat(s.labels().get(col.name())).as(s.clipId() + " " + col.name())
                            .isInstanceOf(col.type());
                }
            }
            assertThat(ids.size()).as(g.concept().id()).isEqualTo(g.count());
            allIds.addAll(ids);
            total += g.count();
        }
        assertThat(total).isEqualTo(104_585);
        assertThat(allIds.size()).as("distinct ids over all concepts").isEqualTo(total);
    }

    @Test
    void enumerationOrderIsSynTheorys() {
        assertThat(spec(Concept.TEMPOS, 0).clipId()).isEqualTo("tempos/50_bpm_default_offset_0");
        assertThat(spec(Concept.TEMPOS, 5).clipId()).isEqualTo("tempos/50_bpm_woodblock_dark_offset_0");
        assertThat(spec(Concept.TEMPOS, 4_024).clipId()).isEqualTo("tempos/210_bpm_synth_drum_offset_4");
        assertThat(spec(Concept.TEMPOS, 5).labels()).containsEntry("midi_program_num", 115);

        assertThat(spec(Concept.TIME_SIGNATURES, 0).clipId())
                .isEqualTo("time_signatures/2_2_120_bpm_default_reverb_level_0_offset_0");
        assertThat(spec(Concept.TIME_SIGNATURES, 10).clipId())
                .isEqualTo("time_signatures/2_2_120_bpm_woodblock_dark_reverb_level_0_offset_0");
        assertThat(spec(Concept.TIME_SIGNATURES, 50).clipId())
                .isEqualTo("time_signatures/2_2_120_bpm_default_reverb_level_1_offset_0");
        assertThat(spec(Concept.TIME_SIGNATURES, 1_199).labels()).containsExactly(
                Map.entry("time_signature", "(12, 8)"), Map.entry("time_signature_beats", 12),
                Map.entry("time_signature_subdivision", 8), Map.entry("is_compound", 1),
                Map.entry("bpm", 120), Map.entry("click_config_name", "synth_drum"),
                Map.entry("midi_program_num", 118), Map.entry("offset_index", 9),
                Map.entry("reverb_level", 2));

        assertThat(spec(Concept.NOTES, 92).clipId()).isEqualTo("notes/1_0_Csharp_0_Acoustic_Grand_Piano");
        assertThat(spec(Concept.NOTES, 9_935).labels()).containsExactly(
                Map.entry("root_note_name", "B"), Map.entry("root_note_pitch_class", 11),
                Map.entry("octave", 8), Map.entry("root_note_is_accidental", false),
                Map.entry("register", 2), Map.entry("midi_note_val", 107),
                Map.entry("midi_program_num", 111), Map.entry("midi_program_name", "Shanai"),
                Map.entry("midi_category", "Ethnic Timbres"));

        assertThat(spec(Concept.INTERVALS, 0).clipId()).isEqualTo("intervals/C_1_UP_0_Acoustic_Grand_Piano");
        assertThat(spec(Concept.INTERVALS, 92).clipId()).isEqualTo("intervals/C_1_DOWN_0_Acoustic_Grand_Piano");
        assertThat(spec(Concept.INTERVALS, 184).clipId()).isEqualTo("intervals/C_1_UNISON_0_Acoustic_Grand_Piano");
        assertThat(spec(Concept.INTERVALS, 276).clipId()).isEqualTo("intervals/C_2_UP_0_Acoustic_Grand_Piano");
        assertThat(spec(Concept.INTERVALS, 3_312).labels())
                .containsEntry("midi_note_val", 61).containsEntry("root_note_name", "C#");

        assertThat(spec(Concept.SCALES, 184).clipId()).isEqualTo("scales/C_dorian_UP_0_Acoustic_Grand_Piano");
        assertThat(spec(Concept.SCALES, 1_288).clipId()).isEqualTo("scales/Csharp_ionian_UP_0_Acoustic_Grand_Piano");

        assertThat(spec(Concept.CHORDS, 92).clipId()).isEqualTo("chords/C_major_6_0_Acoustic_Grand_Piano");
        assertThat(spec(Concept.CHORDS, 276).clipId()).isEqualTo("chords/C_minor_5_0_Acoustic_Grand_Piano");
        assertThat(spec(Concept.CHORDS, 552).clipId()).isEqualTo("chords/C_aug_5_0_Acoustic_Grand_Piano");
        assertThat(spec(Concept.CHORDS, 1_104).clipId()).isEqualTo("chords/Csharp_major_5_0_Acoustic_Grand_Piano");
        assertThat(spec(Concept.CHORDS, 44).clipId()).isEqualTo("chords/C_major_5_52_Choir_Aah");

        assertThat(spec(Concept.CHORD_PROGRESSIONS, 92).labels())
                .containsEntry("chord_progression", "ionian-(1, 4, 6, 5)");
        assertThat(spec(Concept.CHORD_PROGRESSIONS, 1_748).clipId())
                .isEqualTo("chord_progressions/Csharp_ionian_1-4-5-1_0_Acoustic_Grand_Piano");
        assertThat(spec(Concept.CHORD_PROGRESSIONS, 20_975).labels())
                .containsEntry("key_note_name", "B").containsEntry("chord_progression", "aeolian-(7, 6, 7, 1)");
    }

    @Test
    void probedLabelsHaveTheirClassCounts() {
        assertThat(distinct(Concept.TEMPOS, "bpm")).hasSize(161);
        assertThat(distinct(Concept.TIME_SIGNATURES, "time_signature")).hasSize(8);
        assertThat(distinct(Concept.TIME_SIGNATURES, "is_compound")).containsExactlyInAnyOrder(0, 1);
        assertThat(distinct(Concept.NOTES, "root_note_pitch_class")).hasSize(12);
        assertThat(distinct(Concept.NOTES, "octave")).hasSize(9);
        assertThat(distinct(Concept.INTERVALS, "interval")).hasSize(12);
        assertThat(distinct(Concept.SCALES, "mode")).containsExactlyInAnyOrder(
                "ionian", "dorian", "phrygian", "lydian", "mixolydian", "aeolian", "locrian");
        assertThat(distinct(Concept.CHORDS, "chord_type")).containsExactlyInAnyOrder("major", "minor", "aug", "dim");
        assertThat(distinct(Concept.CHORDS, "inversion")).containsExactlyInAnyOrder("5", "6", "64");
        assertThat(distinct(Concept.CHORD_PROGRESSIONS, "chord_progression")).hasSize(19);
    }

    @Test
    void unionOfLabelColumns() {
        assertThat(SynTheory.LABEL_COLUMNS).extracting(LabelColumn::name).containsExactly(
                "bpm", "click_config_name", "midi_program_num", "offset_index",
                "time_signature", "time_signature_beats", "time_signature_subdivision", "is_compound",
                "reverb_level",
                "root_note_name", "root_note_pitch_class", "octave", "root_note_is_accidental",
                "register", "midi_note_val", "midi_program_name", "midi_category",
                "interval", "play_style", "play_style_name",
                "mode", "chord_type", "inversion",
                "key_note_name", "key_note_pitch_class", "chord_progression");
        assertThat(SynTheory.LABEL_COLUMNS).filteredOn(c -> !c.nullable())
                .extracting(LabelColumn::name).containsExactly("midi_program_num");
        assertThat(SynTheory.LABEL_COLUMNS).filteredOn(c -> c.type() == Boolean.class)
                .extracting(LabelColumn::name).containsExactly("root_note_is_accidental");
        for (Concept c : Concept.values()) {
            assertThat(SynTheory.LABEL_COLUMNS).extracting(LabelColumn::name).contains(c.probedLabel());
        }
    }

    @Test
    void badIndexAndForeignSpecAreRefused() {
        ConceptGenerator notes = SynTheory.generator(Concept.NOTES);
        assertThatThrownBy(() -> notes.spec(9_936)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("notes index 9936 outside [0, 9936)");
        ClipSpec chord = spec(Concept.CHORDS, 0);
        assertThatThrownBy(() -> notes.midi(chord, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a chords spec, not notes");
        ClipSpec forged = new ClipSpec(Concept.NOTES, 3, "notes/nope", Map.of());
        assertThatThrownBy(() -> notes.midi(forged, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clip id notes/nope does not match notes index 3");
    }
}
