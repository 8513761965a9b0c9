package org.musicrfm.rfm.search;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.musicrfm.rfm.backend.KernelSpec;
import org.musicrfm.rfm.ProbabilityMode;
import org.musicrfm.rfm.Rfm;
import org.musicrfm.rfm.RfmConfig;
import org.musicrfm.rfm.RfmModel;
import org.musicrfm.rfm.TuningMetric;
import org.musicrfm.rfm.backend.RfmBackend;
import org.musicrfm.rfm.backend.SolveReport;
import org.musicrfm.rfm.linalg.FlopCounter;
import org.musicrfm.rfm.probe.ProbeKind;
import org.musicrfm.rfm.probe.ProbeScores;
import org.musicrfm.rfm.probe.ProbeTargets;

/**
 * Seeded random search of RFM probes. {@link #run} executes one {@link ProbeTask} on prepared
 * layer data (what a Spark task does); {@link #search} runs a probe's trials in order.
 */
public final class ProbeSearch {

    /**
     * Settings shared by all trials.
     *
     * @param metric tuning metric, or null for the probe kind's default (AUC / accuracy / MSE)
     */
    public record Settings(int iters, TuningMetric metric, ProbabilityMode probabilityMode, boolean diagonalM,
                           boolean earlyStop) {

        /** The paper's loop: 15 iterations, default metric, softmax, full M, no early stopping. */
        public static Settings paper() {
            return new Settings(15, null, ProbabilityMode.SOFTMAX, false, false);
        }
    }

    private final Rfm rfm;
    private final Settings settings;

    public ProbeSearch(RfmBackend backend, Settings settings) {
        this.rfm = new Rfm(backend);
        this.settings = settings;
    }

    /** The RFM configuration of a trial. */
    public RfmConfig config(TrialParams p, ProbeKind kind) {
        KernelSpec kernel = settings.diagonalM()
                ? KernelSpec.mahalanobisDiagonal(p.bandwidth(), p.exponent())
                : KernelSpec.mahalanobis(p.bandwidth(), p.exponent());
        TuningMetric metric = settings.metric() != null ? settings.metric() : kind.defaultMetric();
        return RfmConfig.of(kernel, p.reg(), settings.iters(), p.centerGrads(), metric)
                .withProbabilityMode(settings.probabilityMode())
                .withEarlyStop(settings.earlyStop(), 1.1)
                .withHistory(false)
                .withBestAgop(false);
    }

    /** Fits the task's RFM and scores its best fit on validation and test. */
    public TrialResult run(ProbeTask task, LayerData data, ProbeTargets targets) {
        long t0 = System.nanoTime();
        FlopCounter fc = new FlopCounter();
        try (FlopCounter.Scope scope = fc.open(); RfmModel model = fit(task, data, targets, false)) {
            ProbeScores val = ProbeScores.of(targets.kind(), model.predict(data.val()), targets.val(),
                    settings.probabilityMode());
            ProbeScores test = ProbeScores.of(targets.kind(), model.predict(data.test()), targets.test(),
                    settings.probabilityMode());
            int fallbacks = (int) model.solves().stream().filter(s -> s.method() != SolveReport.Method.CHOLESKY).count();
            scope.close();
            return new TrialResult(task, model.bestIter(), val, test, fallbacks, (System.nanoTime() - t0) / 1e9,
                    model.scores().size() - 1, fc.flops());
        }
    }

    /** Fits the task's RFM; with {@code bestAgop} the model carries what directions need. */
    public RfmModel fit(ProbeTask task, LayerData data, ProbeTargets targets, boolean bestAgop) {
        RfmConfig cfg = config(task.params(), targets.kind()).withBestAgop(bestAgop);
        return rfm.fit(data.train(), targets.train(), data.val(), targets.val(), cfg);
    }

    /** Trials 0 … trials−1 of one probe, each drawn from (concept, target, layer, trial). */
    public List<TrialResult> search(long baseSeed, String concept, String target, int layer, int trials,
                                    SearchSpace space, LayerData data, ProbeTargets targets) {
        return runTrials(trials, t -> ProbeTask.of(baseSeed, concept, target, layer, t, space), data, targets);
    }

    /**
     * Trials 0 … trials−1 of one probe with the layer's shared draws ({@link LayerSearch#sharedTask}:
     * trial t has the same parameters for every target of the layer), each an independent fit run to
     * the last iteration: {@code train --search full}.
     */
    public List<TrialResult> searchSharedDraws(long baseSeed, String concept, String target, int layer, int trials,
                                               SearchSpace space, LayerData data, ProbeTargets targets) {
        return runTrials(trials, t -> LayerSearch.sharedTask(baseSeed, concept, target, layer, t, space), data,
                targets);
    }

    private List<TrialResult> runTrials(int trials, IntFunction<ProbeTask> task, LayerData data,
                                        ProbeTargets targets) {
        List<TrialResult> out = new ArrayList<>(trials);
        for (int t = 0; t < trials; t++) {
            out.add(run(task.apply(t), data, targets));
        }
        return out;
    }

    /** The trial with the best validation score under the tuning metric (first on ties). */
    public TrialResult best(List<TrialResult> results, ProbeKind kind) {
        TuningMetric metric = settings.metric() != null ? settings.metric() : kind.defaultMetric();
        TrialResult best = null;
        for (TrialResult r : results) {
            if (best == null || metric.better(r.val().get(metric), best.val().get(metric))) {
                best = r;
            }
        }
        return best;
    }
}
