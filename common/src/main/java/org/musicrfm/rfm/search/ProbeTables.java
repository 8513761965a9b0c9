package org.musicrfm.rfm.search;

import static org.musicrfm.io.TableSchemas.field;
import static org.musicrfm.io.TableSchemas.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.musicrfm.dataset.Split;
import org.musicrfm.dataset.StratifiedSplit;
import org.musicrfm.rfm.probe.ProbeScores;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The tables of a concept's probes: {@link #SPLITS} (the split of every clip), {@link #TRIALS}
 * (every trial of every (target, layer)) and {@link #RESULTS} (the chosen trial per (target, layer)
 * with its baseline, directions and training provenance), with their rows; and the ordering of
 * classes and the choice of the best layer they rest on.
 */
public final class ProbeTables {

    private ProbeTables() {}

    /** Which split each clip of the probe was in, and the group it was kept with. */
    public static final StructType SPLITS = schema(List.of(field("clip_id", DataTypes.StringType),
            field("group_id", DataTypes.StringType), field("split", DataTypes.StringType)));

    public static final StructType TRIALS = schema(List.of(
            field("concept", DataTypes.StringType), field("target", DataTypes.StringType),
            field("layer", DataTypes.IntegerType), field("trial", DataTypes.IntegerType),
            field("seed", DataTypes.LongType), field("bandwidth", DataTypes.DoubleType),
            field("reg", DataTypes.DoubleType), field("center_grads", DataTypes.BooleanType),
            field("exponent", DataTypes.DoubleType), field("best_iter", DataTypes.IntegerType)),
            scoreFields("val"), scoreFields("test"), List.of(
            field("fallback_solves", DataTypes.IntegerType), field("seconds", DataTypes.DoubleType),
            field("stop_rung", DataTypes.IntegerType), field("flops", DataTypes.LongType)));

    public static final StructType RESULTS = schema(List.of(
            field("concept", DataTypes.StringType), field("target", DataTypes.StringType),
            field("layer", DataTypes.IntegerType), field("kind", DataTypes.StringType),
            field("metric", DataTypes.StringType), field("val_score", DataTypes.DoubleType),
            field("test_score", DataTypes.DoubleType), field("trial", DataTypes.IntegerType),
            field("bandwidth", DataTypes.DoubleType), field("reg", DataTypes.DoubleType),
            field("center_grads", DataTypes.BooleanType), field("exponent", DataTypes.DoubleType),
            field("best_iter", DataTypes.IntegerType)),
            scoreFields("val"), scoreFields("test"), List.of(
            field("linear_method", DataTypes.StringType), field("linear_lambda", DataTypes.DoubleType),
            field("linear_val_score", DataTypes.DoubleType), field("linear_test_score", DataTypes.DoubleType),
            field("eigenvalues", DataTypes.createArrayType(DataTypes.DoubleType, false)),
            field("directions", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType, false), false)),
            field("pooling", DataTypes.StringType), field("reading", DataTypes.StringType),
            field("label", DataTypes.StringType), field("trials", DataTypes.IntegerType),
            field("split_seed", DataTypes.LongType), field("search_seed", DataTypes.LongType),
            field("activations_fingerprint", DataTypes.StringType)));

    /** The rows of {@link #SPLITS}, in the items' order. */
    public static List<Row> splitRows(List<StratifiedSplit.Item> items, Map<String, Split> splits) {
        List<Row> rows = new ArrayList<>();
        for (StratifiedSplit.Item it : items) {
            rows.add(RowFactory.create(it.clipId(), it.groupId(), splits.get(it.clipId()).id()));
        }
        return rows;
    }

    /** The rows of {@link #TRIALS}: every trial of every fit, in order. */
    public static List<Row> trialRows(String concept, List<ConceptProbes.Fit> results) {
        List<Row> rows = new ArrayList<>();
        for (ConceptProbes.Fit r : results) {
            for (TrialResult t : r.trials()) {
                List<Object> v = new ArrayList<>(List.of(concept, r.target(), t.task().layer(), t.task().trial(),
                        t.task().seed(), t.task().params().bandwidth(), t.task().params().reg(),
                        t.task().params().centerGrads(), t.task().params().exponent(), t.bestIter()));
                v.addAll(t.val().values());
                v.addAll(t.test().values());
                v.add(t.fallbackSolves());
                v.add(t.seconds());
                v.add(t.stopRung());
                v.add(t.flops());
                rows.add(RowFactory.create(v.toArray()));
            }
        }
        return rows;
    }

    /**
     * The rows of {@link #RESULTS}: one per fit, {@code layers.get(i)} the layer of {@code results.get(i)};
     * {@code training} holds pooling, reading, label, trials, split_seed, search_seed and
     * activations_fingerprint.
     */
    public static List<Row> resultRows(String concept, List<ConceptProbes.Fit> results, List<Integer> layers,
                                       SortedMap<String, String> training) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            ConceptProbes.Fit r = results.get(i);
            TrialResult b = r.best();
            var metric = r.kind().defaultMetric();
            List<Object> v = new ArrayList<>(List.of(concept, r.target(), layers.get(i), r.kind().name().toLowerCase(),
                    metric.name().toLowerCase(), b.val().get(metric), b.test().get(metric), b.task().trial(),
                    b.task().params().bandwidth(), b.task().params().reg(), b.task().params().centerGrads(),
                    b.task().params().exponent(), b.bestIter()));
            v.addAll(b.val().values());
            v.addAll(b.test().values());
            v.add(r.linearMethod());
            v.add(r.linearLambda());
            v.add(r.linearVal().get(metric));
            v.add(r.linearTest().get(metric));
            List<Double> eig = new ArrayList<>();
            List<List<Float>> dirs = new ArrayList<>();
            for (int k = 0; k < r.directions().length; k++) {
                eig.add(r.eigenvalues()[k]);
                List<Float> d = new ArrayList<>();
                for (float x : r.directions()[k]) {
                    d.add(x);
                }
                dirs.add(d);
            }
            v.add(CollectionConverters.asScala(eig).toSeq());
            v.add(CollectionConverters.asScala(dirs.stream().map(d -> CollectionConverters.asScala(d).toSeq()).toList())
                    .toSeq());
            v.add(training.get("pooling"));
            v.add(training.get("reading"));
            v.add(training.get("label"));
            v.add(Integer.parseInt(training.get("trials")));
            v.add(Long.parseLong(training.get("split_seed")));
            v.add(Long.parseLong(training.get("search_seed")));
            v.add(training.get("activations_fingerprint"));
            rows.add(RowFactory.create(v.toArray()));
        }
        return rows;
    }

    /** Distinct labels as strings, numerically ordered when they are numbers; at least two. */
    public static List<String> classes(List<Object> labels) {
        boolean numeric = labels.stream().allMatch(l -> l instanceof Number);
        Comparator<Object> order = numeric ? Comparator.comparingDouble(l -> ((Number) l).doubleValue())
                : Comparator.comparing(String::valueOf);
        List<String> out = labels.stream().filter(Objects::nonNull).distinct().sorted(order)
                .map(String::valueOf).toList();
        if (out.size() < 2) {
            throw new IllegalArgumentException("need at least two classes to train probes, found " + out);
        }
        return out;
    }

    /**
     * The index in {@code results} of the fit of {@code target} with the best validation score in
     * its kind's default metric (the first of equals), or -1 when no fit has that target.
     */
    public static int best(List<ConceptProbes.Fit> results, String target) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).target().equals(target)) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return -1;
        }
        var m = results.get(candidates.get(0)).kind().defaultMetric();
        return candidates.get(ProbeScores.best(candidates.stream().map(i -> results.get(i).best().val()).toList(), m));
    }

    private static List<StructField> scoreFields(String prefix) {
        return ProbeScores.NAMES.stream().map(n -> field(prefix + "_" + n, DataTypes.DoubleType)).toList();
    }
}
