package org.musicrfm.model.musicgen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Top-k / temperature sampling and argmax worked by hand. */
class TokenSamplerTest {

    @Test
    void topKTemperatureSamplingByHand() {
        float[] x = {0f, (float) Math.log(3), -5f, (float) Math.log(3)};
        // top-2 keeps both log 3 entries (weights 3, 3): u < 0.5 -> index 1, else index 3
        assertThat(TokenSampler.sample(x, 0, 4, 2, 1, 0.49)).isEqualTo(1);
        assertThat(TokenSampler.sample(x, 0, 4, 2, 1, 0.51)).isEqualTo(3);
        // top-3: weights 1, 3, 3 of 7: u·7 < 1 -> 0, < 4 -> 1, else 3
        assertThat(TokenSampler.sample(x, 0, 4, 3, 1, 0.1)).isEqualTo(0);
        assertThat(TokenSampler.sample(x, 0, 4, 3, 1, 0.5)).isEqualTo(1);
        assertThat(TokenSampler.sample(x, 0, 4, 3, 1, 0.6)).isEqualTo(3);
        // temperature 2: weights 1, √3, √3 of 1 + 2√3 = 4.46: u = 0.2 -> 0.89 < 1 -> 0; u = 0.25 -> 1.12 -> 1
        assertThat(TokenSampler.sample(x, 0, 4, 3, 2, 0.2)).isEqualTo(0);
        assertThat(TokenSampler.sample(x, 0, 4, 3, 2, 0.25)).isEqualTo(1);
        // top-k larger than the vocabulary keeps everything; an offset row is read in place
        float[] two = {9f, 9f, 0f, (float) Math.log(3), -5f, (float) Math.log(3)};
        assertThat(TokenSampler.sample(two, 2, 4, 250, 1, 0.1)).isEqualTo(0);
        assertThat(TokenSampler.argMax(x, 0, 4)).isEqualTo(1); // first of the tied maxima
        assertThat(TokenSampler.argMax(two, 2, 4)).isEqualTo(1);
    }
}
