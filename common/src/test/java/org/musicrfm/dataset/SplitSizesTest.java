package org.musicrfm.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitSizesTest {

    private static SplitSizes sizes(int perClass, int classes) {
        List<StratifiedSplit.Item> items = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < perClass; i++) {
                items.add(new StratifiedSplit.Item("c" + c + "-" + i, "c" + c + "-" + i, c));
            }
        }
        return SplitSizes.of(StratifiedSplit.assign(items, 7).values());
    }

    @Test
    void oneOrTwoClipsPerClassLeaveAPartEmpty() {
        assertThat(sizes(1, 2)).isEqualTo(new SplitSizes(2, 0, 0));
        assertThat(sizes(2, 2)).isEqualTo(new SplitSizes(2, 2, 0));
        assertThatThrownBy(() -> sizes(2, 2).requireEachPart("concept notes in /acts"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("too few clips for the 70/15/15 split of concept notes in /acts: 4 clips give train 2,"
                        + " validation 2, test 0 (each part needs one; a class of 3 or more clips puts one in each)");
        assertThat(sizes(3, 2)).isEqualTo(new SplitSizes(2, 2, 2));
        assertThatCode(() -> sizes(3, 2).requireEachPart("x")).doesNotThrowAnyException();
    }
}
