package org.musicrfm.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {

    static List<StratifiedSplit.Item> items(int perClass, int classes) {
        List<StratifiedSplit.Item> out = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < perClass; i++) {
                String id = "clip-" + c + "-" + i;
                out.add(new StratifiedSplit.Item(id, id, c));
            }
        }
        return out;
    }

    @Test
    void seventyFifteenFifteenPerClass() {
        Map<String, Split> s = StratifiedSplit.assign(items(20, 3), 5L);
        for (int c = 0; c < 3; c++) {
            int cls = c;
            long train = s.entrySet().stream().filter(e -> e.getKey().startsWith("clip-" + cls + "-") && e.getValue() == Split.TRAIN).count();
            long val = s.entrySet().stream().filter(e -> e.getKey().startsWith("clip-" + cls + "-") && e.getValue() == Split.VAL).count();
            assertThat(train).isEqualTo(14);
            assertThat(val).isEqualTo(3);
        }
    }

    @Test
    void otherFractionsPerClassAndTheDefaultUnchanged() {
        List<StratifiedSplit.Item> items = items(20, 3);
        Map<String, Split> s = StratifiedSplit.assign(items, 5L, 0.2, 0.4);
        for (int c = 0; c < 3; c++) {
            int cls = c;
            Map<Split, Long> n = s.entrySet().stream().filter(e -> e.getKey().startsWith("clip-" + cls + "-"))
                    .collect(java.util.stream.Collectors.groupingBy(Map.Entry::getValue,
                            java.util.stream.Collectors.counting()));
            assertThat(n).as("class %d", c).isEqualTo(Map.of(Split.TRAIN, 4L, Split.VAL, 8L, Split.TEST, 8L));
        }
        // the same hash order: the 20 % train share is the first part of the 70 % one
        Map<String, Split> standard = StratifiedSplit.assign(items, 5L);
        assertThat(StratifiedSplit.assign(items, 5L, StratifiedSplit.TRAIN, StratifiedSplit.VAL)).isEqualTo(standard);
        s.forEach((id, split) -> {
            if (split == Split.TRAIN) {
                assertThat(standard.get(id)).as(id).isEqualTo(Split.TRAIN);
            }
        });
        for (double[] bad : new double[][] {{0, 0.5}, {0.5, 0}, {0.6, 0.4}, {0.9, 0.2}}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> StratifiedSplit.assign(items, 5L, bad[0], bad[1]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("split fractions");
        }
    }

    @Test
    void smallClassesGetEverySplit() {
        for (int n : new int[] {3, 4, 5}) {
            Map<String, Split> s = StratifiedSplit.assign(items(n, 1), 2L);
            assertThat(s.values()).as("%d clips", n).contains(Split.TRAIN, Split.VAL, Split.TEST);
        }
    }

    @Test
    void independentOfInputOrderAndSeeded() {
        List<StratifiedSplit.Item> a = items(30, 4);
        List<StratifiedSplit.Item> b = new ArrayList<>(a);
        Collections.shuffle(b, new Random(1));
        assertThat(StratifiedSplit.assign(b, 9L)).isEqualTo(StratifiedSplit.assign(a, 9L));
        assertThat(StratifiedSplit.assign(a, 10L)).isNotEqualTo(StratifiedSplit.assign(a, 9L));
    }

    @Test
    void groupsStayTogether() {
        List<StratifiedSplit.Item> items = new ArrayList<>();
        for (int g = 0; g < 40; g++) {
            for (int j = 0; j < 3; j++) {
                items.add(new StratifiedSplit.Item("rec" + g + "_" + j, "rec" + g, "major"));
            }
        }
        Map<String, Split> s = StratifiedSplit.assign(items, 1L);
        for (int g = 0; g < 40; g++) {
            assertThat(s.get("rec" + g + "_0")).isEqualTo(s.get("rec" + g + "_1")).isEqualTo(s.get("rec" + g + "_2"));
        }
    }
}
