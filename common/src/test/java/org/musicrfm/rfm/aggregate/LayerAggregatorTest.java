package org.musicrfm.rfm.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.musicrfm.rfm.ConceptDirections;
import org.musicrfm.rfm.Directions;
import org.musicrfm.rfm.ProbabilityMode;
import org.musicrfm.rfm.RfmModel;
import org.musicrfm.rfm.TuningMetric;
import org.musicrfm.rfm.backend.CpuBackend;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;
import org.musicrfm.rfm.search.LayerData;
import org.musicrfm.rfm.probe.ProbeKind;
import org.musicrfm.rfm.search.ProbeSearch;
import org.musicrfm.rfm.probe.ProbeTargets;
import org.musicrfm.rfm.search.SearchSpace;
import org.musicrfm.rfm.search.TrialResult;

/**
 * Four classes made of two bits: layer 0 carries the first bit, layer 1 the second, layers 2 and
 * 3 only noise. A probe on any one layer can know one bit at most (≈ 50 % accuracy); the
 * aggregate of the layers' directions knows both.
 */
class LayerAggregatorTest {

    static final int LAYERS = 4;
    static final int DIM = 6;
    static final int TRAIN = 240;
    static final int VAL = 60;
    static final int TEST = 60;
    static final CpuBackend BACKEND = CpuBackend.float64();

    static List<LayerSplits> data;
    static ProbeTargets targets;
    static List<LayerProbe> probes;
    static double[] singleLayerTest;

    @BeforeAll
    static void makeDataAndLayerProbes() {
        Random r = new Random(42);
        int n = TRAIN + VAL + TEST;
        int[] labels = new int[n];
        double[][][] x = new double[LAYERS][n][DIM];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 4;
            int[] bits = {labels[i] & 1, labels[i] >> 1};
            for (int l = 0; l < LAYERS; l++) {
                for (int j = 0; j < DIM; j++) {
                    x[l][i][j] = 0.3 * r.nextGaussian();
                }
                if (l < 2) {
                    x[l][i][l + 1] += bits[l] == 1 ? 1.0 : -1.0; // layer l's bit on one axis
                }
            }
        }
        data = new ArrayList<>();
        for (int l = 0; l < LAYERS; l++) {
            data.add(new LayerSplits(l, rows(x[l], 0, TRAIN), rows(x[l], TRAIN, TRAIN + VAL),
                    rows(x[l], TRAIN + VAL, n)));
        }
        targets = ProbeTargets.multiclass(java.util.Arrays.copyOfRange(labels, 0, TRAIN),
                java.util.Arrays.copyOfRange(labels, TRAIN, TRAIN + VAL), java.util.Arrays.copyOfRange(labels, TRAIN + VAL, n), 4);

        // Each layer's multiclass probe, as the train job fits it: random search, best on validation, AGOP directions.
        probes = new ArrayList<>();
        singleLayerTest = new double[LAYERS];
        ProbeSearch search = new ProbeSearch(BACKEND, new ProbeSearch.Settings(5, null, ProbabilityMode.SOFTMAX, false,
                false));
        for (LayerSplits d : data) {
            LayerData ld = LayerData.prepare(BACKEND, d.train(), d.val(), d.test(), false);
            List<TrialResult> trials = search.search(7L, "bits", "*", d.layer(), 6, SearchSpace.paper(), ld, targets);
            TrialResult best = search.best(trials, ProbeKind.MULTICLASS);
            singleLayerTest[d.layer()] = best.test().accuracy();
            try (RfmModel m = search.fit(best.task(), ld, targets, true)) {
                Directions dirs = ConceptDirections.compute(m, 3, d.train(), null);
                probes.add(new LayerProbe(d.layer(), dirs.vectors(), best.val().accuracy(), TuningMetric.ACCURACY));
            }
        }
    }

    static Mat rows(double[][] x, int from, int to) {
        return Mat.fromRows(java.util.Arrays.copyOfRange(x, from, to), Precision.FLOAT64);
    }

    static AggregateConfig config(int trials) {
        return AggregateConfig.paper(2, 3L).withTrials(trials);
    }

    @Test
    void theAggregateOfLayersBeatsEverySingleLayer() {
        for (int l = 0; l < LAYERS; l++) {
            assertThat(singleLayerTest[l]).as("single-layer probe test accuracy, layer %d", l).isLessThan(0.7);
        }
        try (AggregateModel all = new LayerAggregator(BACKEND).fit(probes, data, targets, config(20))) {
            assertThat(all.projection().layers()).containsExactly(0, 1, 2, 3);
            assertThat(all.projection().width()).isEqualTo(LAYERS * 2);
            assertThat(all.test().accuracy()).as("aggregate test accuracy").isGreaterThanOrEqualTo(0.95);
            assertThat(all.best().val().accuracy()).isGreaterThanOrEqualTo(0.95);
            assertThat(all.trials()).hasSize(20);
            // The chosen trial is the one with the best validation accuracy (first on ties).
            double bestVal = all.trials().stream().mapToDouble(t -> t.val().accuracy()).max().orElseThrow();
            assertThat(all.best().val().accuracy()).isEqualTo(bestVal);
            assertThat(all.trials().stream().filter(t -> t.val().accuracy() == bestVal).findFirst().orElseThrow())
                    .isEqualTo(all.best());
        }
        // The same search on any one layer's projections stays near one bit.
        for (int l = 0; l < LAYERS; l++) {
            try (AggregateModel one = new LayerAggregator(BACKEND).fit(List.of(probes.get(l)), List.of(data.get(l)),
                    targets, config(20))) {
                assertThat(one.test().accuracy()).as("aggregator on layer %d alone", l).isLessThan(0.7);
            }
        }
    }

    @Test
    void topLayersByValidationPicksTheInformativeLayers() {
        assertThat(LayerAggregator.select(probes, 2)).extracting(LayerProbe::layer).containsExactly(0, 1);
        try (AggregateModel top = new LayerAggregator(BACKEND).fit(probes, data, targets,
                config(20).withTopLayers(2))) {
            assertThat(top.projection().layers()).containsExactly(0, 1);
            assertThat(top.test().accuracy()).isGreaterThanOrEqualTo(0.95);
        }
        // Lower is better for MSE scores; ties go to the lower layer.
        Mat v = probes.get(0).directions();
        List<LayerProbe> mse = List.of(new LayerProbe(5, v, 0.3, TuningMetric.MSE),
                new LayerProbe(2, v, 0.1, TuningMetric.MSE), new LayerProbe(9, v, 0.3, TuningMetric.MSE));
        assertThat(LayerAggregator.select(mse, 2)).extracting(LayerProbe::layer).containsExactly(2, 5);
    }

    @Test
    void predictionsOfNewClipsGoThroughTheSameProjection() {
        try (AggregateModel m = new LayerAggregator(BACKEND).fit(probes, data, targets, config(10))) {
            Map<Integer, Mat> test = new HashMap<>();
            data.forEach(d -> test.put(d.layer(), d.test()));
            double[][] p = m.probabilities(test);
            int[] truth = org.musicrfm.rfm.ClassProbabilities.labels(targets.test(), ProbabilityMode.CLAMP);
            int[] predicted = org.musicrfm.rfm.ClassProbabilities.argmax(p);
            int right = 0;
            for (int i = 0; i < truth.length; i++) {
                right += predicted[i] == truth[i] ? 1 : 0;
                assertThat(java.util.Arrays.stream(p[i]).sum()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
            }
            assertThat(right / (double) truth.length).isEqualTo(m.test().accuracy());
            test.remove(1);
            assertThatThrownBy(() -> m.predict(test)).hasMessageContaining("layer 1");
        }
    }

    @Test
    void trialsAreSeededAndDrawPBetweenQAndTwo() {
        AggregateSpace space = AggregateSpace.paper();
        for (int t = 0; t < 300; t++) {
            AggregateParams p = space.sample(t * 7919L);
            assertThat(p.q()).isBetween(0.7, 1.4);
            assertThat(p.p()).isBetween(p.q(), 2.0);
            assertThat(p.bandwidth()).isBetween(1.0, 100.0);
            assertThat(p.reg()).isBetween(1e-5, 10.0);
        }
        assertThat(AggregateConfig.paper(4, 0L).trials()).isEqualTo(300);
        try (AggregateModel a = new LayerAggregator(BACKEND).fit(probes, data, targets, config(5));
             AggregateModel b = new LayerAggregator(BACKEND).fit(probes, data, targets, config(5))) {
            assertThat(b.trials()).extracting(AggregateTrial::params).isEqualTo(a.trials().stream()
                    .map(AggregateTrial::params).toList());
            assertThat(b.test()).isEqualTo(a.test());
        }
    }
}
