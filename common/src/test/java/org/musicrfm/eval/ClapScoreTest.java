package org.musicrfm.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ClapScoreTest {

    @Test
    void perClipCosines() {
        double[][] audio = {{1, 0}, {3, 4}, {1, 1}};
        double[][] text = {{2, 0}, {4, 3}, {-1, -1}};
        assertThat(ClapScore.perClip(audio, text)).containsExactly(new double[] {1.0, 24.0 / 25, -1.0}, within(1e-15));
    }

    @Test
    void bootstrapIntervalIsSeededAndBracketsTheMean() {
        Random rng = new Random(3);
        double[] s = new double[200];
        for (int i = 0; i < s.length; i++) {
            s[i] = 0.3 + 0.1 * rng.nextGaussian();
        }
        ClapScore.Summary a = ClapScore.summarize(s, 0.95, 2000, 42);
        ClapScore.Summary b = ClapScore.summarize(s, 0.95, 2000, 42);
        ClapScore.Summary other = ClapScore.summarize(s, 0.95, 2000, 43);
        assertThat(a).isEqualTo(b);
        assertThat(other.lower()).isNotEqualTo(a.lower());
        assertThat(a.lower()).isLessThan(a.mean());
        assertThat(a.upper()).isGreaterThan(a.mean());
        // the interval's half-width is about 1.96·sd/√n
        double sd = 0;
        for (double v : s) {
            sd += (v - a.mean()) * (v - a.mean());
        }
        sd = Math.sqrt(sd / (s.length - 1));
        double half = 1.96 * sd / Math.sqrt(s.length);
        assertThat(a.upper() - a.lower()).isCloseTo(2 * half, within(0.15 * 2 * half));
    }

    @Test
    void quantileInterpolatesLikeNumpy() {
        double[] sorted = {1, 2, 4, 8};
        // numpy.quantile([1,2,4,8], 0.25) = 1.75, 0.9 -> 6.8
        assertThat(ClapScore.quantile(sorted, 0.25)).isCloseTo(1.75, within(1e-15));
        assertThat(ClapScore.quantile(sorted, 0.9)).isCloseTo(6.8, within(1e-12));
    }

    @Test
    void mismatchedOrZeroEmbeddingsAreRefused() {
        assertThatThrownBy(() -> ClapScore.perClip(new double[][] {{1, 0}}, new double[][] {{1, 0}, {0, 1}}))
                .hasMessageContaining("1 audio embeddings but 2 text embeddings");
        assertThatThrownBy(() -> ClapScore.perClip(new double[][] {{0, 0}}, new double[][] {{1, 0}}))
                .hasMessageContaining("clip 0: audio embedding is all zeros");
    }
}
