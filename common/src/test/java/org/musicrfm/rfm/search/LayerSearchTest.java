package org.musicrfm.rfm.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.musicrfm.rfm.ProbabilityMode;
import org.musicrfm.rfm.RfmModel;
import org.musicrfm.rfm.backend.AgopPlan;
import org.musicrfm.rfm.backend.CpuBackend;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;
import org.musicrfm.rfm.probe.ProbeKind;
import org.musicrfm.rfm.probe.ProbeTargets;

/** Shared draws, the shared M = I fit, successive halving and the refit of a chosen trial. */
class LayerSearchTest {

    private static final int CLASSES = 3;
    private static final int ITERS = 3;
    private final CpuBackend backend = CpuBackend.float64();
    private final ProbeSearch.Settings settings = new ProbeSearch.Settings(ITERS, null, ProbabilityMode.SOFTMAX, false,
            false);
    private final LayerData data;
    private final List<LayerSearch.Target> targets = new ArrayList<>();

    LayerSearchTest() {
        Random rnd = new Random(21);
        int d = 10;
        Mat[] x = new Mat[3];
        int[][] labels = new int[3][];
        int[] sizes = {150, 60, 60};
        for (int s = 0; s < 3; s++) {
            x[s] = Mat.zeros(sizes[s], d, Precision.FLOAT64);
            labels[s] = new int[sizes[s]];
            for (int i = 0; i < sizes[s]; i++) {
                for (int k = 0; k < d; k++) {
                    x[s].set(i, k, rnd.nextGaussian());
                }
                double z = x[s].get(i, 0) + 0.7 * x[s].get(i, 1) * x[s].get(i, 2);
                labels[s][i] = z < -0.4 ? 0 : z < 0.4 ? 1 : 2;
            }
        }
        data = LayerData.prepare(backend, x[0], x[1], x[2], true);
        for (int c = 0; c < CLASSES; c++) {
            targets.add(new LayerSearch.Target(String.valueOf(c),
                    ProbeTargets.binary(labels[0], labels[1], labels[2], c)));
        }
        targets.add(new LayerSearch.Target("*", ProbeTargets.multiclass(labels[0], labels[1], labels[2], CLASSES)));
    }

    @Test
    void sharedDrawsAreTheSameForEveryTargetOfATrial() {
        ProbeTask a = LayerSearch.sharedTask(4, "notes", "C", 7, 2, SearchSpace.paper());
        ProbeTask b = LayerSearch.sharedTask(4, "notes", "*", 7, 2, SearchSpace.paper());
        assertThat(a.params()).isEqualTo(b.params());
        assertThat(a.seed()).isEqualTo(b.seed());
        assertThat(LayerSearch.sharedTask(4, "notes", "C", 8, 2, SearchSpace.paper()).params()).isNotEqualTo(a.params());
        assertThat(LayerSearch.sharedTask(4, "notes", "C", 7, 3, SearchSpace.paper()).params()).isNotEqualTo(a.params());
        // not the per-target draw of the original search
        assertThat(ProbeTask.of(4, "notes", "C", 7, 2, SearchSpace.paper()).params()).isNotEqualTo(a.params());
    }

    @Test
    void sharedExhaustiveSearchEqualsIndependentFitsOfTheSameDraws() {
        SearchPlan plan = new SearchPlan(SearchMode.SHARED, HalvingSchedule.exhaustive(ITERS),
                AgopPlan.Method.PER_OUTPUT, 0);
        Map<String, List<TrialResult>> out = new LayerSearch(backend, settings, plan)
                .search(3, "synthetic", 0, 4, SearchSpace.paper(), data, targets);
        ProbeSearch single = new ProbeSearch(backend, settings);
        assertThat(out.keySet()).containsExactly("0", "1", "2", "*");
        for (LayerSearch.Target target : targets) {
            List<TrialResult> rs = out.get(target.name());
            assertThat(rs).hasSize(4);
            for (TrialResult r : rs) {
                TrialResult ref = single.run(r.task(), data, target.targets());
                assertThat(r.task().target()).isEqualTo(target.name());
                assertThat(r.stopRung()).isEqualTo(ITERS);
                assertThat(r.bestIter()).isEqualTo(ref.bestIter());
                assertThat(r.val()).isEqualTo(ref.val());
                assertThat(r.test()).isEqualTo(ref.test());
                assertThat(r.flops()).isPositive();
                assertThat(ref.flops()).isPositive();
                assertThat(ref.stopRung()).isEqualTo(ITERS);
            }
        }
    }

    @Test
    void halvingStopsTrialsAtTheirRungsAndSharesTheFirstFit() {
        SearchPlan asha = new SearchPlan(SearchMode.ASHA, new HalvingSchedule(new int[] {0, 1, ITERS}, 3),
                AgopPlan.Method.PER_OUTPUT, 0);
        SearchPlan shared = new SearchPlan(SearchMode.SHARED, HalvingSchedule.exhaustive(ITERS),
                AgopPlan.Method.PER_OUTPUT, 0);
        int trials = 9;
        Map<String, List<TrialResult>> fast = new LayerSearch(backend, settings, asha)
                .search(3, "synthetic", 0, trials, SearchSpace.paper(), data, targets);
        Map<String, List<TrialResult>> full = new LayerSearch(backend, settings, shared)
                .search(3, "synthetic", 0, trials, SearchSpace.paper(), data, targets);
        long fastFlops = 0;
        long fullFlops = 0;
        for (LayerSearch.Target target : targets) {
            List<TrialResult> f = fast.get(target.name());
            List<TrialResult> e = full.get(target.name());
            int[] atRung = new int[ITERS + 1];
            for (int t = 0; t < trials; t++) {
                TrialResult r = f.get(t);
                atRung[r.stopRung()]++;
                assertThat(r.task()).isEqualTo(e.get(t).task());
                assertThat(r.bestIter()).isLessThanOrEqualTo(r.stopRung());
                fastFlops += r.flops();
                fullFlops += e.get(t).flops();
                if (r.stopRung() == ITERS) { // ran every fit: the exhaustive run's answer
                    assertThat(r.bestIter()).isEqualTo(e.get(t).bestIter());
                    assertThat(r.val().get(target.targets().kind().defaultMetric()))
                            .isCloseTo(e.get(t).val().get(target.targets().kind().defaultMetric()),
                                    org.assertj.core.data.Offset.offset(1e-9));
                }
            }
            // 9 trials at rung 0, ⌊9/3⌋ = 3 go to rung 1, 1 of them to the end
            assertThat(atRung[0]).isEqualTo(6);
            assertThat(atRung[1]).isEqualTo(2);
            assertThat(atRung[ITERS]).isEqualTo(1);
            // the trial that went on scored best at rung 1 among the three promoted
            TrialResult last = f.stream().filter(r -> r.stopRung() == ITERS).findFirst().orElseThrow();
            for (TrialResult r : f) {
                if (r.stopRung() == 1) {
                    assertThat(target.targets().kind().defaultMetric().better(r.val().get(
                            target.targets().kind().defaultMetric()), last.val().get(
                            target.targets().kind().defaultMetric()))).isFalse();
                }
            }
        }
        assertThat(fastFlops).isLessThan(fullFlops / 3);
    }

    @Test
    void pooledRungZeroKeepsEachTargetsOwnBestAndTheBestByMeanRankOverTargets() {
        int trials = 12;
        // every (target, trial)'s fit-0 score: the same search with no AGOP iteration
        Map<String, List<TrialResult>> fit0 = new LayerSearch(backend,
                new ProbeSearch.Settings(0, null, ProbabilityMode.SOFTMAX, false, false), SearchPlan.shared(0))
                .search(5, "synthetic", 0, trials, SearchSpace.paper(), data, targets);
        HalvingSchedule plain = new HalvingSchedule(new int[] {0, ITERS}, 4);
        Map<String, List<TrialResult>> own = new LayerSearch(backend, settings,
                new SearchPlan(SearchMode.ASHA, plain, AgopPlan.Method.AUTO, 0))
                .search(5, "synthetic", 0, trials, SearchSpace.paper(), data, targets);
        Map<String, List<TrialResult>> pooled = new LayerSearch(backend, settings,
                new SearchPlan(SearchMode.ASHA, plain.withPool(true), AgopPlan.Method.AUTO, 0))
                .search(5, "synthetic", 0, trials, SearchSpace.paper(), data, targets);
        // ranks at rung 0 per target (best first, ties to the lower trial), summed over targets
        double[] rankSum = new double[trials];
        Map<String, List<Integer>> ownOrder = new java.util.HashMap<>();
        for (LayerSearch.Target target : targets) {
            var metric = target.targets().kind().defaultMetric();
            List<TrialResult> r = fit0.get(target.name());
            List<Integer> order = new ArrayList<>(java.util.stream.IntStream.range(0, trials).boxed().toList());
            order.sort((a, b) -> metric.better(r.get(a).val().get(metric), r.get(b).val().get(metric)) ? -1
                    : metric.better(r.get(b).val().get(metric), r.get(a).val().get(metric)) ? 1 : a - b);
            for (int i = 0; i < trials; i++) {
                rankSum[order.get(i)] += i;
            }
            ownOrder.put(target.name(), order);
        }
        List<Integer> byMeanRank = new ArrayList<>(java.util.stream.IntStream.range(0, trials).boxed().toList());
        byMeanRank.sort((a, b) -> rankSum[a] != rankSum[b] ? Double.compare(rankSum[a], rankSum[b]) : a - b);
        int n = plain.promoted(trials); // ⌊12/4⌋ = 3
        boolean widened = false;
        for (LayerSearch.Target target : targets) {
            java.util.Set<Integer> expectOwn = new java.util.TreeSet<>(ownOrder.get(target.name()).subList(0, n));
            java.util.Set<Integer> expectPooled = new java.util.TreeSet<>(expectOwn);
            expectPooled.addAll(byMeanRank.subList(0, n));
            assertThat(survivors(own.get(target.name()))).as(target.name()).isEqualTo(expectOwn);
            assertThat(survivors(pooled.get(target.name()))).as(target.name()).isEqualTo(expectPooled);
            widened |= expectPooled.size() > expectOwn.size();
            for (int t = 0; t < trials; t++) { // the same fits where both made them
                if (own.get(target.name()).get(t).stopRung() == ITERS
                        && pooled.get(target.name()).get(t).stopRung() == ITERS) {
                    assertThat(pooled.get(target.name()).get(t).bestIter())
                            .isEqualTo(own.get(target.name()).get(t).bestIter());
                }
            }
        }
        assertThat(widened).as("pooling promoted a trial that some target's own ranking cut").isTrue();
    }

    private static java.util.Set<Integer> survivors(List<TrialResult> results) {
        java.util.Set<Integer> out = new java.util.TreeSet<>();
        for (TrialResult r : results) {
            if (r.stopRung() == ITERS) {
                out.add(r.task().trial());
            }
        }
        return out;
    }

    @Test
    void minimumSurvivorsKeepTrialsGoingToTheEnd() {
        HalvingSchedule keep3 = new HalvingSchedule(new int[] {0, 1, ITERS}, 3).withKeep(3, false);
        assertThat(keep3.promoted(9)).isEqualTo(3);
        assertThat(keep3.promoted(3)).isEqualTo(3);
        assertThat(keep3.promoted(2)).isEqualTo(2);
        assertThat(new HalvingSchedule(new int[] {0, 1, ITERS}, 2).withKeep(2, false).promoted(27)).isEqualTo(13);
        SearchPlan asha = new SearchPlan(SearchMode.ASHA, keep3, AgopPlan.Method.PER_OUTPUT, 0);
        SearchPlan shared = new SearchPlan(SearchMode.SHARED, HalvingSchedule.exhaustive(ITERS),
                AgopPlan.Method.PER_OUTPUT, 0);
        int trials = 9;
        Map<String, List<TrialResult>> fast = new LayerSearch(backend, settings, asha)
                .search(3, "synthetic", 0, trials, SearchSpace.paper(), data, targets);
        Map<String, List<TrialResult>> full = new LayerSearch(backend, settings, shared)
                .search(3, "synthetic", 0, trials, SearchSpace.paper(), data, targets);
        for (LayerSearch.Target target : targets) {
            int[] atRung = new int[ITERS + 1];
            for (int t = 0; t < trials; t++) {
                TrialResult r = fast.get(target.name()).get(t);
                atRung[r.stopRung()]++;
                if (r.stopRung() == ITERS) { // survivors make the exhaustive run's fits
                    assertThat(r.bestIter()).isEqualTo(full.get(target.name()).get(t).bestIter());
                }
            }
            // ⌊9/3⌋ = 3 leave rung 0; max(⌊3/3⌋, 3) = 3 leave rung 1
            assertThat(atRung[0]).isEqualTo(6);
            assertThat(atRung[1]).isZero();
            assertThat(atRung[ITERS]).isEqualTo(3);
        }
    }

    @Test
    void tiedTrialsArePromotedTogether() {
        // two clusters 40 apart on feature 0: every trial's M = I fit ranks validation perfectly (AUC 1)
        Random rnd = new Random(5);
        int d = 6;
        int[] sizes = {80, 40, 40};
        Mat[] x = new Mat[3];
        int[][] labels = new int[3][];
        for (int s = 0; s < 3; s++) {
            x[s] = Mat.zeros(sizes[s], d, Precision.FLOAT64);
            labels[s] = new int[sizes[s]];
            for (int i = 0; i < sizes[s]; i++) {
                labels[s][i] = i % 2;
                for (int k = 0; k < d; k++) {
                    x[s].set(i, k, 0.3 * rnd.nextGaussian() + (k == 0 ? 40.0 * labels[s][i] : 0.0));
                }
            }
        }
        LayerData separable = LayerData.prepare(backend, x[0], x[1], x[2], true);
        List<LayerSearch.Target> one = List.of(new LayerSearch.Target("1",
                ProbeTargets.binary(labels[0], labels[1], labels[2], 1)));
        int trials = 9;
        int[] plain = stopRungs(new HalvingSchedule(new int[] {0, 1, ITERS}, 3), separable, one, trials);
        int[] ties = stopRungs(new HalvingSchedule(new int[] {0, 1, ITERS}, 3).withKeep(1, true), separable, one,
                trials);
        assertThat(plain).containsExactly(6, 2, 0, 1); // 9 → 3 → 1, ties cut by trial number
        assertThat(ties).containsExactly(0, 0, 0, 9); // all tied at AUC 1: all go on
    }

    private int[] stopRungs(HalvingSchedule schedule, LayerData layer, List<LayerSearch.Target> t, int trials) {
        SearchPlan plan = new SearchPlan(SearchMode.ASHA, schedule, AgopPlan.Method.PER_OUTPUT, 0);
        List<TrialResult> r = new LayerSearch(backend, settings, plan)
                .search(3, "separable", 0, trials, SearchSpace.paper(), layer, t).get("1");
        int[] atRung = new int[ITERS + 1];
        for (TrialResult tr : r) {
            assertThat(tr.val().auc()).isEqualTo(1.0);
            atRung[tr.stopRung()]++;
        }
        return atRung;
    }

    @Test
    void refitReproducesTheChosenTrialAndItsAgop() {
        SearchPlan asha = new SearchPlan(SearchMode.ASHA, new HalvingSchedule(new int[] {0, 1, ITERS}, 2),
                AgopPlan.Method.AUTO, 0);
        LayerSearch search = new LayerSearch(backend, settings, asha);
        Map<String, List<TrialResult>> out = search.search(3, "synthetic", 0, 4, SearchSpace.paper(), data, targets);
        LayerSearch.Target multi = targets.get(CLASSES);
        ProbeSearch ps = new ProbeSearch(backend, settings);
        TrialResult best = ps.best(out.get("*"), ProbeKind.MULTICLASS);
        try (RfmModel model = search.refit(3, best, SearchSpace.paper(), data, multi)) {
            assertThat(model.bestIter()).isEqualTo(best.bestIter());
            assertThat(model.bestScore()).isCloseTo(best.val().accuracy(), org.assertj.core.data.Offset.offset(1e-12));
            assertThat(model.bestAgop().rows()).isEqualTo(data.train().cols());
            assertThat(model.scores()).hasSize(best.stopRung() + 1);
        }
    }

    @Test
    void badSchedulesAreRefusedWithTheValue() {
        assertThatThrownBy(() -> HalvingSchedule.parse("0,3,1", 3, 15)).hasMessageContaining("[0, 3, 1]");
        assertThatThrownBy(() -> HalvingSchedule.parse("0,1,7", 3, 15)).hasMessageContaining("(7)")
                .hasMessageContaining("(15)");
        assertThatThrownBy(() -> HalvingSchedule.parse("0,x", 3, 15)).hasMessageContaining("'0,x'");
        assertThatThrownBy(() -> new HalvingSchedule(new int[] {15}, 0)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> new HalvingSchedule(new int[] {15}, 3, 0, false)).hasMessageContaining("got 0");
        assertThat(HalvingSchedule.standard(15).rungs()).containsExactly(0, 1, 3, 7, 15);
        assertThat(HalvingSchedule.standard(15).eta()).isEqualTo(2);
        assertThat(HalvingSchedule.standard(15).keep()).isEqualTo(2);
        assertThat(HalvingSchedule.standard(15).ties()).isTrue();
        assertThat(HalvingSchedule.standard(15).pool()).isTrue();
        assertThat(HalvingSchedule.standard(2).rungs()).containsExactly(0, 1, 2);
        assertThat(SearchMode.parse("ASHA")).isEqualTo(SearchMode.ASHA);
        assertThatThrownBy(() -> SearchMode.parse("grid")).hasMessageContaining("'grid'");
    }
}
