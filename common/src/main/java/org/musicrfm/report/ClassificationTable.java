package org.musicrfm.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;

/**
 * The classification benchmark's table in the report (the paper's Table 1): one row per concept and
 * label, one column per method, each cell the test score at the layer best on validation (the layer
 * in brackets; the aggregator spans layers), linked to its {@code classification/} row.
 */
final class ClassificationTable {

    /** Method columns in the paper's order. */
    static final List<String> METHODS = List.of("aggregate", "rfm_mean", "rfm_last", "linear", "ffn");

    private ClassificationTable() {}

    /** The table's HTML, or an empty string when {@code classifyOut} is null. */
    static String html(SparkSession spark, Location classifyOut, Location reportOut) throws java.io.IOException {
        if (classifyOut == null) {
            return "";
        }
        Location table = classifyOut.resolve("classification");
        if (!Storage.get().isDirectory(table)) {
            throw new IllegalArgumentException("no classification/ table in " + classifyOut
                    + " (the classify job's output folder)");
        }
        Map<String, Map<String, Row>> byTarget = new LinkedHashMap<>();
        Map<String, String> metric = new LinkedHashMap<>();
        List<String> methods = new ArrayList<>();
        for (Row r : spark.read().parquet(table.toString()).where("row = 'best'").orderBy("concept", "label")
                .collectAsList()) {
            String target = r.<String>getAs("concept") + ":" + r.<String>getAs("label");
            byTarget.computeIfAbsent(target, k -> new LinkedHashMap<>()).put(r.getAs("method"), r);
            metric.put(target, r.getAs("metric"));
            if (!methods.contains(r.<String>getAs("method"))) {
                methods.add(r.getAs("method"));
            }
        }
        methods.sort((a, b) -> Integer.compare(METHODS.indexOf(a), METHODS.indexOf(b)));
        String href = Html.relative(reportOut, table);
        StringBuilder b = new StringBuilder("<table class=\"paper\"><caption>Test score at the layer best on validation "
                + "(layer in brackets), same split and search budget per method; accuracy for classes, R² (SynTheory "
                + "tempo) or normalized MSE ↓ (MusicBench tempo)</caption>\n<thead><tr><th>concept</th><th>label</th>"
                + "<th>metric</th>");
        methods.forEach(m -> b.append("<th>").append(Html.esc(m)).append("</th>"));
        b.append("</tr></thead>\n<tbody>\n");
        byTarget.forEach((target, rows) -> {
            String[] cl = target.split(":", 2);
            b.append("<tr><td>").append(Html.esc(cl[0])).append("</td><td>").append(Html.esc(cl[1])).append("</td><td>")
                    .append(Html.esc(metric.get(target))).append("</td>");
            for (String m : methods) {
                Row r = rows.get(m);
                b.append("<td>");
                if (r != null) {
                    String key = "concept=" + cl[0] + ";label=" + cl[1] + ";method=" + m + ";row=best";
                    b.append(Html.cell(r.getAs("test"), href, "classification/", key, "test"));
                    int layer = r.<Integer>getAs("layer");
                    b.append(layer < 0 ? " (all)" : " (" + layer + ")");
                } else {
                    b.append("–");
                }
                b.append("</td>");
            }
            b.append("</tr>\n");
        });
        return b.append("</tbody></table>\n").toString();
    }
}
