package org.musicrfm.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClassAccuracyTest {

    @Test
    void meanOverPresentClasses() {
        // class 0: 3 of 4 right; class 1: 0 of 1; class 2: absent; class 3: 1 of 1
        int[] target = {0, 0, 0, 0, 1, 3};
        int[] pred = {0, 0, 0, 2, 0, 3};
        ClassAccuracy.Result r = ClassAccuracy.of(pred, target, 4);
        assertThat(r.perClass()[0]).isEqualTo(0.75);
        assertThat(r.perClass()[1]).isEqualTo(0.0);
        assertThat(r.perClass()[2]).isNaN();
        assertThat(r.perClass()[3]).isEqualTo(1.0);
        assertThat(r.meanPerClass()).isCloseTo((0.75 + 0 + 1) / 3, within(1e-15));
        assertThat(r.overall()).isCloseTo(4.0 / 6, within(1e-15));
        assertThat(r.support()).containsExactly(4, 1, 0, 1);
    }

    @Test
    void outOfRangeClassesAreRefused() {
        assertThatThrownBy(() -> ClassAccuracy.of(new int[] {5}, new int[] {0}, 3))
                .hasMessageContaining("prediction 0 is class 5, expected 0..2");
    }
}
