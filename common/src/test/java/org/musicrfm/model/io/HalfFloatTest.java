package org.musicrfm.model.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HalfFloatTest {

    @Test
    void widensSubnormalsNormalsAndSpecials() {
        assertThat(HalfFloat.toFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(HalfFloat.toFloat((short) 0x03ff)).isEqualTo(1023 * 0x1p-24f);
        assertThat(HalfFloat.toFloat((short) 0x0400)).isEqualTo(0x1p-14f);
        assertThat(HalfFloat.toFloat((short) 0x3c00)).isEqualTo(1.0f);
        assertThat(HalfFloat.toFloat((short) 0xc000)).isEqualTo(-2.0f);
        assertThat(HalfFloat.toFloat((short) 0x7bff)).isEqualTo(65504.0f);
        assertThat(HalfFloat.toFloat((short) 0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(HalfFloat.toFloat((short) 0xfc00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(Float.isNaN(HalfFloat.toFloat((short) 0x7e00))).isTrue();
        assertThat(Float.floatToRawIntBits(HalfFloat.toFloat((short) 0x8000))).isEqualTo(0x80000000);
    }

    @Test
    void everyHalfRoundTripsAndRoundingIsToNearestEven() {
        for (int h = 0; h < 0x10000; h++) {
            float f = HalfFloat.toFloat((short) h);
            if (!Float.isNaN(f)) {
                assertThat(HalfFloat.fromFloat(f) & 0xffff).as("half 0x%04x", h).isEqualTo(h);
            }
        }
        // 1 + 2^-11 is halfway between 1 and 1 + 2^-10: ties to even (1.0)
        assertThat(HalfFloat.fromFloat(1f + 0x1p-11f)).isEqualTo((short) 0x3c00);
        assertThat(HalfFloat.fromFloat(1f + 3 * 0x1p-11f)).isEqualTo((short) 0x3c02);
        assertThat(HalfFloat.fromFloat(0x1p-25f)).isEqualTo((short) 0);       // tie → even (0)
        assertThat(HalfFloat.fromFloat(0x1.8p-25f)).isEqualTo((short) 1);     // above the tie
        assertThat(HalfFloat.fromFloat(65520f)).isEqualTo((short) 0x7c00);   // rounds to infinity
        assertThat(HalfFloat.fromFloat(1e-10f)).isEqualTo((short) 0);
    }
}
