package org.musicrfm.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.musicrfm.audio.SoundFonts;
import org.musicrfm.dataset.Concept;
import org.musicrfm.rfm.ProbabilityMode;
import org.musicrfm.rfm.backend.AgopPlan;
import org.musicrfm.rfm.backend.CpuBackend;
import org.musicrfm.rfm.linalg.Parallel;
import org.musicrfm.rfm.linalg.Precision;
import org.musicrfm.rfm.search.HalvingSchedule;
import org.musicrfm.rfm.search.LayerData;
import org.musicrfm.rfm.search.LayerSearch;
import org.musicrfm.rfm.search.ProbeSearch;
import org.musicrfm.rfm.search.SearchComparison;
import org.musicrfm.rfm.search.SearchMode;
import org.musicrfm.rfm.search.SearchPlan;
import org.musicrfm.rfm.search.SearchSpace;
import org.musicrfm.rfm.search.TrialResult;

/**
 * The halving search against the exhaustive search of the same shared draws on model-free
 * features of real SynTheory renders (Gervill, TimGM6mb): notes (12 classes), chords (4) and
 * tempo (regression), three feature sets each. Per target: the fast search never reports a
 * better validation score than the exhaustive one (it sees a subset of the same fits); its
 * selection is within 0.005 of the exhaustive selection on validation unless halving stopped the
 * exhaustive winner before its best iteration (the only way to lose); when it selects the same
 * trial, validation and test scores agree; and it costs less than a third of the flops. How often
 * the 0.005 criterion holds at larger sizes is measured by {@code bench/rfm/search.sh}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FastSearchOnAudioFeaturesTest {

    private static final int ITERS = 3;
    private static final int TRIALS = 9;
    private static final int DIM = 128;
    private final CpuBackend backend = new CpuBackend(Precision.FLOAT32, Parallel.of(2));
    private final ProbeSearch.Settings settings = new ProbeSearch.Settings(ITERS, null, ProbabilityMode.SOFTMAX,
            false, false);
    private final List<FeatureLayers> concepts = new ArrayList<>();

    @BeforeAll
    void render() throws Exception {
        javax.sound.midi.Soundbank bank = SoundFonts.loadShared(SoundFonts.DEFAULT_PATH.toString());
        concepts.add(new FeatureLayers(SynTheoryFeatures.render(Concept.NOTES, 144, 1.0, 8000, bank, 1, 2), false, 0));
        concepts.add(new FeatureLayers(SynTheoryFeatures.render(Concept.CHORDS, 96, 1.0, 8000, bank, 1, 2), false, 0));
        concepts.add(new FeatureLayers(SynTheoryFeatures.render(Concept.TEMPOS, 96, 2.5, 8000, bank, 1, 2), true, 0));
    }

    @Test
    void featuresCarryTheConcepts() {
        assertThat(concepts.get(0).classes()).hasSize(12); // pitch classes
        assertThat(concepts.get(1).classes()).containsExactlyInAnyOrder(java.util.Arrays.stream(
                org.musicrfm.dataset.ChordType.values()).map(org.musicrfm.dataset.ChordType::label).toArray(String[]::new));
        for (FeatureLayers c : concepts) {
            int[] n = c.sizes();
            assertThat(n[0]).isGreaterThan(3 * n[1] - 4);
            assertThat(n[1]).isPositive();
            assertThat(n[2]).isPositive();
        }
    }

    @Test
    void halvingLosesOnlyWhatItStopsAndCostsAThirdOfTheFlops() {
        SearchPlan full = new SearchPlan(SearchMode.SHARED, HalvingSchedule.exhaustive(ITERS), AgopPlan.Method.AUTO, 0);
        SearchPlan asha = new SearchPlan(SearchMode.ASHA, new HalvingSchedule(new int[] {0, 1, ITERS}, 3),
                AgopPlan.Method.AUTO, 0);
        long fullFlops = 0;
        long fastFlops = 0;
        int targets = 0;
        for (FeatureLayers c : concepts) {
            for (FeatureSet set : FeatureSet.values()) {
                LayerData data = c.layer(backend, set, DIM, set == FeatureSet.RHYTHM, 77);
                List<LayerSearch.Target> ts = c.targets();
                SearchComparison.Result r = SearchComparison.run(backend, settings, full, asha, 5, "c", set.ordinal(),
                        TRIALS, SearchSpace.paper(), data, ts);
                for (SearchComparison.Outcome o : r.outcomes()) {
                    targets++;
                    TrialResult winner = o.reference();
                    int reached = o.fastTrials().get(winner.task().trial()).stopRung();
                    String what = set + " " + o.target();
                    assertThat(o.valGap()).as(what).isGreaterThanOrEqualTo(-1e-9);
                    if (reached >= winner.bestIter()) {
                        assertThat(o.valGap()).as(what).isLessThanOrEqualTo(0.005);
                    }
                    if (o.fast().task().trial() == winner.task().trial() && o.fast().bestIter() == winner.bestIter()) {
                        assertThat(o.testGap()).as(what).isCloseTo(0.0, Offset.offset(1e-5));
                    }
                    assertThat(o.fast().stopRung()).as(what).isIn(0, 1, ITERS);
                }
                fullFlops += r.referenceFlops();
                fastFlops += r.fastFlops();
            }
        }
        assertThat(targets).isEqualTo(3 * (13 + 5 + 1));
        assertThat(fastFlops).isLessThan(fullFlops / 3);
    }
}
