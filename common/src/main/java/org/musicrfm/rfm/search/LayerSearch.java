package org.musicrfm.rfm.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.musicrfm.rfm.backend.KernelSpec;
import org.musicrfm.rfm.ProbabilityMode;
import org.musicrfm.rfm.RfmConfig;
import org.musicrfm.rfm.RfmModel;
import org.musicrfm.rfm.TuningMetric;
import org.musicrfm.rfm.backend.AgopPlan;
import org.musicrfm.rfm.backend.KernelSystem;
import org.musicrfm.rfm.backend.RfmBackend;
import org.musicrfm.rfm.linalg.FlopCounter;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.probe.ProbeKind;
import org.musicrfm.rfm.probe.ProbeTargets;

/**
 * The random search of all targets of one (concept, layer) together, with hyperparameters drawn
 * per (concept, layer, trial) so that the targets of trial t share bandwidth, exponent, reg and
 * centring ({@link SearchMode#SHARED} and {@link SearchMode#ASHA}).
 *
 * <p>With rung 0 in the schedule, fit 0 (M = I) of all targets of a trial is one kernel and one
 * factorization with the union of their target columns as right-hand sides (one-vs-rest targets
 * are columns of the one-hot multiclass target, so a 12-class concept solves 12 columns for its
 * 13 probes). Then each target runs successive halving on its own: at each rung the best
 * max(⌊k/η⌋, keep) trials by best validation score so far go on (ties: lower trial, or every
 * trial tied with the last one kept, as the {@link HalvingSchedule} says). With a pooled schedule
 * the survivors of rung 0 also include, for every target, the as many trials best by mean rank
 * over all targets: the targets share a trial's hyperparameters, and a trial that is good for
 * most of them is often the one a noisy single-target score at M = I would cut. Everything runs
 * inside the caller's thread: one Spark task searches a layer and never waits for another.
 * Per-target seeds remain where randomness is per target (the subsampled AGOP's points).
 */
public final class LayerSearch {

    /** A target of the layer: its name (class, {@link ProbeKind#MULTICLASS_TARGET}, label) and encoded targets. */
    public record Target(String name, ProbeTargets targets) {}

    /** Marker in the seed derivation of shared draws (a name no target can have). */
    static final String SHARED_DRAW = "\u0000shared";

    /**
     * How trials draw their hyperparameters, recorded in provenance and unit identities (probes
     * trained when {@link SearchMode#FULL} still drew per target are never reused as if drawn so).
     */
    public static final String DRAWS = "per (concept, layer, trial)";

    private final RfmBackend backend;
    private final ProbeSearch.Settings settings;
    private final SearchPlan plan;

    public LayerSearch(RfmBackend backend, ProbeSearch.Settings settings, SearchPlan plan) {
        if (!plan.sharesTargets()) {
            throw new IllegalArgumentException("layer search is for shared draws, not " + plan.mode());
        }
        this.backend = backend;
        this.settings = settings;
        this.plan = plan;
    }

    /** The shared task of trial t: seed and parameters from (concept, layer, trial). */
    public static ProbeTask sharedTask(long baseSeed, String concept, String target, int layer, int trial,
                                       SearchSpace space) {
        long seed = ProbeTask.deriveSeed(baseSeed, concept, SHARED_DRAW, layer, trial);
        return new ProbeTask(concept, target, layer, trial, seed, space.sample(seed));
    }

    /** Trials 0 … trials−1 of every target, in target order; each list in trial order. */
    public Map<String, List<TrialResult>> search(long baseSeed, String concept, int layer, int trials,
                                                 SearchSpace space, LayerData data, List<Target> targets) {
        HalvingSchedule schedule = plan.effectiveSchedule(settings.iters());
        schedule.checkIters(settings.iters());
        int[] rungs = schedule.rungs();
        List<List<TrialRun>> runs = new ArrayList<>();
        for (Target target : targets) {
            List<TrialRun> r = new ArrayList<>(trials);
            for (int t = 0; t < trials; t++) {
                r.add(newRun(baseSeed, concept, layer, t, space, data, target));
            }
            runs.add(r);
        }
        int first = 0;
        List<Integer> pooled = List.of(); // the best by mean rank over targets at rung 0, if pooled
        if (rungs[0] == 0) {
            sharedFit0(baseSeed, concept, layer, trials, space, data, targets, runs);
            first = 1;
            if (schedule.pool() && rungs.length > 1) {
                pooled = pooledOrder(runs, targets).subList(0, schedule.promoted(trials));
            }
        }
        Map<String, List<TrialResult>> out = new LinkedHashMap<>();
        for (int k = 0; k < targets.size(); k++) {
            Target target = targets.get(k);
            List<TrialRun> r = runs.get(k);
            TuningMetric metric = metric(target.targets().kind());
            List<Integer> alive = new ArrayList<>();
            for (int t = 0; t < trials; t++) {
                alive.add(t);
            }
            if (first == 1) {
                alive = promote(alive, r, metric, schedule, rungs.length == 1);
                if (!pooled.isEmpty()) {
                    TreeSet<Integer> union = new TreeSet<>(alive);
                    union.addAll(pooled);
                    alive = new ArrayList<>(union);
                }
            }
            for (int i = first; i < rungs.length; i++) {
                for (int t : alive) {
                    r.get(t).advanceTo(rungs[i]);
                }
                alive = promote(alive, r, metric, schedule, i == rungs.length - 1);
            }
            List<TrialResult> results = new ArrayList<>(trials);
            for (int t = 0; t < trials; t++) {
                results.add(r.get(t).result(sharedTask(baseSeed, concept, target.name(), layer, t, space)));
            }
            out.put(target.name(), results);
        }
        return out;
    }

    /**
     * The chosen trial refit up to its stopping rung with the same AGOP plan, keeping the best
     * fit's predictor and AGOP (for directions).
     */
    public RfmModel refit(long baseSeed, TrialResult best, SearchSpace space, LayerData data, Target target) {
        ProbeTask task = best.task();
        TrialRun run = newRun(baseSeed, task.concept(), task.layer(), task.trial(), space, data, target);
        return run.refit(best.stopRung());
    }

    private TrialRun newRun(long baseSeed, String concept, int layer, int trial, SearchSpace space, LayerData data,
                            Target target) {
        ProbeTask task = sharedTask(baseSeed, concept, target.name(), layer, trial, space);
        long targetSeed = ProbeTask.deriveSeed(baseSeed, concept, target.name(), layer, trial);
        AgopPlan agop = new AgopPlan(plan.agopMethod(), plan.agopSample(), targetSeed);
        return new TrialRun(backend, data, target.targets(), config(task.params(), target.targets().kind()), agop);
    }

    /** The top max(⌊k/η⌋, keep) by best score so far (ties: lower trial, or all with ties); the others stop. */
    private static List<Integer> promote(List<Integer> alive, List<TrialRun> runs, TuningMetric metric,
                                         HalvingSchedule schedule, boolean last) {
        if (last) {
            alive.forEach(t -> runs.get(t).stop());
            return List.of();
        }
        List<Integer> sorted = new ArrayList<>(alive);
        sorted.sort(byBestScore(runs, metric));
        int n = schedule.promoted(sorted.size());
        if (schedule.ties()) {
            double cut = runs.get(sorted.get(n - 1)).bestScore();
            while (n < sorted.size() && runs.get(sorted.get(n)).bestScore() == cut) {
                n++;
            }
        }
        List<Integer> keep = new ArrayList<>(sorted.subList(0, n));
        for (int t : sorted.subList(keep.size(), sorted.size())) {
            runs.get(t).stop();
        }
        keep.sort(Integer::compare);
        return keep;
    }

    /** Trials best first by their best validation score so far; equal scores by trial number. */
    private static Comparator<Integer> byBestScore(List<TrialRun> runs, TuningMetric metric) {
        return (a, b) -> {
            double sa = runs.get(a).bestScore();
            double sb = runs.get(b).bestScore();
            if (metric.better(sa, sb)) {
                return -1;
            }
            if (metric.better(sb, sa)) {
                return 1;
            }
            return Integer.compare(a, b);
        };
    }

    /** Trials by their mean rank at rung 0 over all targets (rank 0 = best; ties by trial number). */
    private List<Integer> pooledOrder(List<List<TrialRun>> runs, List<Target> targets) {
        int trials = runs.get(0).size();
        double[] rankSum = new double[trials];
        for (int k = 0; k < targets.size(); k++) {
            List<TrialRun> r = runs.get(k);
            TuningMetric metric = metric(targets.get(k).targets().kind());
            List<Integer> order = new ArrayList<>();
            for (int t = 0; t < trials; t++) {
                order.add(t);
            }
            order.sort(byBestScore(r, metric));
            for (int i = 0; i < trials; i++) {
                rankSum[order.get(i)] += i;
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int t = 0; t < trials; t++) {
            out.add(t);
        }
        out.sort((a, b) -> rankSum[a] != rankSum[b] ? Double.compare(rankSum[a], rankSum[b]) : Integer.compare(a, b));
        return out;
    }

    /** Fit 0 of every target of each trial as one solve over the union of their target columns. */
    private void sharedFit0(long baseSeed, String concept, int layer, int trials, SearchSpace space, LayerData data,
                            List<Target> targets, List<List<TrialRun>> runs) {
        List<double[]> columns = new ArrayList<>();
        int[][] index = new int[targets.size()][];
        for (int k = 0; k < targets.size(); k++) {
            ProbeTargets pt = targets.get(k).targets();
            index[k] = new int[pt.train().cols()];
            for (int j = 0; j < pt.train().cols(); j++) {
                double[] col = column(pt, j);
                int found = -1;
                for (int u = 0; u < columns.size() && found < 0; u++) {
                    if (java.util.Arrays.equals(columns.get(u), col)) {
                        found = u;
                    }
                }
                if (found < 0) {
                    found = columns.size();
                    columns.add(col);
                }
                index[k][j] = found;
            }
        }
        int nTrain = data.train().rows();
        int nVal = data.val().rows();
        Mat y = Mat.zeros(nTrain, columns.size(), org.musicrfm.rfm.linalg.Precision.FLOAT64);
        for (int u = 0; u < columns.size(); u++) {
            for (int i = 0; i < nTrain; i++) {
                y.set(i, u, columns.get(u)[i]);
            }
        }
        for (int t = 0; t < trials; t++) {
            TrialParams p = sharedTask(baseSeed, concept, "", layer, t, space).params();
            long t0 = System.nanoTime();
            FlopCounter fc = new FlopCounter();
            Mat val;
            Mat test;
            org.musicrfm.rfm.backend.SolveReport report;
            try (FlopCounter.Scope s = fc.open();
                 KernelSystem sys = backend.solve(data.train(), y, null, kernel(p), p.reg())) {
                report = sys.report();
                val = sys.predict(data.val());
                test = sys.predict(data.test());
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            for (int k = 0; k < targets.size(); k++) {
                runs.get(k).get(t).recordSharedFit0(pick(val, index[k], nVal), pick(test, index[k], test.rows()), report,
                        fc.flops() / targets.size(), secs / targets.size());
            }
        }
    }

    private static double[] column(ProbeTargets pt, int j) {
        double[] c = new double[pt.train().rows() + pt.val().rows() + pt.test().rows()];
        int o = 0;
        for (Mat m : new Mat[] {pt.train(), pt.val(), pt.test()}) {
            for (int i = 0; i < m.rows(); i++) {
                c[o++] = m.get(i, j);
            }
        }
        return c;
    }

    private static Mat pick(Mat outputs, int[] cols, int rows) {
        Mat out = Mat.zeros(rows, cols.length, outputs.precision());
        for (int j = 0; j < cols.length; j++) {
            for (int i = 0; i < rows; i++) {
                out.set(i, j, outputs.get(i, cols[j]));
            }
        }
        return out;
    }

    private KernelSpec kernel(TrialParams p) {
        return settings.diagonalM() ? KernelSpec.mahalanobisDiagonal(p.bandwidth(), p.exponent())
                : KernelSpec.mahalanobis(p.bandwidth(), p.exponent());
    }

    private TuningMetric metric(ProbeKind kind) {
        return settings.metric() != null ? settings.metric() : kind.defaultMetric();
    }

    private RfmConfig config(TrialParams p, ProbeKind kind) {
        return RfmConfig.of(kernel(p), p.reg(), settings.iters(), p.centerGrads(), metric(kind))
                .withProbabilityMode(settings.probabilityMode() == null ? ProbabilityMode.SOFTMAX
                        : settings.probabilityMode())
                .withHistory(false)
                .withBestAgop(false);
    }
}
