package org.musicrfm.rfm.probe;

import org.musicrfm.rfm.Targets;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.probe.ProbeKind;

/**
 * Encoded targets of one probe on the train/validation/test split: binary {0,1}, one-hot, or
 * z-scored with the training mean and standard deviation.
 */
public record ProbeTargets(ProbeKind kind, Mat train, Mat val, Mat test) {

    public ProbeTargets {
        int c = train.cols();
        if (val.cols() != c || test.cols() != c) {
            throw new IllegalArgumentException("target columns differ: train " + c + ", val " + val.cols() + ", test "
                    + test.cols());
        }
    }

    /** One-vs-rest: 1 where the label equals {@code positive}. */
    public static ProbeTargets binary(int[] train, int[] val, int[] test, int positive) {
        return new ProbeTargets(ProbeKind.BINARY, Targets.binary(train, positive), Targets.binary(val, positive),
                Targets.binary(test, positive));
    }

    /** One-hot over {@code classes} classes. */
    public static ProbeTargets multiclass(int[] train, int[] val, int[] test, int classes) {
        return new ProbeTargets(ProbeKind.MULTICLASS, Targets.oneHot(train, classes), Targets.oneHot(val, classes),
                Targets.oneHot(test, classes));
    }

    /** Regression targets z-scored with the training statistics. */
    public static ProbeTargets regression(double[] train, double[] val, double[] test) {
        Targets.ZScore z = Targets.zScore(train);
        return new ProbeTargets(ProbeKind.REGRESSION, z.apply(train), z.apply(val), z.apply(test));
    }
}
