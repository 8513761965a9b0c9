package org.musicrfm.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StratifiedSubsetTest {

    private final List<ClipSpec> chords = SynTheory.generator(Concept.CHORDS).specs().toList();

    @Test
    void subsetsAreNestedForEverySize() {
        List<ClipSpec> previous = List.of();
        for (int n : new int[] {1, 7, 40, 41, 333, 1000, 13_248}) {
            List<ClipSpec> s = StratifiedSubset.select(chords, "chord_type", 3L, n);
            assertThat(s).hasSize(n).containsAll(previous);
            previous = s;
        }
    }

    @Test
    void eachStratumGetsItsShareWithinOne() {
        for (int n : new int[] {10, 99, 1001}) {
            Map<Object, Long> counts = StratifiedSubset.select(chords, "chord_type", 3L, n).stream()
                    .collect(Collectors.groupingBy(s -> s.labels().get("chord_type"), Collectors.counting()));
            assertThat(counts).hasSize(4);
            assertThat(counts.values()).allSatisfy(c -> assertThat((double) c).isBetween(n / 4.0 - 1, n / 4.0 + 1));
        }
    }

    @Test
    void seededAndSeedSensitive() {
        List<String> a = ids(StratifiedSubset.select(chords, "chord_type", 3L, 50));
        assertThat(ids(StratifiedSubset.select(chords, "chord_type", 3L, 50))).isEqualTo(a);
        assertThat(ids(StratifiedSubset.select(chords, "chord_type", 4L, 50))).isNotEqualTo(a);
    }

    @Test
    void fractionRoundsAndIsValidated() {
        assertThat(StratifiedSubset.selectFraction(chords, "chord_type", 0L, 0.1)).hasSize(1325);
        assertThatThrownBy(() -> StratifiedSubset.selectFraction(chords, "chord_type", 0L, 1.5))
                .hasMessageContaining("1.5");
    }

    private static List<String> ids(List<ClipSpec> specs) {
        return specs.stream().map(ClipSpec::clipId).toList();
    }
}
