package org.musicrfm.report;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.musicrfm.io.Location;
import org.musicrfm.io.Locations;
import org.musicrfm.io.Storage;
import org.musicrfm.report.ReportData.Clip;
import org.musicrfm.report.ReportData.LayerScore;
import org.musicrfm.report.ReportData.Metric;
import org.musicrfm.report.ReportData.TracePoint;

/** Reads the tables a report shows with Spark, checking on the driver that every needed column is there. */
public final class ReportTables {

    static final List<String> GENERATION_COLUMNS = List.of("unit_id", "condition", "concept", "target", "eta",
            "weighting", "schedule", "gate_p", "cfg_rows", "prompt", "prompt_index", "seed", "path");
    static final List<String> METRIC_COLUMNS = List.of("condition", "concept", "target", "eta", "n", "fd", "mmd",
            "clap_mean", "clap_ci_low", "clap_ci_high", "probe_accuracy", "model_free_accuracy", "embedding_kind");
    static final List<String> CLIP_METRIC_COLUMNS = List.of("unit_id", "clap_score", "probe_prediction",
            "probe_target_probability");
    static final List<String> TRACE_COLUMNS = List.of("unit_id", "condition", "layer", "frame", "time_seconds",
            "class", "probability");
    static final List<String> RESULT_COLUMNS = List.of("concept", "target", "layer", "metric", "val_score",
            "test_score", "linear_test_score");

    private ReportTables() {}

    /** Every row the report needs; only the traces of one clip per concept are collected. */
    public static ReportData load(SparkSession spark, ReportConfig config) {
        Location sweep = config.sweepLocation();
        Location eval = config.evalLocation();
        List<Location> train = config.trainLocations();
        Location generations = sweep.resolve("generations");
        Location metricsDir = eval.resolve("metrics");
        Dataset<Row> gen = read(spark, generations, GENERATION_COLUMNS, true);
        Dataset<Row> met = read(spark, metricsDir, METRIC_COLUMNS, true);
        Dataset<Row> clipMet = read(spark, eval.resolve("clip_metrics"), CLIP_METRIC_COLUMNS, false);
        Dataset<Row> tr = read(spark, eval.resolve("traces"), TRACE_COLUMNS, false);
        List<Dataset<Row>> results = new ArrayList<>();
        for (Location t : train) {
            results.add(read(spark, t.resolve("results"), RESULT_COLUMNS, true));
        }

        String kind = embeddingKind(met, config.embeddingKind(), metricsDir);
        List<Metric> metrics = new ArrayList<>();
        for (Row r : met.filter(col("embedding_kind").isNull().or(col("embedding_kind").equalTo(kind)))
                .select(METRIC_COLUMNS.stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new))
                .collectAsList()) {
            metrics.add(new Metric(r.getAs("condition"), r.getAs("concept"), r.getAs("target"), num(r, "eta"),
                    ((Number) r.getAs("n")).longValue(), opt(r, "fd"), opt(r, "mmd"), opt(r, "clap_mean"),
                    opt(r, "clap_ci_low"), opt(r, "clap_ci_high"), opt(r, "probe_accuracy"),
                    opt(r, "model_free_accuracy"), r.getAs("embedding_kind")));
        }

        Map<String, Row> perClip = new HashMap<>();
        if (clipMet != null) {
            for (Row r : clipMet.select("unit_id", "clap_score", "probe_prediction", "probe_target_probability")
                    .collectAsList()) {
                perClip.put(r.getAs("unit_id"), r);
            }
        }
        List<Clip> clips = new ArrayList<>();
        for (Row r : gen.select(GENERATION_COLUMNS.stream().map(c -> col(c))
                .toArray(org.apache.spark.sql.Column[]::new)).collectAsList()) {
            String id = r.getAs("unit_id");
            Row m = perClip.get(id);
            clips.add(new Clip(id, r.getAs("condition"), r.getAs("concept"), r.getAs("target"), num(r, "eta"),
                    r.getAs("weighting"), r.getAs("schedule"), opt(r, "gate_p"), r.getAs("cfg_rows"),
                    r.getAs("prompt"), ((Number) r.getAs("prompt_index")).intValue(),
                    ((Number) r.getAs("seed")).longValue(), r.getAs("path"),
                    m == null ? null : opt(m, "clap_score"), m == null ? null : m.getAs("probe_prediction"),
                    m == null ? null : opt(m, "probe_target_probability")));
        }
        clips.sort(Comparator.comparing(Clip::condition).thenComparingInt(Clip::promptIndex)
                .thenComparingLong(Clip::seed).thenComparing(Clip::unitId));

        List<TracePoint> traces = tr == null ? List.of() : traces(tr, clips);
        List<LayerScore> scores = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            String given = config.train().get(i);
            String source = Locations.scheme(given) == null ? Path.of(given).resolve("results").toString()
                    : train.get(i).resolve("results").toString();
            for (Row r : results.get(i).select(RESULT_COLUMNS.stream().map(c -> col(c))
                    .toArray(org.apache.spark.sql.Column[]::new)).collectAsList()) {
                scores.add(new LayerScore(source, r.getAs("concept"), r.getAs("target"),
                        ((Number) r.getAs("layer")).intValue(), r.getAs("metric"), num(r, "val_score"),
                        num(r, "test_score"), opt(r, "linear_test_score")));
            }
        }
        return new ReportData(clips, metrics, traces, scores, count(spark, sweep.resolve("errors")),
                count(spark, eval.resolve("errors")), kind);
    }

    /**
     * The traces of one clip per concept: from the condition with the largest |η₀| that has traces,
     * its first clip by unit id, at the deepest traced layer.
     */
    private static List<TracePoint> traces(Dataset<Row> tr, List<Clip> clips) {
        Map<String, Clip> byId = new HashMap<>();
        clips.forEach(c -> byId.put(c.unitId(), c));
        Map<String, TreeSet<Integer>> layersByUnit = new HashMap<>();
        for (Row r : tr.select("unit_id", "layer").distinct().collectAsList()) {
            layersByUnit.computeIfAbsent(r.getAs("unit_id"), k -> new TreeSet<>()).add(r.getAs("layer"));
        }
        Map<String, Clip> chosen = new LinkedHashMap<>();
        for (String id : new TreeSet<>(layersByUnit.keySet())) {
            Clip c = byId.get(id);
            if (c == null || c.concept() == null) {
                continue;
            }
            Clip best = chosen.get(c.concept());
            if (best == null || Math.abs(c.eta()) > Math.abs(best.eta())) {
                chosen.put(c.concept(), c);
            }
        }
        if (chosen.isEmpty()) {
            return List.of();
        }
        org.apache.spark.sql.Column filter = null;
        for (Clip c : chosen.values()) {
            org.apache.spark.sql.Column one = col("unit_id").equalTo(c.unitId())
                    .and(col("layer").equalTo(layersByUnit.get(c.unitId()).last()));
            filter = filter == null ? one : filter.or(one);
        }
        List<TracePoint> points = new ArrayList<>();
        for (Row r : tr.filter(filter).select(TRACE_COLUMNS.stream().map(c -> col(c))
                .toArray(org.apache.spark.sql.Column[]::new)).collectAsList()) {
            points.add(new TracePoint(r.getAs("unit_id"), r.getAs("condition"), r.getAs("layer"), r.getAs("frame"),
                    num(r, "time_seconds"), r.getAs("class"), num(r, "probability")));
        }
        points.sort(Comparator.comparing(TracePoint::unitId).thenComparing(TracePoint::cls)
                .thenComparingInt(TracePoint::frame));
        return points;
    }

    private static String embeddingKind(Dataset<Row> met, String requested, Location dir) {
        Set<String> kinds = new TreeSet<>();
        for (Row r : met.select("embedding_kind").distinct().collectAsList()) {
            if (r.get(0) != null) {
                kinds.add(r.getString(0));
            }
        }
        if (requested != null) {
            if (!kinds.contains(requested)) {
                throw new IllegalArgumentException(dir + ": no rows with embedding_kind '" + requested + "' (has "
                        + kinds + ")");
            }
            return requested;
        }
        return kinds.contains("clap") ? "clap" : kinds.isEmpty() ? null : kinds.iterator().next();
    }

    /** The table, checked for the columns; null when optional and absent. */
    private static Dataset<Row> read(SparkSession spark, Location dir, List<String> columns, boolean required) {
        if (!isDirectory(dir)) {
            if (required) {
                throw new IllegalArgumentException(dir + ": table missing");
            }
            return null;
        }
        Dataset<Row> df = spark.read().parquet(dir.toString());
        List<String> have = Arrays.asList(df.columns());
        for (String c : columns) {
            if (!have.contains(c)) {
                throw new IllegalArgumentException(dir + ": column '" + c + "' missing (has " + have + ")");
            }
        }
        return df;
    }

    private static long count(SparkSession spark, Location dir) {
        return isDirectory(dir) ? spark.read().parquet(dir.toString()).count() : 0;
    }

    private static boolean isDirectory(Location dir) {
        try {
            return Storage.get().isDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double num(Row r, String c) {
        Object v = r.getAs(c);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    private static Double opt(Row r, String c) {
        Object v = r.getAs(c);
        return v == null ? null : ((Number) v).doubleValue();
    }
}
