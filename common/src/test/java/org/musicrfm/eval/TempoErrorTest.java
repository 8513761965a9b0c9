package org.musicrfm.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TempoErrorTest {

    @Test
    void errorsAndMirexAccuracies() {
        double[] target = {100, 120, 90, 60};
        double[] est = {103, 240, 60, 61};
        TempoError.Result r = TempoError.of(est, target, TempoError.DEFAULT_TOLERANCE);
        assertThat(r.meanAbsolute()).isCloseTo((3 + 120 + 30 + 1) / 4.0, within(1e-12));
        assertThat(r.meanRelative()).isCloseTo((0.03 + 1.0 + 1.0 / 3 + 1.0 / 60) / 4, within(1e-12));
        // Acc1: 103 (3 %) and 61 (1.7 %); Acc2 adds 240 = 2·120; 60 vs 90 is 2/3, no octave
        assertThat(r.acc1()).isEqualTo(0.5);
        assertThat(r.acc2()).isEqualTo(0.75);
    }
}
