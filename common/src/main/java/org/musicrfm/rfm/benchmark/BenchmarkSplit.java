package org.musicrfm.rfm.benchmark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.musicrfm.dataset.Split;
import org.musicrfm.dataset.SplitSizes;
import org.musicrfm.dataset.StratifiedSplit;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;
import org.musicrfm.rfm.probe.ProbeTargets;

/**
 * The split every method of a concept shares: the train job's 70/15/15 split (stratified on the
 * label, seeded, clips of one {@code source_id} together), built from the mean-pooled rows of the
 * concept's first layer, with the class list (empty for regression).
 *
 * @param split   the split of every clip id
 * @param classes class names in index order (numeric labels numerically ordered); empty for regression
 */
public record BenchmarkSplit(Map<String, Split> split, List<String> classes, boolean regression)
        implements Serializable {

    public BenchmarkSplit {
        split = Map.copyOf(split);
        classes = List.copyOf(classes);
    }

    /** The split of {@code first}'s clips; {@code what} names the data in errors. */
    public static BenchmarkSplit of(ConceptTable.Layer first, boolean regression, long seed, String what) {
        List<String> classes = regression ? List.of() : classes(first.labels(), what);
        List<StratifiedSplit.Item> items = new ArrayList<>();
        for (int i = 0; i < first.clipIds().size(); i++) {
            Object stratum = regression ? "all" : first.labels().get(i);
            if (regression && !(first.labels().get(i) instanceof Number)) {
                throw new IllegalArgumentException(what + ": regression needs numeric labels, clip "
                        + first.clipIds().get(i) + " has '" + first.labels().get(i) + "'");
            }
            items.add(new StratifiedSplit.Item(first.clipIds().get(i), first.groups().get(i), stratum));
        }
        Map<String, Split> split = StratifiedSplit.assign(items, seed);
        SplitSizes.of(split.values()).requireEachPart(what);
        return new BenchmarkSplit(split, classes, regression);
    }

    /** Distinct labels as strings, numerically ordered when they are numbers; at least two. */
    static List<String> classes(List<Object> labels, String what) {
        boolean numeric = labels.stream().allMatch(l -> l instanceof Number);
        Comparator<Object> order = numeric ? Comparator.comparingDouble(l -> ((Number) l).doubleValue())
                : Comparator.comparing(String::valueOf);
        List<String> out = labels.stream().filter(Objects::nonNull).distinct().sorted(order)
                .map(String::valueOf).toList();
        if (out.size() < 2) {
            throw new IllegalArgumentException(what + ": need at least two classes, found " + out);
        }
        return out;
    }

    /** One layer's rows on the split: features and encoded targets. */
    public record Parts(Mat train, Mat val, Mat test, ProbeTargets targets, int[] trainLabels) {}

    /** Splits a layer's rows; every clip must be in the split (the same clips as the first layer). */
    public Parts parts(ConceptTable.Layer layer, Precision precision, String what) {
        int n = layer.clipIds().size();
        Split[] s = new Split[n];
        for (int i = 0; i < n; i++) {
            s[i] = split.get(layer.clipIds().get(i));
            if (s[i] == null) {
                throw new IllegalArgumentException(what + ": clip " + layer.clipIds().get(i) + " of layer "
                        + layer.layer() + " is not among the first layer's mean-pooled clips");
            }
        }
        if (n != split.size()) {
            throw new IllegalArgumentException(what + ": layer " + layer.layer() + " has " + n + " clips, the split "
                    + split.size());
        }
        Mat xTrain = rows(layer.vectors(), s, Split.TRAIN, precision);
        Mat xVal = rows(layer.vectors(), s, Split.VAL, precision);
        Mat xTest = rows(layer.vectors(), s, Split.TEST, precision);
        ProbeTargets t;
        int[] trainLabels = null;
        if (regression) {
            t = ProbeTargets.regression(numbers(layer.labels(), s, Split.TRAIN), numbers(layer.labels(), s, Split.VAL),
                    numbers(layer.labels(), s, Split.TEST));
        } else {
            trainLabels = index(layer.labels(), s, Split.TRAIN);
            t = ProbeTargets.multiclass(trainLabels, index(layer.labels(), s, Split.VAL),
                    index(layer.labels(), s, Split.TEST), classes.size());
        }
        return new Parts(xTrain, xVal, xTest, t, trainLabels);
    }

    private int[] index(List<Object> labels, Split[] s, Split which) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            if (s[i] == which) {
                int k = classes.indexOf(String.valueOf(labels.get(i)));
                if (k < 0) {
                    throw new IllegalArgumentException("label '" + labels.get(i) + "' is not among " + classes);
                }
                out.add(k);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double[] numbers(List<Object> labels, Split[] s, Split which) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            if (s[i] == which) {
                out.add(((Number) labels.get(i)).doubleValue());
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Mat rows(float[][] x, Split[] s, Split which, Precision p) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (s[i] == which) {
                out.add(x[i]);
            }
        }
        return Mat.fromRows(out.toArray(new float[0][]), p);
    }
}
