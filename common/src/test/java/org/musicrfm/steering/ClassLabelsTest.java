package org.musicrfm.steering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.musicrfm.model.io.ModelIdentity;

class ClassLabelsTest {

    private static final List<String> NAMED = List.of("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B");
    private static final List<String> NUMBERED = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11");

    @Test
    void pitchClassesAreStoredByName() {
        for (int pc = 0; pc < 12; pc++) {
            assertThat(ClassLabels.display("root_note_pitch_class", Integer.toString(pc))).isEqualTo(NAMED.get(pc));
        }
        assertThat(ClassLabels.display("interval", "3")).isEqualTo("3");
        assertThat(ClassLabels.display("chord_type", "major")).isEqualTo("major");
        assertThat(ClassLabels.display("root_note_pitch_class", "12")).isEqualTo("12");
    }

    @Test
    void eitherFormFindsTheClassOfEitherKindOfPack() {
        for (int pc = 0; pc < 12; pc++) {
            assertThat(ClassLabels.find(NAMED, Integer.toString(pc))).isEqualTo(NAMED.get(pc));
            assertThat(ClassLabels.find(NUMBERED, NAMED.get(pc))).isEqualTo(NUMBERED.get(pc));
            assertThat(ClassLabels.find(NAMED, NAMED.get(pc))).isEqualTo(NAMED.get(pc));
        }
        assertThat(ClassLabels.find(NAMED, "Db")).isEqualTo("C#");
        assertThat(ClassLabels.find(NAMED, "cb")).isEqualTo("B");
        assertThat(ClassLabels.find(NUMBERED, "Bb")).isEqualTo("10");
        assertThat(ClassLabels.find(NAMED, "H")).isNull();
        assertThat(ClassLabels.find(NAMED, "12")).isNull();
        assertThat(ClassLabels.find(List.of("major", "minor"), "C")).isNull();
    }

    @Test
    void aPackAnswersToTheNameAndTheNumber() throws Exception {
        SteeringPack pack = SteeringPackTest.samplePack(ModelIdentity.of(SteeringPackTest.tiny())).build();
        assertThat(pack.layers("1")).isEqualTo(pack.layers("C#")).isEqualTo(pack.layers("Db"));
        assertThat(pack.layers("0")).isEqualTo(pack.layers("C"));
        assertThatThrownBy(() -> pack.layers("E")).hasMessageContaining("has no class 'E'")
                .hasMessageContaining("classes: C, C#");
    }
}
