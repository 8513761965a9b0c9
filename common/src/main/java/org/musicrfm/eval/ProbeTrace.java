package org.musicrfm.eval;

import java.util.List;
import org.musicrfm.rfm.ClassProbabilities;
import org.musicrfm.rfm.ProbabilityMode;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;
import org.musicrfm.rfm.probe.ProbeKind;

/**
 * Probe outputs over time (the MusicRFM paper's Figure 1): a clip's per-frame activations of the
 * probe's layer, h₀ … h_{T−1}, are cut into windows of {@code width} frames every {@code hop}
 * frames, each window is pooled as the probe's training clips were (mean, last, max or mean‖std,
 * population std), and the pooled rows go through the probe: class probabilities per window for a
 * classifier (softmax by default), target values for a regression. Window k covers frames
 * [k·hop, k·hop + width) and is placed at its centre, (k·hop + width/2) / frameRate seconds.
 */
public final class ProbeTrace {

    /**
     * @param seconds       centre time of each window
     * @param startFrame    first frame of each window
     * @param probabilities windows × classes (null for a regression probe)
     * @param values        the regression probe's value per window (null for a classifier)
     */
    public record Trace(List<String> classes, double[] seconds, int[] startFrame, double[][] probabilities,
                        double[] values) {}

    private ProbeTrace() {}

    /**
     * Traces frames (T × d) through {@code probe}. {@code frames} describes where the frames came from;
     * its pooling is ignored (the trace pools them as the probe expects).
     */
    public static Trace of(Probe probe, ActivationSource frames, float[][] x, int width, int hop, double frameRate,
                           ProbabilityMode mode) {
        if (width < 1 || hop < 1 || !(frameRate > 0)) {
            throw new IllegalArgumentException("trace window width " + width + " and hop " + hop
                    + " must be positive frames, frame rate " + frameRate + " positive");
        }
        if (x.length < width) {
            throw new IllegalArgumentException("clip has " + x.length + " frames, fewer than the window width " + width);
        }
        String pooling = probe.provenance().pooling();
        probe.requireCompatible(new ActivationSource(frames.compatibilityKey(), frames.fingerprint(), frames.reading(),
                pooling, frames.layer()));
        int windows = (x.length - width) / hop + 1;
        double[][] pooled = new double[windows][];
        double[] seconds = new double[windows];
        int[] start = new int[windows];
        for (int k = 0; k < windows; k++) {
            start[k] = k * hop;
            seconds[k] = (start[k] + width / 2.0) / frameRate;
            pooled[k] = pool(x, start[k], width, pooling);
        }
        Mat outputs = probe.outputs(Mat.fromRows(pooled, Precision.FLOAT64));
        if (probe.kind() == ProbeKind.REGRESSION) {
            return new Trace(probe.classes(), seconds, start, null, probe.unscale(outputs));
        }
        return new Trace(probe.classes(), seconds, start, ClassProbabilities.of(outputs, mode), null);
    }

    /** Frames [from, from + width) pooled as {@code pooling} names it; sums in double. */
    static double[] pool(float[][] x, int from, int width, String pooling) {
        int d = x[from].length;
        double[] mean = new double[d];
        for (int t = from; t < from + width; t++) {
            if (x[t].length != d) {
                throw new IllegalArgumentException("frame " + t + " has " + x[t].length + " values, frame " + from
                        + " has " + d);
            }
            for (int j = 0; j < d; j++) {
                mean[j] += x[t][j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= width;
        }
        switch (pooling) {
            case "mean":
                return mean;
            case "last": {
                double[] out = new double[d];
                for (int j = 0; j < d; j++) {
                    out[j] = x[from + width - 1][j];
                }
                return out;
            }
            case "max": {
                double[] out = new double[d];
                java.util.Arrays.fill(out, Double.NEGATIVE_INFINITY);
                for (int t = from; t < from + width; t++) {
                    for (int j = 0; j < d; j++) {
                        out[j] = Math.max(out[j], x[t][j]);
                    }
                }
                return out;
            }
            case "meanstd": {
                double[] out = new double[2 * d];
                for (int j = 0; j < d; j++) {
                    double s = 0;
                    for (int t = from; t < from + width; t++) {
                        double v = x[t][j] - mean[j];
                        s += v * v;
                    }
                    out[j] = mean[j];
                    out[d + j] = Math.sqrt(s / width);
                }
                return out;
            }
            default:
                throw new IllegalArgumentException("cannot trace a probe trained on '" + pooling
                        + "' pooling (expected mean, last, max or meanstd)");
        }
    }
}
