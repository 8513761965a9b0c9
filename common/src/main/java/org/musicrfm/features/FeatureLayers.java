package org.musicrfm.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.musicrfm.dataset.Split;
import org.musicrfm.dataset.StratifiedSplit;
import org.musicrfm.rfm.backend.RfmBackend;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;
import org.musicrfm.rfm.search.LayerData;
import org.musicrfm.rfm.search.LayerSearch;
import org.musicrfm.rfm.probe.ProbeKind;
import org.musicrfm.rfm.probe.ProbeTargets;

/**
 * Rendered clips as probe-search inputs: the 70/15/15 split by label (as the train job; other
 * fractions for benchmarks that need larger validation sets), one
 * "layer" per {@link FeatureSet} (descriptors z-scored with training statistics and lifted to d
 * dimensions), and the train job's targets (one-vs-rest per class plus multiclass, or a z-scored
 * regression target).
 */
public final class FeatureLayers {

    private final SynTheoryFeatures.Clips clips;
    private final Split[] split;
    private final boolean regression;
    private final List<String> classes;

    public FeatureLayers(SynTheoryFeatures.Clips clips, boolean regression, long splitSeed) {
        this(clips, regression, splitSeed, StratifiedSplit.TRAIN, StratifiedSplit.VAL);
    }

    /** The same with other split fractions (train, validation; the rest is test). */
    public FeatureLayers(SynTheoryFeatures.Clips clips, boolean regression, long splitSeed, double train,
                         double val) {
        this.clips = clips;
        this.regression = regression;
        List<StratifiedSplit.Item> items = new ArrayList<>();
        for (int i = 0; i < clips.clipIds().size(); i++) {
            Object stratum = regression ? "all" : clips.labels().get(i);
            items.add(new StratifiedSplit.Item(clips.clipIds().get(i), clips.clipIds().get(i), stratum));
        }
        Map<String, Split> s = StratifiedSplit.assign(items, splitSeed, train, val);
        split = new Split[items.size()];
        for (int i = 0; i < split.length; i++) {
            split[i] = s.get(clips.clipIds().get(i));
        }
        classes = regression ? List.of() : clips.labels().stream().map(String::valueOf).distinct().sorted().toList();
    }

    /** Rows in each split: train, validation, test. */
    public int[] sizes() {
        int[] n = new int[3];
        for (Split s : split) {
            n[s == Split.TRAIN ? 0 : s == Split.VAL ? 1 : 2]++;
        }
        return n;
    }

    /** The class names (empty for regression). */
    public List<String> classes() {
        return classes;
    }

    /** One feature set lifted to {@code dim} dimensions (ReLU random features for {@code relu}). */
    public LayerData layer(RfmBackend backend, FeatureSet set, int dim, boolean relu, long liftSeed) {
        double[][] desc = clips.descriptors().get(set);
        int k = desc[0].length;
        double[] mean = new double[k];
        double[] sd = new double[k];
        int nTrain = 0;
        for (int i = 0; i < desc.length; i++) {
            if (split[i] == Split.TRAIN) {
                nTrain++;
                for (int j = 0; j < k; j++) {
                    mean[j] += desc[i][j];
                }
            }
        }
        for (int j = 0; j < k; j++) {
            mean[j] /= nTrain;
        }
        for (int i = 0; i < desc.length; i++) {
            if (split[i] == Split.TRAIN) {
                for (int j = 0; j < k; j++) {
                    sd[j] += (desc[i][j] - mean[j]) * (desc[i][j] - mean[j]) / nTrain;
                }
            }
        }
        for (int j = 0; j < k; j++) {
            sd[j] = Math.sqrt(sd[j]);
        }
        float[][] x = new RandomLift(k, dim, liftSeed, relu).apply(desc, mean, sd);
        Precision p = backend.precision();
        return LayerData.prepare(backend, rows(x, Split.TRAIN, p), rows(x, Split.VAL, p), rows(x, Split.TEST, p), true);
    }

    /** The train job's targets: one-vs-rest per class then the multiclass probe, or the label for regression. */
    public List<LayerSearch.Target> targets() {
        List<LayerSearch.Target> out = new ArrayList<>();
        if (regression) {
            out.add(new LayerSearch.Target(clips.concept().probedLabel(), ProbeTargets.regression(
                    numbers(Split.TRAIN), numbers(Split.VAL), numbers(Split.TEST))));
            return out;
        }
        int[] tr = classIndex(Split.TRAIN);
        int[] va = classIndex(Split.VAL);
        int[] te = classIndex(Split.TEST);
        for (int c = 0; c < classes.size(); c++) {
            out.add(new LayerSearch.Target(classes.get(c), ProbeTargets.binary(tr, va, te, c)));
        }
        out.add(new LayerSearch.Target(ProbeKind.MULTICLASS_TARGET, ProbeTargets.multiclass(tr, va, te, classes.size())));
        return out;
    }

    private int[] classIndex(Split which) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < split.length; i++) {
            if (split[i] == which) {
                out.add(classes.indexOf(String.valueOf(clips.labels().get(i))));
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private double[] numbers(Split which) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < split.length; i++) {
            if (split[i] == which) {
                out.add(((Number) clips.labels().get(i)).doubleValue());
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private Mat rows(float[][] x, Split which, Precision p) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (split[i] == which) {
                out.add(x[i]);
            }
        }
        return Mat.fromRows(out.toArray(new float[0][]), p);
    }
}
