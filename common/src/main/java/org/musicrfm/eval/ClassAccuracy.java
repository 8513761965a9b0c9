package org.musicrfm.eval;

/**
 * Mean per-class accuracy (balanced accuracy; the MusicRFM paper's probe accuracy): for each
 * class c present among the targets, acc_c = |{i : yᵢ = c, ŷᵢ = c}| / |{i : yᵢ = c}|, and the
 * score is the mean of acc_c over those classes. Classes absent from the targets do not count.
 */
public final class ClassAccuracy {

    private ClassAccuracy() {}

    /**
     * @param meanPerClass mean of the per-class accuracies (NaN for classes without targets excluded)
     * @param perClass     acc_c per class index (NaN where the class has no target)
     * @param support      number of targets per class
     * @param overall      plain accuracy over all items
     */
    public record Result(double meanPerClass, double[] perClass, int[] support, double overall) {}

    /** Scores predicted class indices against targets, both in [0, classes). */
    public static Result of(int[] predicted, int[] target, int classes) {
        if (predicted.length != target.length) {
            throw new IllegalArgumentException(predicted.length + " predictions but " + target.length + " targets");
        }
        if (target.length == 0) {
            throw new IllegalArgumentException("no targets to score");
        }
        int[] hits = new int[classes];
        int[] support = new int[classes];
        int correct = 0;
        for (int i = 0; i < target.length; i++) {
            check(target[i], classes, "target", i);
            check(predicted[i], classes, "prediction", i);
            support[target[i]]++;
            if (predicted[i] == target[i]) {
                hits[target[i]]++;
                correct++;
            }
        }
        double[] per = new double[classes];
        double sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            per[c] = support[c] == 0 ? Double.NaN : (double) hits[c] / support[c];
            if (support[c] > 0) {
                sum += per[c];
                present++;
            }
        }
        return new Result(sum / present, per, support, (double) correct / target.length);
    }

    private static void check(int c, int classes, String what, int i) {
        if (c < 0 || c >= classes) {
            throw new IllegalArgumentException(what + " " + i + " is class " + c + ", expected 0.." + (classes - 1));
        }
    }
}
