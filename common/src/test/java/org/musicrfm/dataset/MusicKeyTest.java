package org.musicrfm.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MusicKeyTest {

    @Test
    void enharmonicSpellingsAreOneKey() {
        String[][] same = {{"C#", "Db"}, {"D#", "Eb"}, {"F#", "Gb"}, {"G#", "Ab"}, {"A#", "Bb"}, {"B", "Cb"},
                {"E", "Fb"}, {"F", "E#"}, {"C", "B#"}, {"D", "C##"}, {"D", "Ebb"}};
        for (String[] pair : same) {
            assertThat(MusicKey.parse(pair[1], "minor")).as(pair[1]).isEqualTo(MusicKey.parse(pair[0], "minor"));
        }
        assertThat(MusicKey.parse("Ab", "minor").label()).isEqualTo("G# minor");
        assertThat(MusicKey.parse("Db", "major").label()).isEqualTo("C# major");
        assertThat(MusicKey.parse("Gb", "major").tonicName()).isEqualTo("F#");
        assertThat(MusicKey.parse("B♭", "Major").label()).isEqualTo("A# major");
    }

    @Test
    void pitchClassesOfEssentiaNames() {
        String[] essentia = {"C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"};
        for (int pc = 0; pc < 12; pc++) {
            assertThat(MusicKey.pitchClass(essentia[pc])).as(essentia[pc]).isEqualTo(pc);
        }
    }

    @Test
    void twentyFourKeys() {
        String[] names = {"C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B",
                "B#", "C#", "D", "D#", "Fb", "E#", "F#", "G", "G#", "A", "A#", "Cb"};
        Set<String> labels = new HashSet<>();
        for (String n : names) {
            labels.add(MusicKey.parse(n, "major").label());
            labels.add(MusicKey.parse(n, "minor").label());
        }
        assertThat(labels).hasSize(24);
    }

    @Test
    void unknownNamesAndModesAreClearErrors() {
        assertThatThrownBy(() -> MusicKey.parse("H", "major")).hasMessageContaining("'H'");
        assertThatThrownBy(() -> MusicKey.parse("Cx", "major")).hasMessageContaining("'Cx'");
        assertThatThrownBy(() -> MusicKey.parse("C", "dorian")).hasMessageContaining("'dorian'");
        assertThatThrownBy(() -> MusicKey.parse("", "major")).hasMessageContaining("empty");
    }
}
