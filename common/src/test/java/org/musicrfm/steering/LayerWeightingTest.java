package org.musicrfm.steering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** Layer weightings against hand values (scores 0.5, 0.9, 0.7, 0.6 on layers 0..3). */
class LayerWeightingTest {

    private static final List<Integer> LAYERS = List.of(0, 1, 2, 3);
    private static final LayerScores ACC = LayerScores.of(Map.of(0, 0.5, 1, 0.9, 2, 0.7, 3, 0.6), "accuracy");
    private static final LayerScores MSE = LayerScores.of(Map.of(0, 0.5, 1, 0.9, 2, 0.7, 3, 0.6), "mse");

    @Test
    void normalizedScoresAreMinMaxAndInvertedForMse() {
        assertThat(ACC.lowerIsBetter()).isFalse();
        assertThat(MSE.lowerIsBetter()).isTrue();
        SortedMap<Integer, Double> a = ACC.normalized();
        assertThat(a.get(0)).isEqualTo(0.0);
        assertThat(a.get(1)).isEqualTo(1.0);
        assertThat(a.get(2)).isCloseTo(0.5, within(1e-15)); // (0.7 - 0.5) / 0.4
        assertThat(a.get(3)).isCloseTo(0.25, within(1e-15));
        SortedMap<Integer, Double> m = MSE.normalized();
        assertThat(m.get(0)).isEqualTo(1.0);
        assertThat(m.get(1)).isEqualTo(0.0);
        assertThat(m.get(2)).isCloseTo(0.5, within(1e-15));
        assertThat(m.get(3)).isCloseTo(0.75, within(1e-15));
        assertThat(LayerScores.of(Map.of(0, 0.3, 1, 0.3), "auc").normalized().values()).containsExactly(1.0, 1.0);
    }

    @Test
    void uniformLinearExponential() {
        assertThat(LayerWeighting.parse("uniform").weights(LAYERS, null).values()).containsExactly(1.0, 1.0, 1.0, 1.0);
        SortedMap<Integer, Double> lin = LayerWeighting.parse("linear").weights(LAYERS, ACC);
        assertThat(lin.get(2)).isCloseTo(0.5, within(1e-15));
        SortedMap<Integer, Double> exp = LayerWeighting.parse("exp:0.95").weights(LAYERS, ACC);
        assertThat(exp.get(0)).isEqualTo(0.0);
        assertThat(exp.get(1)).isEqualTo(1.0);
        assertThat(exp.get(2)).isCloseTo(Math.pow(0.5, 1 / 0.95), within(1e-15));
        assertThat(exp.get(2)).isCloseTo(0.482088, within(1e-6)); // 0.5^(1/0.95) by hand
        SortedMap<Integer, Double> exp2 = LayerWeighting.parse("exp:0.5,2").weights(LAYERS, MSE);
        assertThat(exp2.get(3)).isCloseTo(2 * 0.75 * 0.75, within(1e-15)); // w0 ŝ^(1/κ) = 2 · 0.75²
        assertThat(LayerWeighting.parse("exp").spec()).isEqualTo("exp:0.95,1");
    }

    @Test
    void topKPicksTheBestLayersBothWays() {
        assertThat(LayerWeighting.parse("topk:2").weights(LAYERS, ACC)).containsExactlyEntriesOf(
                new java.util.TreeMap<>(Map.of(0, 0.0, 1, 1.0, 2, 1.0, 3, 0.0)));
        assertThat(LayerWeighting.parse("topk:2").weights(LAYERS, MSE)).containsExactlyEntriesOf(
                new java.util.TreeMap<>(Map.of(0, 1.0, 1, 0.0, 2, 0.0, 3, 1.0)));
        assertThat(LayerWeighting.topK(10).weights(LAYERS, ACC).values()).containsOnly(1.0);
    }

    @Test
    void explicitWeightsAndErrors() {
        SortedMap<Integer, Double> w = LayerWeighting.parse("explicit:1=0.5,3=2").weights(LAYERS, null);
        assertThat(w).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(0, 0.0, 1, 0.5, 2, 0.0, 3, 2.0)));
        assertThatThrownBy(() -> LayerWeighting.parse("explicit:7=1").weights(LAYERS, null))
                .hasMessageContaining("layer 7");
        assertThatThrownBy(() -> LayerWeighting.parse("linear").weights(LAYERS, null))
                .hasMessageContaining("need probe scores");
        assertThatThrownBy(() -> LayerWeighting.parse("topk:2").weights(List.of(0, 5), ACC))
                .hasMessageContaining("layer 5 has a direction but no accuracy score");
        assertThatThrownBy(() -> LayerWeighting.parse("cubic")).hasMessageContaining("expected uniform, topk:K");
        assertThatThrownBy(() -> LayerWeighting.parse("topk:0")).hasMessageContaining("K = 0");
    }
}
