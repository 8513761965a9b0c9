package org.musicrfm.rfm;

import java.util.List;
import org.musicrfm.rfm.backend.KernelPredictor;
import org.musicrfm.rfm.backend.Points;
import org.musicrfm.rfm.backend.RfmBackend;
import org.musicrfm.rfm.backend.SolveReport;
import org.musicrfm.rfm.linalg.Mat;

/**
 * The best fit of an RFM run, with what the run measured.
 *
 * @param bestIter        which fit won: i &lt; iters is the fit made with the M of iteration i − 1
 *                        (i = 0: M = I), i = iters the fit after the loop (xRFM's counting)
 * @param bestScore       its validation metric
 * @param m               its M (null = identity; d × 1 when diagonal), backend precision
 * @param bestAgop        its AGOP divided by its largest entry (null when not requested)
 * @param mHistory        M after each iteration (empty unless kept)
 * @param scores          validation metric of every fit made, in order
 * @param solves          how each fit's system was solved, in order
 * @param earlyStopped    whether the loop stopped early (then no final fit was made)
 */
public record RfmModel(RfmConfig config, RfmBackend backend, KernelPredictor predictor, int bestIter,
                       double bestScore, Mat m, Mat bestAgop, List<Mat> mHistory, List<Double> scores,
                       List<SolveReport> solves, boolean earlyStopped) implements AutoCloseable {

    /** Raw outputs at the rows of x: n × c, FLOAT64. */
    public Mat predict(Mat x) {
        return predictor.predict(backend.points(x));
    }

    /** Raw outputs at prepared points. */
    public Mat predict(Points x) {
        return predictor.predict(x);
    }

    /** Class probabilities under the configured mode (binary: two columns). */
    public double[][] probabilities(Mat x) {
        return ClassProbabilities.of(predict(x), config.probabilityMode());
    }

    /** Releases the predictor (accelerator memory, if any). */
    @Override
    public void close() {
        predictor.close();
    }

    /** Class probabilities under a given mode. */
    public double[][] probabilities(Mat x, ProbabilityMode mode) {
        return ClassProbabilities.of(predict(x), mode);
    }
}
