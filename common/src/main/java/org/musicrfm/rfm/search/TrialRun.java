package org.musicrfm.rfm.search;

import java.util.ArrayList;
import java.util.List;
import org.musicrfm.rfm.RfmConfig;
import org.musicrfm.rfm.RfmModel;
import org.musicrfm.rfm.TuningMetric;
import org.musicrfm.rfm.backend.AgopPlan;
import org.musicrfm.rfm.backend.KernelPredictor;
import org.musicrfm.rfm.backend.KernelSystem;
import org.musicrfm.rfm.backend.RfmBackend;
import org.musicrfm.rfm.backend.SolveReport;
import org.musicrfm.rfm.linalg.FlopCounter;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.probe.ProbeKind;
import org.musicrfm.rfm.probe.ProbeScores;
import org.musicrfm.rfm.probe.ProbeTargets;

/**
 * One (target, trial) RFM run that can be advanced rung by rung: the {@link org.musicrfm.rfm.Rfm}
 * loop (fit under M, score on validation, keep if strictly better, M ← AGOP / max) cut into
 * pieces. Between rungs it keeps only the M of its last fit (d × d), not the n × n system: when
 * promoted, it re-solves that fit to take its AGOP. Fit i uses M after i AGOP iterations, so
 * advancing to rung {@code iters} makes the same fits as {@code Rfm.fit} with {@code iters}.
 */
final class TrialRun {

    private final RfmBackend backend;
    private final LayerData data;
    private final ProbeTargets targets;
    private final RfmConfig config;
    private final AgopPlan agop;
    private final ProbeKind kind;

    private int done;
    private Mat lastM;
    private double bestScore;
    private int bestIter = -1;
    private ProbeScores bestVal;
    private ProbeScores bestTest;
    private int fallbacks;
    private long flops;
    private double seconds;

    TrialRun(RfmBackend backend, LayerData data, ProbeTargets targets, RfmConfig config, AgopPlan agop) {
        this.backend = backend;
        this.data = data;
        this.targets = targets;
        this.config = config;
        this.agop = agop;
        this.kind = targets.kind();
        this.bestScore = config.metric().worst();
    }

    /** Fits made so far minus one: the rung reached (−1 before any fit). */
    int rung() {
        return done - 1;
    }

    double bestScore() {
        return bestScore;
    }

    /** Records fit 0 (M = I) made elsewhere (one solve shared by several targets). */
    void recordSharedFit0(Mat valOutputs, Mat testOutputs, SolveReport report, long sharedFlops, double sharedSeconds) {
        if (done != 0) {
            throw new IllegalStateException("fit 0 is already made");
        }
        fallbacks += report.method() == SolveReport.Method.CHOLESKY ? 0 : 1;
        double score = config.metric().score(valOutputs, targets.val(), config.probabilityMode());
        if (config.metric().better(score, bestScore) || bestIter < 0) {
            bestScore = score;
            bestIter = 0;
            bestVal = ProbeScores.of(kind, valOutputs, targets.val(), config.probabilityMode());
            bestTest = ProbeScores.of(kind, testOutputs, targets.test(), config.probabilityMode());
        }
        lastM = null;
        done = 1;
        flops += sharedFlops;
        seconds += sharedSeconds;
    }

    /** Makes fits up to and including fit {@code rung}. */
    void advanceTo(int rung) {
        long t0 = System.nanoTime();
        FlopCounter fc = new FlopCounter();
        try (FlopCounter.Scope s = fc.open()) {
            KernelSystem prev = null;
            try {
                while (done <= rung) {
                    Mat m = null;
                    if (done > 0) {
                        if (prev == null) { // resumed: re-solve the last fit for its AGOP
                            prev = backend.solve(data.train(), targets.train(), lastM, config.kernel(), config.reg());
                        }
                        m = normalized(prev.agop(config.centerGrads(), agop));
                        prev.close();
                        prev = null;
                    }
                    KernelSystem sys = backend.solve(data.train(), targets.train(), m, config.kernel(), config.reg());
                    prev = sys;
                    fallbacks += sys.report().method() == SolveReport.Method.CHOLESKY ? 0 : 1;
                    Mat val = sys.predict(data.val());
                    double score = config.metric().score(val, targets.val(), config.probabilityMode());
                    if (config.metric().better(score, bestScore) || bestIter < 0) {
                        bestScore = score;
                        bestIter = done;
                        bestVal = ProbeScores.of(kind, val, targets.val(), config.probabilityMode());
                        bestTest = ProbeScores.of(kind, sys.predict(data.test()), targets.test(),
                                config.probabilityMode());
                    }
                    lastM = m;
                    done++;
                }
            } finally {
                if (prev != null) {
                    prev.close();
                }
            }
        }
        flops += fc.flops();
        seconds += (System.nanoTime() - t0) / 1e9;
    }

    /** Frees the kept M (the trial stops here). */
    void stop() {
        lastM = null;
    }

    TrialResult result(ProbeTask task) {
        return new TrialResult(task, bestIter, bestVal, bestTest, fallbacks, seconds, rung(), flops);
    }

    /**
     * Re-runs fits 0 … {@code rung} keeping the best fit's predictor and its normalized AGOP (what
     * directions need), as an {@link RfmModel}.
     */
    RfmModel refit(int rung) {
        TuningMetric metric = config.metric();
        KernelPredictor best = null;
        Mat bestM = null;
        Mat bestAgop = null;
        int bestI = -1;
        double best0 = metric.worst();
        List<Double> scores = new ArrayList<>();
        List<SolveReport> solves = new ArrayList<>();
        Mat m = null;
        for (int i = 0; i <= rung; i++) {
            try (KernelSystem sys = backend.solve(data.train(), targets.train(), m, config.kernel(), config.reg())) {
                solves.add(sys.report());
                double score = metric.score(sys.predict(data.val()), targets.val(), config.probabilityMode());
                scores.add(score);
                boolean improved = metric.better(score, best0) || best == null;
                if (improved) {
                    if (best != null) {
                        best.close();
                    }
                    best = sys.predictor();
                    bestM = m;
                    bestI = i;
                    best0 = score;
                }
                if (i < rung || improved) {
                    Mat next = normalized(sys.agop(config.centerGrads(), agop));
                    if (improved) {
                        bestAgop = next;
                    }
                    m = next;
                }
            }
        }
        return new RfmModel(config, backend, best, bestI, best0, bestM, bestAgop, List.of(), List.copyOf(scores),
                List.copyOf(solves), false);
    }

    private static Mat normalized(Mat agop) {
        return agop.scaleInPlace(1.0 / (agop.max() + 1e-30));
    }
}
