package org.musicrfm.rfm.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.musicrfm.rfm.backend.CpuBackend;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;
import org.musicrfm.rfm.probe.ProbeKind;
import org.musicrfm.rfm.probe.ProbeScores;
import org.musicrfm.rfm.probe.ProbeTargets;

/** Seeded trial parameters, per-layer reuse and the search loop. */
class ProbeSearchTest {

    @Test
    void trialParametersArePureFunctionsOfTheTrialIdentity() {
        SearchSpace space = SearchSpace.paper();
        ProbeTask a = ProbeTask.of(42, "notes", "C#", 12, 3, space);
        assertThat(ProbeTask.of(42, "notes", "C#", 12, 3, space)).isEqualTo(a);
        assertThat(ProbeTask.of(42, "notes", "C#", 12, 4, space).params()).isNotEqualTo(a.params());
        assertThat(ProbeTask.of(42, "notes", "D", 12, 3, space).seed()).isNotEqualTo(a.seed());
        assertThat(ProbeTask.of(42, "notes", "C#", 13, 3, space).seed()).isNotEqualTo(a.seed());
        assertThat(ProbeTask.of(43, "notes", "C#", 12, 3, space).seed()).isNotEqualTo(a.seed());
        // "ab"+"c" and "a"+"bc" must not collide (strings are length-prefixed)
        assertThat(ProbeTask.deriveSeed(1, "ab", "c", 0, 0)).isNotEqualTo(ProbeTask.deriveSeed(1, "a", "bc", 0, 0));
        // pinned: changing the derivation would silently change every published search
        assertThat(ProbeTask.deriveSeed(42, "notes", "C#", 12, 3)).isEqualTo(a.seed());
        assertThat(a.seed()).isEqualTo(PINNED_SEED);
    }

    private static final long PINNED_SEED = 7508732295204030893L;

    @Test
    void samplesFollowThePapersDistributions() {
        SearchSpace space = SearchSpace.paper();
        int n = 4000;
        int bwBelow10 = 0;
        int regBelow1e2 = 0;
        int centred = 0;
        double qSum = 0;
        for (int t = 0; t < n; t++) {
            TrialParams p = ProbeTask.of(7, "tempos", "bpm", 5, t, space).params();
            assertThat(p.bandwidth()).isBetween(1.0, 100.0);
            assertThat(p.reg()).isBetween(1e-5, 10.0);
            assertThat(p.exponent()).isBetween(0.7, 1.4);
            bwBelow10 += p.bandwidth() < 10 ? 1 : 0; // log-uniform median of [1, 100] is 10
            regBelow1e2 += p.reg() < 1e-2 ? 1 : 0; // log10 uniform on [-5, 1]: P(< -2) = 1/2
            centred += p.centerGrads() ? 1 : 0;
            qSum += p.exponent();
        }
        // each fraction has standard error sqrt(.25 / 4000) ≈ .0079; allow 4 standard errors
        assertThat(bwBelow10 / (double) n).isBetween(0.5 - 0.032, 0.5 + 0.032);
        assertThat(regBelow1e2 / (double) n).isBetween(0.5 - 0.032, 0.5 + 0.032);
        assertThat(centred / (double) n).isBetween(0.5 - 0.032, 0.5 + 0.032);
        // U(0.7, 1.4) has mean 1.05 and sd 0.202; the mean of 4000 has sd .0032
        assertThat(qSum / n).isBetween(1.05 - 0.013, 1.05 + 0.013);
    }

    @Test
    void tasksAndResultsSerialize() throws IOException, ClassNotFoundException {
        ProbeTask task = ProbeTask.of(1, "chords", "*", 3, 0, SearchSpace.paper());
        TrialResult r = new TrialResult(task, 2, new ProbeScores(0.9, 0.8, 0.7, 0.1, Double.NaN),
                new ProbeScores(0.85, 0.75, 0.7, 0.12, Double.NaN), 0, 1.5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(r);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(r);
        }
    }

    @Test
    void searchRunsTrialsAndSharedDistancesChangeNothing() {
        Random rnd = new Random(5);
        int d = 12;
        Mat[] x = new Mat[3];
        int[][] labels = new int[3][];
        int[] sizes = {300, 80, 80};
        for (int s = 0; s < 3; s++) {
            x[s] = Mat.zeros(sizes[s], d, Precision.FLOAT64);
            labels[s] = new int[sizes[s]];
            for (int i = 0; i < sizes[s]; i++) {
                for (int k = 0; k < d; k++) {
                    x[s].set(i, k, rnd.nextGaussian());
                }
                double z = x[s].get(i, 0) + 0.5 * x[s].get(i, 1) * x[s].get(i, 2);
                labels[s][i] = z < -0.5 ? 0 : z < 0.5 ? 1 : 2;
            }
        }
        CpuBackend backend = CpuBackend.float32();
        ProbeSearch search = new ProbeSearch(backend, new ProbeSearch.Settings(3, null,
                org.musicrfm.rfm.ProbabilityMode.SOFTMAX, false, false));
        ProbeTargets multi = ProbeTargets.multiclass(labels[0], labels[1], labels[2], 3);
        ProbeTargets binary = ProbeTargets.binary(labels[0], labels[1], labels[2], 2);
        LayerData shared = LayerData.prepare(backend, x[0], x[1], x[2], true);
        LayerData fresh = LayerData.prepare(backend, x[0], x[1], x[2], false);
        List<TrialResult> a = search.search(9, "synthetic", "*", 0, 4, SearchSpace.paper(), shared, multi);
        List<TrialResult> b = search.search(9, "synthetic", "*", 0, 4, SearchSpace.paper(), fresh, multi);
        assertThat(a).hasSize(4);
        for (int t = 0; t < 4; t++) {
            assertThat(a.get(t).task()).isEqualTo(b.get(t).task());
            assertThat(a.get(t).val()).isEqualTo(b.get(t).val());
            assertThat(a.get(t).test()).isEqualTo(b.get(t).test());
            double correct = a.get(t).val().accuracy() * sizes[1];
            assertThat(correct).as("a whole number of validation rows").isCloseTo(Math.rint(correct), within(1e-9));
            assertThat(a.get(t).val().r2()).isNaN();
            assertThat(a.get(t).seconds()).isPositive();
        }
        TrialResult best = search.best(a, ProbeKind.MULTICLASS);
        int[] counts = new int[3];
        for (int label : labels[1]) {
            counts[label]++;
        }
        double majority = Arrays.stream(counts).max().orElseThrow() / (double) sizes[1];
        assertThat(best.val().accuracy()).as("the best trial beats always guessing the commonest class")
                .isGreaterThan(majority);
        assertThat(a.stream().mapToDouble(r -> r.val().accuracy()).max().orElseThrow()).isEqualTo(best.val().accuracy());
        // the same layer data serves another target of the concept
        TrialResult r = search.run(ProbeTask.of(9, "synthetic", "2", 0, 0, SearchSpace.paper()), shared, binary);
        assertThat(r.val().auc()).isBetween(0.5, 1.0);
    }
}
