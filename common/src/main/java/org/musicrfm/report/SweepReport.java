package org.musicrfm.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;
import org.musicrfm.report.ReportCharts.Chart;
import org.musicrfm.report.ReportData.Clip;
import org.musicrfm.report.ReportData.Metric;
import org.musicrfm.report.ReportPages.Links;

/**
 * The sweep report: a static HTML folder ({@code index.html}, one page per concept, {@code plots/},
 * {@code audio/}) built from the sweep's and the evaluation's tables. The folder is built beside the
 * target and moved into place, so a failed run leaves no partial report.
 */
public final class SweepReport {

    /** What was written. */
    public record Result(Location index, List<Location> pages, int clips, int plots) {}

    private SweepReport() {}

    public static Result write(SparkSession spark, ReportConfig config) throws IOException {
        Storage storage = Storage.get();
        Location outLocation = config.outLocation();
        Location sweep = config.sweepLocation();
        Location evalLocation = config.evalLocation();
        Location classify = config.classificationLocation();
        ReportData data = ReportTables.load(spark, config);
        Map<String, List<Clip>> shown = shownClips(data.clips(), config.clipsPerCondition());
        for (List<Clip> clips : shown.values()) {
            for (Clip c : clips) {
                if (!storage.isFile(wav(sweep, c))) {
                    throw new IllegalArgumentException("generations/ unit_id " + c.unitId() + ": WAV " + wav(sweep, c)
                            + " missing");
                }
            }
        }
        // Pages are written to a local folder: beside the report when it is local, else a temporary one copied up.
        boolean local = outLocation.isLocal();
        Path out = local ? outLocation.localPath().normalize() : null;
        Path tmp = local ? out.resolveSibling(out.getFileName() + ".partial")
                : Files.createTempDirectory("musicrfm-report");
        deleteTree(tmp);
        Files.createDirectories(tmp.resolve("plots"));
        Files.createDirectories(tmp.resolve("audio"));

        Map<String, String> audioHref = new LinkedHashMap<>();
        for (List<Clip> clips : shown.values()) {
            for (Clip c : clips) {
                String name = c.unitId() + ".wav";
                try (InputStream in = storage.open(wav(sweep, c))) {
                    Files.copy(in, tmp.resolve("audio").resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
                audioHref.put(c.unitId(), "audio/" + name);
            }
        }
        // Links are made relative to the final folder, where the pages will live.
        Location eval = evalLocation;
        Location clipMetrics = eval.resolve("clip_metrics");
        Links links = new Links(Html.relative(outLocation, sweep.resolve("generations")),
                Html.relative(outLocation, eval.resolve("metrics")),
                storage.isDirectory(clipMetrics) ? Html.relative(outLocation, clipMetrics) : null,
                Html.relative(outLocation, eval.resolve("traces")));

        List<String> concepts = concepts(data);
        Path plots = tmp.resolve("plots");
        List<Chart> sweepCharts = ReportCharts.sweep(plots, data.metrics(), concepts);
        Map<String, Chart> traceCharts = ReportCharts.traces(plots, data.traces());
        List<Chart> layerCharts = ReportCharts.layerScores(plots, data.layerScores());

        List<Location> pages = new ArrayList<>();
        String nav = nav(concepts);
        for (String concept : concepts) {
            String page = ReportPages.conceptPage(concept);
            Files.writeString(tmp.resolve(page), conceptPage(concept, data, shown, audioHref, links, traceCharts, nav),
                    StandardCharsets.UTF_8);
            pages.add(outLocation.resolve(page));
        }
        String classification = ClassificationTable.html(spark, classify, outLocation);
        Files.writeString(tmp.resolve("index.html"), indexPage(config, data, concepts, shown, audioHref, links,
                sweepCharts, layerCharts, nav, classification), StandardCharsets.UTF_8);

        if (local) {
            deleteTree(out);
            Files.createDirectories(out.getParent());
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
        } else {
            try {
                upload(storage, tmp, outLocation);
            } finally {
                deleteTree(tmp);
            }
        }
        int clips = shown.values().stream().mapToInt(List::size).sum();
        return new Result(outLocation.resolve("index.html"), pages, clips,
                sweepCharts.size() + traceCharts.size() + layerCharts.size());
    }

    /** Copies the local folder {@code pages} to a staged sibling of {@code out}, which then replaces {@code out}. */
    private static void upload(Storage storage, Path pages, Location out) throws IOException {
        Location staged = out.resolveSibling("." + out.name() + ".partial-" + java.util.UUID.randomUUID());
        try {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(pages)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            storage.mkdirs(staged);
            for (Path f : files) {
                Location target = staged.resolve(pages.relativize(f).toString().replace('\\', '/'));
                storage.mkdirs(target.parent());
                try (OutputStream o = storage.create(target)) {
                    Files.copy(f, o);
                }
            }
            storage.replaceFolder(staged, out);
        } finally {
            storage.delete(staged);
        }
    }

    private static String indexPage(ReportConfig config, ReportData data, List<String> concepts,
                                    Map<String, List<Clip>> shown, Map<String, String> audioHref, Links links,
                                    List<Chart> sweepCharts, List<Chart> layerCharts, String nav,
                                    String classification) {
        StringBuilder b = new StringBuilder();
        b.append("<p>").append(data.clips().size()).append(" clips in ").append(shown.size())
                .append(" conditions from <code>").append(Html.esc(config.sweep())).append("</code>, evaluated in <code>")
                .append(Html.esc(config.eval())).append("</code>; FD and MMD on <code>")
                .append(Html.esc(data.embeddingKind())).append("</code> embeddings. Errors: ")
                .append(data.sweepErrors()).append(" in the sweep, ").append(data.evalErrors())
                .append(" in the evaluation. Every number links to the table it came from (the row's key is in the link).</p>\n");
        b.append("<h2>Unsteered baseline</h2>\n").append(ReportPages.metricsTable("The unsteered condition; "
                + "per-condition rows are on the concept pages.", data.metrics().stream()
                .filter(Metric::unsteered).toList(), links));
        b.append("<ul>");
        for (String c : concepts) {
            b.append("<li><a href=\"").append(ReportPages.conceptPage(c)).append("\">").append(Html.esc(c))
                    .append("</a></li>");
        }
        b.append("</ul>\n");
        if (!sweepCharts.isEmpty()) {
            b.append("<h2>Metrics against η₀</h2>\n<div class=\"figs\">\n");
            sweepCharts.forEach(c -> b.append(ReportPages.figure(c)));
            b.append("</div>\n");
        }
        if (!layerCharts.isEmpty()) {
            b.append("<h2>Probe scores by layer</h2>\n");
            layerCharts.forEach(c -> b.append(ReportPages.figure(c)));
        }
        if (!classification.isEmpty()) {
            b.append("<h2>Classification benchmark</h2>\n").append(classification);
        }
        List<Clip> unsteered = shown.get(ReportData.UNSTEERED);
        if (unsteered != null) {
            b.append("<h2>Unsteered</h2>\n").append(ReportPages.players(ReportData.UNSTEERED, unsteered, audioHref, links));
        }
        return ReportPages.page("MusicRFM steering report", nav, b.toString());
    }

    private static String conceptPage(String concept, ReportData data, Map<String, List<Clip>> shown,
                                      Map<String, String> audioHref, Links links, Map<String, Chart> traceCharts,
                                      String nav) {
        StringBuilder b = new StringBuilder();
        List<Metric> rows = data.metrics().stream().filter(m -> m.unsteered() || concept.equals(m.concept())).toList();
        b.append(ReportPages.metricsTable(concept + ": FD and MMD (" + data.embeddingKind()
                + " embeddings), CLAP score with 95% CI, probe and model-free accuracy per condition", rows, links));
        for (var e : traceCharts.entrySet()) {
            Clip c = data.clips().stream().filter(x -> x.unitId().equals(e.getKey())).findFirst().orElse(null);
            if (c != null && concept.equals(c.concept())) {
                b.append("<h2>Probe trace</h2>\n").append(ReportPages.figure(e.getValue()));
            }
        }
        b.append("<h2>Listen</h2>\n");
        for (var e : shown.entrySet()) {
            List<Clip> clips = e.getValue();
            if (!clips.isEmpty() && concept.equals(clips.get(0).concept())) {
                b.append(ReportPages.players(e.getKey(), clips, audioHref, links));
            }
        }
        return ReportPages.page("Steering " + concept, nav, b.toString());
    }

    private static String nav(List<String> concepts) {
        StringBuilder b = new StringBuilder("<a href=\"index.html\">index</a>");
        concepts.forEach(c -> b.append("<a href=\"").append(ReportPages.conceptPage(c)).append("\">")
                .append(Html.esc(c)).append("</a>"));
        return b.toString();
    }

    /** The first clips of each condition by prompt index, seed and unit id; conditions ordered by concept then η₀. */
    static Map<String, List<Clip>> shownClips(List<Clip> clips, int perCondition) {
        Map<String, List<Clip>> by = new LinkedHashMap<>();
        clips.stream().sorted(Comparator.comparing((Clip c) -> c.concept() == null ? "" : c.concept())
                        .thenComparingDouble(Clip::eta).thenComparing(Clip::condition)
                        .thenComparingInt(Clip::promptIndex).thenComparingLong(Clip::seed).thenComparing(Clip::unitId))
                .forEach(c -> {
                    List<Clip> l = by.computeIfAbsent(c.condition(), k -> new ArrayList<>());
                    if (l.size() < perCondition) {
                        l.add(c);
                    }
                });
        return by;
    }

    private static List<String> concepts(ReportData data) {
        TreeSet<String> s = new TreeSet<>();
        data.clips().stream().map(Clip::concept).filter(c -> c != null).forEach(s::add);
        data.metrics().stream().map(Metric::concept).filter(c -> c != null).forEach(s::add);
        return List.copyOf(s);
    }

    private static Location wav(Location sweep, Clip c) {
        String p = c.path();
        return p.startsWith("/") || org.musicrfm.io.Locations.scheme(p) != null ? Location.parse(p, "path")
                : sweep.resolve(p);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
