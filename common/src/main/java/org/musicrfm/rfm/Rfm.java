package org.musicrfm.rfm;

import java.util.ArrayList;
import java.util.List;
import org.musicrfm.rfm.backend.KernelPredictor;
import org.musicrfm.rfm.backend.KernelSystem;
import org.musicrfm.rfm.backend.Points;
import org.musicrfm.rfm.backend.RfmBackend;
import org.musicrfm.rfm.backend.SolveReport;
import org.musicrfm.rfm.linalg.Mat;

/**
 * Recursive Feature Machine training (xRFM's {@code RFM.fit} semantics): starting from M = I,
 * each iteration fits kernel ridge regression under M, scores it on the validation set, keeps
 * it if strictly better than the best so far, and replaces M by AGOP / max(AGOP); one last fit
 * follows the loop (unless stopped early). Targets are used as given (binary {0,1}, one-hot,
 * z-scored regression: see {@link Targets}).
 */
public final class Rfm {

    private final RfmBackend backend;

    public Rfm(RfmBackend backend) {
        this.backend = backend;
    }

    public RfmBackend backend() {
        return backend;
    }

    /** Fits on host matrices. */
    public RfmModel fit(Mat xTrain, Mat yTrain, Mat xVal, Mat yVal, RfmConfig config) {
        return fit(backend.points(xTrain), yTrain, backend.points(xVal), yVal, config);
    }

    /** Fits on prepared points (which may carry cached identity distances). */
    public RfmModel fit(Points train, Mat yTrain, Points val, Mat yVal, RfmConfig config) {
        checkData(train, yTrain, "train");
        checkData(val, yVal, "validation");
        if (train.cols() != val.cols()) {
            throw new IllegalArgumentException("train has " + train.cols() + " features, validation " + val.cols());
        }
        if (yTrain.cols() != yVal.cols()) {
            throw new IllegalArgumentException("train targets have " + yTrain.cols() + " columns, validation "
                    + yVal.cols());
        }
        TuningMetric metric = config.metric();
        List<Mat> history = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        List<SolveReport> solves = new ArrayList<>();
        Mat m = null;
        KernelPredictor best = null;
        Mat bestM = null;
        Mat bestAgop = null;
        int bestIter = -1;
        double bestScore = metric.worst();
        boolean stopped = false;
        for (int i = 0; i < config.iters(); i++) {
            try (KernelSystem system = backend.solve(train, yTrain, m, config.kernel(), config.reg())) {
                solves.add(system.report());
                double score = metric.score(system.predict(val), yVal, config.probabilityMode());
                scores.add(score);
                boolean improved = metric.better(score, bestScore);
                if (improved) {
                    closeQuietly(best);
                    best = system.predictor();
                    bestM = m;
                    bestIter = i;
                    bestScore = score;
                }
                if (config.earlyStop() && shouldStop(metric, score, bestScore, config.earlyStopMultiplier())) {
                    stopped = true;
                    break;
                }
                m = normalize(system.agop(config.centerGrads()));
                if (improved) {
                    bestAgop = config.bestAgop() ? m : null;
                }
                if (config.keepHistory()) {
                    history.add(m);
                }
            }
        }
        if (!stopped) {
            try (KernelSystem system = backend.solve(train, yTrain, m, config.kernel(), config.reg())) {
                solves.add(system.report());
                double score = metric.score(system.predict(val), yVal, config.probabilityMode());
                scores.add(score);
                if (metric.better(score, bestScore) || best == null) {
                    closeQuietly(best);
                    best = system.predictor();
                    bestM = m;
                    bestIter = config.iters();
                    bestScore = score;
                    bestAgop = config.bestAgop() ? normalize(system.agop(config.centerGrads())) : null;
                }
            }
        }
        return new RfmModel(config, backend, best, bestIter, bestScore, bestM, bestAgop, List.copyOf(history),
                List.copyOf(scores), List.copyOf(solves), stopped);
    }

    private static void closeQuietly(KernelPredictor p) {
        if (p != null) {
            p.close();
        }
    }

    /** xRFM's rule: worse than the best by the multiplier. */
    static boolean shouldStop(TuningMetric metric, double current, double best, double multiplier) {
        return metric.maximize() ? current < best / multiplier : current > best * multiplier;
    }

    /** AGOP / (max entry + 1e-30), as xRFM's fit_M. */
    static Mat normalize(Mat agop) {
        return agop.copy().scaleInPlace(1.0 / (agop.max() + 1e-30));
    }

    private static void checkData(Points x, Mat y, String what) {
        if (x.rows() != y.rows()) {
            throw new IllegalArgumentException(what + " points have " + x.rows() + " rows but targets " + y.rows());
        }
        if (x.rows() == 0 || y.cols() == 0) {
            throw new IllegalArgumentException(what + " set is empty (" + x.rows() + "x" + y.cols() + ")");
        }
        Mat h = x.host();
        for (int k = 0; k < h.size(); k++) {
            if (!Double.isFinite(h.at(k))) {
                throw new IllegalArgumentException(what + " features: entry (" + (k % h.rows()) + ", " + (k / h.rows())
                        + ") is " + h.at(k) + ", expected a finite number");
            }
        }
        for (int k = 0; k < y.size(); k++) {
            if (!Double.isFinite(y.at(k))) {
                throw new IllegalArgumentException(what + " targets: entry (" + (k % y.rows()) + ", " + (k / y.rows())
                        + ") is " + y.at(k) + ", expected a finite number");
            }
        }
    }
}
