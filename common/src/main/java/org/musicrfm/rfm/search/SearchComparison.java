package org.musicrfm.rfm.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.musicrfm.rfm.TuningMetric;
import org.musicrfm.rfm.backend.RfmBackend;
import org.musicrfm.rfm.probe.ProbeKind;

/**
 * Two searches of one layer side by side (e.g. full and halving: the same draws):
 * per target the trial each selects on validation, its scores, and the flops and seconds each
 * search spent on that target.
 */
public final class SearchComparison {

    /**
     * One target's outcome.
     *
     * @param valGap  selected validation score, reference minus fast, signed so that positive means
     *                the fast search selected a worse probe
     * @param testGap the same for the test score of the selected trials
     * @param fastTrials every trial of the fast search, in trial order
     */
    public record Outcome(String target, TuningMetric metric, TrialResult reference, TrialResult fast,
                          double valGap, double testGap, long referenceFlops, long fastFlops,
                          double referenceSeconds, double fastSeconds, List<TrialResult> fastTrials) {}

    /** Both searches' results and their wall times. */
    public record Result(List<Outcome> outcomes, double referenceWallSeconds, double fastWallSeconds) {

        public long referenceFlops() {
            return outcomes.stream().mapToLong(Outcome::referenceFlops).sum();
        }

        public long fastFlops() {
            return outcomes.stream().mapToLong(Outcome::fastFlops).sum();
        }
    }

    private SearchComparison() {}

    /** Runs {@code reference} then {@code fast} on one layer. */
    public static Result run(RfmBackend backend, ProbeSearch.Settings settings, SearchPlan reference,
                             SearchPlan fast, long seed, String concept, int layer, int trials, SearchSpace space,
                             LayerData data, List<LayerSearch.Target> targets) {
        Timed ref = search(backend, settings, reference, seed, concept, layer, trials, space, data, targets);
        Timed fst = search(backend, settings, fast, seed, concept, layer, trials, space, data, targets);
        return compare(backend, settings, targets, ref, fst);
    }

    /** One layer search's results per target and its wall time. */
    public record Timed(Map<String, List<TrialResult>> results, double wallSeconds) {}

    /** Searches one layer with {@code plan} ({@link SearchMode#FULL}: target by target, as the train job), timed. */
    public static Timed search(RfmBackend backend, ProbeSearch.Settings settings, SearchPlan plan, long seed,
                               String concept, int layer, int trials, SearchSpace space, LayerData data,
                               List<LayerSearch.Target> targets) {
        long t0 = System.nanoTime();
        Map<String, List<TrialResult>> r;
        if (plan.sharesTargets()) {
            r = new LayerSearch(backend, settings, plan).search(seed, concept, layer, trials, space, data, targets);
        } else {
            r = new LinkedHashMap<>();
            ProbeSearch full = new ProbeSearch(backend, settings);
            for (LayerSearch.Target t : targets) {
                r.put(t.name(), full.searchSharedDraws(seed, concept, t.name(), layer, trials, space, data,
                        t.targets()));
            }
        }
        return new Timed(r, (System.nanoTime() - t0) / 1e9);
    }

    /** Per target, the trial each search selects on validation and the gaps between them. */
    public static Result compare(RfmBackend backend, ProbeSearch.Settings settings, List<LayerSearch.Target> targets,
                                 Timed reference, Timed fast) {
        Map<String, List<TrialResult>> ref = reference.results();
        Map<String, List<TrialResult>> fst = fast.results();
        ProbeSearch ps = new ProbeSearch(backend, settings);
        List<Outcome> out = new ArrayList<>();
        for (LayerSearch.Target t : targets) {
            ProbeKind kind = t.targets().kind();
            TuningMetric metric = settings.metric() != null ? settings.metric() : kind.defaultMetric();
            TrialResult a = ps.best(ref.get(t.name()), kind);
            TrialResult b = ps.best(fst.get(t.name()), kind);
            double sign = metric.maximize() ? 1 : -1;
            out.add(new Outcome(t.name(), metric, a, b, sign * (a.val().get(metric) - b.val().get(metric)),
                    sign * (a.test().get(metric) - b.test().get(metric)),
                    ref.get(t.name()).stream().mapToLong(TrialResult::flops).sum(),
                    fst.get(t.name()).stream().mapToLong(TrialResult::flops).sum(),
                    ref.get(t.name()).stream().mapToDouble(TrialResult::seconds).sum(),
                    fst.get(t.name()).stream().mapToDouble(TrialResult::seconds).sum(), fst.get(t.name())));
        }
        return new Result(out, reference.wallSeconds(), fast.wallSeconds());
    }
}
