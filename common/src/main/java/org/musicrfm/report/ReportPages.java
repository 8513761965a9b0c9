package org.musicrfm.report;

import static org.musicrfm.report.Html.cell;
import static org.musicrfm.report.Html.esc;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.musicrfm.report.ReportCharts.Chart;
import org.musicrfm.report.ReportData.Clip;
import org.musicrfm.report.ReportData.Metric;

/** The report's HTML pages: self-contained (inline CSS, no scripts or fonts from the network). */
final class ReportPages {

    /** Where the tables are, as links relative to the report folder. */
    record Links(String generations, String metrics, String clipMetrics, String traces) {}

    static final String STYLE = """
            body{font-family:Georgia,'Times New Roman',serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
            h1,h2,h3{font-weight:normal}
            table.paper{border-collapse:collapse;margin:1em 0;font-size:0.95em}
            table.paper caption{caption-side:top;text-align:left;font-style:italic;padding-bottom:0.4em}
            table.paper th,table.paper td{padding:0.25em 0.8em;text-align:right}
            table.paper th:first-child,table.paper td:first-child{text-align:left}
            table.paper thead tr{border-top:2px solid #222;border-bottom:1px solid #222}
            table.paper tbody tr:last-child{border-bottom:2px solid #222}
            tr.unsteered{background:#f4f4f4}
            a.src{color:inherit;text-decoration:none;border-bottom:1px dotted #888}
            figure{margin:1em 0}figure img{max-width:100%;border:1px solid #ddd}
            figcaption{font-size:0.9em;color:#555}
            .figs{display:grid;grid-template-columns:1fr 1fr;gap:0 1em}
            .clips{display:flex;flex-wrap:wrap;gap:1em}
            .clip{border:1px solid #ddd;padding:0.6em;width:320px;font-size:0.85em}
            .clip audio{width:100%}
            .clip dl{display:grid;grid-template-columns:auto 1fr;gap:0.1em 0.6em;margin:0.4em 0}
            .clip dt{color:#666}.clip dd{margin:0;word-break:break-all}
            nav a{margin-right:1em}
            .broken{outline:3px solid #d62728}
            """;

    /** Marks images that failed to decode and players that failed to load, and notes the counts on the body. */
    static final String SELF_CHECK = """
            window.addEventListener('load',function(){var imgs=document.images,ok=0;
            for(var i=0;i<imgs.length;i++){if(imgs[i].complete&&imgs[i].naturalWidth>0){ok++;}else{imgs[i].classList.add('broken');}}
            document.body.setAttribute('data-images',ok+'/'+imgs.length);
            var players=document.querySelectorAll('audio'),ready=0,failed=0,pending=players.length;
            function done(){document.body.setAttribute('data-audio',ready+'/'+players.length+(failed?' failed '+failed:''));}
            done();
            players.forEach(function(a){
            function ok1(){ready++;pending--;done();}function bad(){failed++;pending--;a.classList.add('broken');done();}
            if(a.readyState>=1){ok1();}else{a.addEventListener('loadedmetadata',ok1,{once:true});a.addEventListener('error',bad,{once:true});}});});
            """;

    private ReportPages() {}

    static String page(String title, String nav, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + "</title><style>" + STYLE + "</style></head>\n<body>\n<nav>" + nav + "</nav>\n<h1>" + esc(title)
                + "</h1>\n" + body + "\n<script>" + SELF_CHECK + "</script>\n</body></html>\n";
    }

    static String figure(Chart c) {
        return "<figure><img src=\"plots/" + esc(c.file()) + "\" alt=\"" + esc(c.caption()) + "\"><figcaption>"
                + esc(c.caption()) + "</figcaption></figure>\n";
    }

    /** A paper-style table: one row per condition (unsteered first), each number linked to its metrics/ row. */
    static String metricsTable(String caption, List<Metric> rows, Links links) {
        StringBuilder b = new StringBuilder("<table class=\"paper\"><caption>").append(esc(caption))
                .append("</caption>\n<thead><tr><th>condition</th><th>target</th><th>η₀</th><th>n</th><th>FD ↓</th>"
                        + "<th>MMD ↓</th><th>CLAP (95% CI)</th><th>probe acc.</th><th>model-free acc.</th></tr></thead>\n<tbody>\n");
        rows.stream().sorted(Comparator.comparing((Metric m) -> !m.unsteered()).thenComparingDouble(Metric::eta)
                .thenComparing(m -> m.target() == null ? "" : m.target())).forEach(m -> {
                    String key = "condition=" + m.condition() + ";embedding_kind=" + m.embeddingKind();
                    b.append("<tr").append(m.unsteered() ? " class=\"unsteered\"" : "").append(" data-condition=\"")
                            .append(esc(m.condition())).append("\"><td>").append(esc(m.condition())).append("</td><td>")
                            .append(esc(m.target() == null ? "–" : m.target())).append("</td><td>")
                            .append(cell(m.eta(), links.metrics(), "metrics/", key, "eta")).append("</td><td>")
                            .append(m.n()).append("</td><td>")
                            .append(cell(m.fd(), links.metrics(), "metrics/", key, "fd")).append("</td><td>")
                            .append(cell(m.mmd(), links.metrics(), "metrics/", key, "mmd")).append("</td><td>")
                            .append(cell(m.clapMean(), links.metrics(), "metrics/", key, "clap_mean")).append(" [")
                            .append(cell(m.clapCiLow(), links.metrics(), "metrics/", key, "clap_ci_low")).append(", ")
                            .append(cell(m.clapCiHigh(), links.metrics(), "metrics/", key, "clap_ci_high")).append("]</td><td>")
                            .append(cell(m.probeAccuracy(), links.metrics(), "metrics/", key, "probe_accuracy"))
                            .append("</td><td>")
                            .append(cell(m.modelFreeAccuracy(), links.metrics(), "metrics/", key, "model_free_accuracy"))
                            .append("</td></tr>\n");
                });
        return b.append("</tbody></table>\n").toString();
    }

    /** A condition's players, each with the prompt, the knobs, the seed and its clip metrics beside it. */
    static String players(String condition, List<Clip> clips, Map<String, String> audioHref, Links links) {
        StringBuilder b = new StringBuilder("<h3 id=\"").append(esc(anchor(condition))).append("\">")
                .append(esc(condition)).append("</h3>\n<div class=\"clips\">\n");
        for (Clip c : clips) {
            String key = "unit_id=" + c.unitId();
            b.append("<div class=\"clip\" data-unit=\"").append(esc(c.unitId())).append("\"><audio controls preload=\"metadata\" src=\"")
                    .append(esc(audioHref.get(c.unitId()))).append("\"></audio><dl>")
                    .append(dd("prompt", esc(c.prompt())))
                    .append(dd("seed", "<a class=\"src\" href=\"" + esc(links.generations()) + "/#" + esc(key)
                            + "\" data-table=\"generations/\" data-key=\"" + esc(key) + "\">" + c.seed() + "</a>"))
                    .append(dd("target", esc(c.target() == null ? "–" : c.target())))
                    .append(dd("η₀", cell(c.eta(), links.generations(), "generations/", key, "eta")))
                    .append(dd("weighting", esc(c.weighting())))
                    .append(dd("schedule", esc(c.schedule())))
                    .append(dd("gate p", cell(c.gateP(), links.generations(), "generations/", key, "gate_p")))
                    .append(dd("CFG rows", esc(c.cfgRows())));
            if (links.clipMetrics() != null && (c.clapScore() != null || c.probePrediction() != null)) {
                b.append(dd("CLAP", cell(c.clapScore(), links.clipMetrics(), "clip_metrics/", key, "clap_score")))
                        .append(dd("probe says", esc(c.probePrediction()) + " ("
                                + cell(c.probeTargetProbability(), links.clipMetrics(), "clip_metrics/", key,
                                "probe_target_probability") + ")"));
            }
            b.append(dd("unit", "<code>" + esc(c.unitId()) + "</code>")).append("</dl></div>\n");
        }
        return b.append("</div>\n").toString();
    }

    static String anchor(String condition) {
        return "c-" + condition.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static String conceptPage(String concept) {
        return "concept-" + concept.replaceAll("[^A-Za-z0-9._-]", "_") + ".html";
    }

    private static String dd(String term, String html) {
        return "<dt>" + esc(term) + "</dt><dd>" + html + "</dd>";
    }
}
