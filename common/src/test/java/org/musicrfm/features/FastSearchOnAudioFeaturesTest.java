package org.musicrfm.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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
import org.musicrfm.rfm.search.ProbeSearch;
import org.musicrfm.rfm.search.SearchComparison;
import org.musicrfm.rfm.search.SearchMode;
import org.musicrfm.rfm.search.SearchPlan;
import org.musicrfm.rfm.search.SearchSpace;

/**
 * The halving search against the exhaustive search of the same shared draws, on model-free
 * features of real SynTheory renders (Gervill, TimGM6mb): notes (12 classes), chords (4) and
 * tempo (regression), three feature sets each. Per target, the trial the fast search selects
 * must score within 0.005 (absolute) of the exhaustive search's selection on validation and on
 * test, for less than a third of the flops.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FastSearchOnAudioFeaturesTest {

    private static final int ITERS = 5;
    private static final int TRIALS = 12;
    private static final int DIM = 256;
    private final CpuBackend backend = new CpuBackend(Precision.FLOAT32, Parallel.of(2));
    private final ProbeSearch.Settings settings = new ProbeSearch.Settings(ITERS, null, ProbabilityMode.SOFTMAX,
            false, false);
    private final List<FeatureLayers> concepts = new ArrayList<>();

    @BeforeAll
    void render() throws Exception {
        javax.sound.midi.Soundbank bank = SoundFonts.loadShared(SoundFonts.DEFAULT_PATH.toString());
        concepts.add(new FeatureLayers(SynTheoryFeatures.render(Concept.NOTES, 240, 1.0, 16000, bank, 1, 2), false, 0));
        concepts.add(new FeatureLayers(SynTheoryFeatures.render(Concept.CHORDS, 160, 1.0, 16000, bank, 1, 2), false, 0));
        concepts.add(new FeatureLayers(SynTheoryFeatures.render(Concept.TEMPOS, 160, 3.0, 16000, bank, 1, 2), true, 0));
    }

    @Test
    void halvingSelectsProbesAsGoodAsTheExhaustiveSearch() {
        SearchPlan full = new SearchPlan(SearchMode.SHARED, HalvingSchedule.exhaustive(ITERS), AgopPlan.Method.AUTO, 0);
        SearchPlan asha = new SearchPlan(SearchMode.ASHA, new HalvingSchedule(new int[] {0, 1, 3, ITERS}, 3),
                AgopPlan.Method.AUTO, 0);
        long fullFlops = 0;
        long fastFlops = 0;
        for (FeatureLayers c : concepts) {
            for (FeatureSet set : FeatureSet.values()) {
                LayerData data = c.layer(backend, set, DIM, set == FeatureSet.RHYTHM, 77);
                SearchComparison.Result r = SearchComparison.run(backend, settings, full, asha, 5, "c", set.ordinal(),
                        TRIALS, SearchSpace.paper(), data, c.targets());
                for (SearchComparison.Outcome o : r.outcomes()) {
                    System.out.printf("%s %s %-3s %s full t%d it%d val %.4f test %.4f | fast t%d it%d rung %d val %.4f test %.4f | gaps %.4f %.4f | flops %.2e %.2e%n",
                            c.targets().get(0).targets().kind(), set, o.target(), o.metric(), o.reference().task().trial(),
                            o.reference().bestIter(), o.reference().val().get(o.metric()),
                            o.reference().test().get(o.metric()), o.fast().task().trial(), o.fast().bestIter(),
                            o.fast().stopRung(), o.fast().val().get(o.metric()), o.fast().test().get(o.metric()),
                            o.valGap(), o.testGap(), (double) o.referenceFlops(), (double) o.fastFlops());
                }
                fullFlops += r.referenceFlops();
                fastFlops += r.fastFlops();
            }
        }
        System.out.printf("total flops %.3e vs %.3e: %.2fx%n", (double) fullFlops, (double) fastFlops,
                fullFlops / (double) fastFlops);
        assertThat(fastFlops).isLessThan(fullFlops / 3);
    }
}
