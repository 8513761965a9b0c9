package org.musicrfm.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.musicrfm.report.ReportData.LayerScore;
import org.musicrfm.report.ReportData.Metric;
import org.musicrfm.report.ReportData.TracePoint;
import org.musicrfm.rfm.probe.ProbeKind;

/** The report's charts as PNG files: metric vs η₀ per concept, probe traces over time, layer scores. */
final class ReportCharts {

    /** A written chart: its file name inside the plots folder and a caption. */
    record Chart(String file, String caption) {}

    /** A metric the η₀ charts plot. */
    record MetricAxis(String name, String label, Function<Metric, Double> value) {}

    static final List<MetricAxis> SWEEP_METRICS = List.of(
            new MetricAxis("probe_accuracy", "probe accuracy", Metric::probeAccuracy),
            new MetricAxis("model_free_accuracy", "model-free accuracy", Metric::modelFreeAccuracy),
            new MetricAxis("fd", "FD", Metric::fd),
            new MetricAxis("mmd", "MMD", Metric::mmd),
            new MetricAxis("clap_mean", "CLAP score", Metric::clapMean));

    private ReportCharts() {}

    /**
     * One chart per metric: its mean over a concept's targets at each η₀, one line per concept; the
     * unsteered value sits at η₀ = 0 on every line.
     */
    static List<Chart> sweep(Path plots, List<Metric> metrics, List<String> concepts) throws IOException {
        TreeSet<Double> etas = new TreeSet<>();
        Metric unsteered = null;
        for (Metric m : metrics) {
            if (m.unsteered()) {
                unsteered = m;
            } else if (m.concept() != null) {
                etas.add(m.eta());
            }
        }
        if (etas.isEmpty()) {
            return List.of();
        }
        if (unsteered != null) {
            etas.add(0.0);
        }
        double[] x = etas.stream().mapToDouble(Double::doubleValue).toArray();
        List<Chart> charts = new ArrayList<>();
        for (MetricAxis axis : SWEEP_METRICS) {
            LinePlot plot = new LinePlot(axis.label() + " vs η₀", "η₀", axis.label(), x);
            boolean any = false;
            for (String concept : concepts) {
                double[] y = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    y[i] = mean(metrics, concept, x[i], axis.value());
                    if (x[i] == 0.0 && Double.isNaN(y[i]) && unsteered != null && axis.value().apply(unsteered) != null) {
                        y[i] = axis.value().apply(unsteered);
                    }
                    any |= !Double.isNaN(y[i]);
                }
                plot.add(concept, y);
            }
            if (any) {
                String file = "sweep_" + axis.name() + ".png";
                plot.write(plots.resolve(file));
                charts.add(new Chart(file, axis.label() + " against η₀, mean over each concept's targets"
                        + (unsteered != null ? "; η₀ = 0 is the unsteered condition" : "")));
            }
        }
        return charts;
    }

    /** Class probabilities against time for each traced clip (one chart per clip). */
    static Map<String, Chart> traces(Path plots, List<TracePoint> points) throws IOException {
        Map<String, List<TracePoint>> byUnit = new LinkedHashMap<>();
        points.forEach(p -> byUnit.computeIfAbsent(p.unitId(), k -> new ArrayList<>()).add(p));
        Map<String, Chart> charts = new LinkedHashMap<>();
        for (var e : byUnit.entrySet()) {
            TreeMap<Integer, Double> times = new TreeMap<>();
            Map<String, Map<Integer, Double>> byClass = new TreeMap<>();
            for (TracePoint p : e.getValue()) {
                times.put(p.frame(), p.timeSeconds());
                byClass.computeIfAbsent(p.cls(), k -> new TreeMap<>()).put(p.frame(), p.probability());
            }
            double[] x = times.values().stream().mapToDouble(Double::doubleValue).toArray();
            TracePoint first = e.getValue().get(0);
            LinePlot plot = new LinePlot(first.condition() + " · layer " + first.layer(), "time (s)",
                    "class probability", x);
            for (var c : byClass.entrySet()) {
                double[] y = times.keySet().stream().mapToDouble(f -> c.getValue().getOrDefault(f, Double.NaN)).toArray();
                plot.add(c.getKey(), y);
            }
            String file = "trace_" + e.getKey() + ".png";
            plot.write(plots.resolve(file));
            charts.put(e.getKey(), new Chart(file, "probe class probabilities over time, clip " + e.getKey()
                    + ", layer " + first.layer()));
        }
        return charts;
    }

    /**
     * Per train-job concept: the headline target's validation and test score and the linear baseline's
     * test score by layer (the multiclass probe, or the only target of a regression).
     */
    static List<Chart> layerScores(Path plots, List<LayerScore> scores) throws IOException {
        Map<String, List<LayerScore>> byConcept = new TreeMap<>();
        scores.forEach(s -> byConcept.computeIfAbsent(s.concept(), k -> new ArrayList<>()).add(s));
        List<Chart> charts = new ArrayList<>();
        for (var e : byConcept.entrySet()) {
            TreeSet<String> targets = new TreeSet<>();
            e.getValue().forEach(s -> targets.add(s.target()));
            String headline = targets.contains(ProbeKind.MULTICLASS_TARGET) ? ProbeKind.MULTICLASS_TARGET
                    : targets.first();
            TreeMap<Integer, LayerScore> byLayer = new TreeMap<>();
            e.getValue().stream().filter(s -> s.target().equals(headline)).forEach(s -> byLayer.put(s.layer(), s));
            double[] x = byLayer.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            String metric = byLayer.firstEntry().getValue().metric();
            LinePlot plot = new LinePlot(e.getKey() + ": probe " + metric + " by layer", "layer", metric, x)
                    .add("RFM val", byLayer.values().stream().mapToDouble(LayerScore::val).toArray())
                    .add("RFM test", byLayer.values().stream().mapToDouble(LayerScore::test).toArray())
                    .add("linear test", byLayer.values().stream()
                            .mapToDouble(s -> s.linearTest() == null ? Double.NaN : s.linearTest()).toArray());
            String file = "layer_scores_" + e.getKey() + ".png";
            plot.write(plots.resolve(file));
            charts.add(new Chart(file, e.getKey() + ": best probe's " + metric + " by layer ("
                    + (headline.equals(ProbeKind.MULTICLASS_TARGET) ? "multiclass" : headline) + ")"));
        }
        return charts;
    }

    private static double mean(List<Metric> metrics, String concept, double eta, Function<Metric, Double> value) {
        double sum = 0;
        int n = 0;
        for (Metric m : metrics) {
            if (concept.equals(m.concept()) && m.eta() == eta && !m.unsteered() && value.apply(m) != null
                    && !value.apply(m).isNaN()) {
                sum += value.apply(m);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
