package org.musicrfm.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.audio.Audio;
import org.musicrfm.audio.SampleFormat;
import org.musicrfm.audio.WavFiles;
import org.musicrfm.jobs.cli.Main;
import org.musicrfm.jobs.report.ReportJob;
import org.musicrfm.report.ReportConfig;
import org.musicrfm.report.SweepReport;

/**
 * The report job on real Parquet tables (written with Spark local[2]) and real WAVs: its files, every
 * condition's numbers in the HTML, and the pages rendered in headless Chromium.
 */
class ReportJobTest {

    static final String[] TARGETS = {"C", "E"};
    static final double[] ETAS = {0.15, 0.45};
    static final int PROMPTS = 2;
    static final int LAYERS = 4;
    static final int FRAMES = 10;

    @TempDir
    static Path tmp;
    static Path sweep;
    static Path eval;
    static Path train;
    static Path out;
    static SweepReport.Result result;
    static List<String[]> conditions = new ArrayList<>(); // condition, target, eta
    static Path classify;

    @BeforeAll
    static void prepare() throws Exception {
        SparkSession spark = TestSpark.local();
        sweep = tmp.resolve("sweep");
        eval = tmp.resolve("eval");
        train = tmp.resolve("train");
        conditions.add(new String[] {"unsteered", null, "0.0"});
        for (String t : TARGETS) {
            for (double eta : ETAS) {
                conditions.add(new String[] {"notes:" + t + "|eta=" + eta + "|w=exp:0.95|s=constant|p=0.3|cfg=both", t,
                        Double.toString(eta)});
            }
        }
        List<Row> gen = new ArrayList<>();
        List<Row> clip = new ArrayList<>();
        List<Row> traces = new ArrayList<>();
        List<Row> metrics = new ArrayList<>();
        for (int c = 0; c < conditions.size(); c++) {
            String[] cond = conditions.get(c);
            boolean steered = cond[1] != null;
            double eta = Double.parseDouble(cond[2]);
            for (int p = 0; p < PROMPTS; p++) {
                String id = String.format("u%02d%d", c, p);
                String path = "audio/" + id + ".wav";
                WavFiles.write(sweep.resolve(path), tone(220.0 * (1 + c) * (1 + p * 0.25)), SampleFormat.PCM_16);
                gen.add(RowFactory.create(id, cond[0], steered ? "notes" : null, cond[1], eta,
                        steered ? "exp:0.95" : "none", steered ? "constant" : "none", steered ? 0.3 : 0.0, "both",
                        "[]", "prompt number " + p, p, 1000L + 7 * c + p, 1.0, path, "tiny", "f0", "p0", 0.5));
                clip.add(RowFactory.create(id, cond[0], steered ? "notes" : null, cond[1], eta, clapScore(c, p),
                        steered ? cond[1] : "C", 0.1 * (c + 1) + 0.01 * p, p == 0));
                if (steered) {
                    for (int layer : new int[] {1, LAYERS - 1}) {
                        for (int f = 0; f < FRAMES; f++) {
                            double pc = (f + 1.0) / (FRAMES + 1) * (layer == LAYERS - 1 ? 1 : 0.5);
                            traces.add(RowFactory.create(id, cond[0], layer, f, f * 0.02, "C", pc));
                            traces.add(RowFactory.create(id, cond[0], layer, f, f * 0.02, "E", 1 - pc));
                        }
                    }
                }
            }
            for (String kind : new String[] {"clap", "encodec"}) {
                double k = kind.equals("clap") ? 1 : 100;
                metrics.add(RowFactory.create(cond[0], steered ? "notes" : null, cond[1], eta, (long) PROMPTS,
                        fd(c) * k, mmd(c) * k, clapMean(c), clapMean(c) - 0.05, clapMean(c) + 0.04, probeAcc(c),
                        modelFree(c), kind, "syntheory"));
            }
        }
        write(spark, sweep.resolve("generations"), gen, "unit_id string, condition string, concept string, "
                + "target string, eta double, weighting string, schedule string, gate_p double, cfg_rows string, "
                + "directions_json string, prompt string, prompt_index int, seed long, seconds double, path string, "
                + "model_name string, model_fingerprint string, pack_fingerprints string, generation_seconds double");
        write(spark, sweep.resolve("errors"), List.of(RowFactory.create("x", "generate", "boom")),
                "unit_id string, stage string, message string");
        write(spark, eval.resolve("clip_metrics"), clip, "unit_id string, condition string, concept string, "
                + "target string, eta double, clap_score double, probe_prediction string, "
                + "probe_target_probability double, probe_correct boolean");
        write(spark, eval.resolve("metrics"), metrics, "condition string, concept string, target string, eta double, "
                + "n long, fd double, mmd double, clap_mean double, clap_ci_low double, clap_ci_high double, "
                + "probe_accuracy double, model_free_accuracy double, embedding_kind string, reference string");
        write(spark, eval.resolve("traces"), traces, "unit_id string, condition string, layer int, frame int, "
                + "time_seconds double, class string, probability double");
        List<Row> results = new ArrayList<>();
        for (String target : new String[] {"*", "C", "E"}) {
            for (int l = 0; l < LAYERS; l++) {
                results.add(RowFactory.create("notes", target, l, "accuracy", 0.5 + 0.1 * l, 0.45 + 0.1 * l, 0.3 + 0.05 * l));
            }
        }
        write(spark, train.resolve("results"), results, "concept string, target string, layer int, metric string, "
                + "val_score double, test_score double, linear_test_score double");
        classify = tmp.resolve("classify");
        List<Row> classification = new ArrayList<>();
        String[] methods = {"ffn", "aggregate", "rfm_mean", "linear"};
        for (int m = 0; m < methods.length; m++) {
            classification.add(RowFactory.create("notes", "root_note_pitch_class", methods[m], "best",
                    methods[m].equals("aggregate") ? -1 : m, "accuracy", 0.5 + 0.125 * m));
            classification.add(RowFactory.create("notes", "root_note_pitch_class", methods[m], "layer", 0, "accuracy",
                    0.01));
        }
        classification.add(RowFactory.create("tempos", "bpm", "linear", "best", 3, "r2", 0.875));
        write(spark, classify.resolve("classification"), classification, "concept string, label string, "
                + "method string, row string, layer int, metric string, test double");
        out = Path.of(System.getProperty("musicrfm.report.dir", tmp.resolve("report").toString()));
        result = ReportJob.run(spark, new ReportConfig(sweep, eval, List.of(train), out, 2, null, classify));
    }

    static double fd(int c) { return 10.0 + 3.25 * c; }
    static double mmd(int c) { return 0.011 * (c + 1); }
    static double clapMean(int c) { return 0.30 - 0.02 * c; }
    static double probeAcc(int c) { return c == 0 ? 0.125 : 0.5 + 0.1 * c; }
    static double modelFree(int c) { return 0.2 + 0.05 * c; }
    static double clapScore(int c, int p) { return 0.31 - 0.02 * c + 0.003 * p; }

    static Audio tone(double hz) {
        float[] s = new float[32_000 / 4];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / 32_000));
        }
        return new Audio(s, 32_000, 1);
    }

    static void write(SparkSession spark, Path dir, List<Row> rows, String ddl) {
        StructType schema = StructType.fromDDL(ddl);
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(dir.toString());
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** The table row of one condition. */
    static String row(String html, String condition) {
        int at = html.indexOf("data-condition=\"" + condition + "\"");
        assertThat(at).as("row of " + condition).isPositive();
        return html.substring(at, html.indexOf("</tr>", at));
    }

    @Test
    void theIndexShowsTheClassificationBenchmarkAtTheBestLayerPerMethod() throws Exception {
        String html = Files.readString(out.resolve("index.html"));
        int at = html.indexOf("<h2>Classification benchmark</h2>");
        assertThat(at).isPositive();
        String table = html.substring(at, html.indexOf("</table>", at));
        // methods in the paper's order, missing ones as a dash; the best row's test score and its layer
        assertThat(table).containsSubsequence("<th>aggregate</th>", "<th>rfm_mean</th>", "<th>linear</th>",
                "<th>ffn</th>");
        assertThat(table).containsSubsequence("<td>notes</td><td>root_note_pitch_class</td><td>accuracy</td>",
                ">0.625</a> (all)", ">0.750</a> (2)", ">0.875</a> (3)", ">0.500</a> (0)");
        assertThat(table).containsSubsequence("<td>tempos</td><td>bpm</td><td>r2</td><td>–</td><td>–</td>",
                ">0.875</a> (3)", "<td>–</td>");
        assertThat(table).doesNotContain("0.010");
        assertThat(table).contains("data-key=\"concept=notes;label=root_note_pitch_class;method=ffn;row=best\"");
    }

    @Test
    void writesPagesPlotsAndTheShownClipsAudio() throws Exception {
        assertThat(out.resolve("index.html")).isRegularFile();
        assertThat(out.resolve("concept-notes.html")).isRegularFile();
        assertThat(result.pages()).containsExactly(
                org.musicrfm.io.Location.of(out.toAbsolutePath().normalize().resolve("concept-notes.html")));
        // five sweep metrics, the traced clip of the one concept, the layer scores of the one train concept
        assertThat(result.plots()).isEqualTo(5 + 1 + 1);
        for (String p : List.of("sweep_probe_accuracy", "sweep_model_free_accuracy", "sweep_fd", "sweep_mmd",
                "sweep_clap_mean", "layer_scores_notes")) {
            BufferedImage img = ImageIO.read(out.resolve("plots").resolve(p + ".png").toFile());
            assertThat(img.getWidth()).as(p).isEqualTo(900);
        }
        assertThat(out.resolve("plots/trace_u020.png")).as("largest eta, first unit by id").isRegularFile();
        assertThat(result.clips()).isEqualTo(conditions.size() * PROMPTS);
        for (int c = 0; c < conditions.size(); c++) {
            for (int p = 0; p < PROMPTS; p++) {
                String id = String.format("u%02d%d", c, p);
                assertThat(Files.readAllBytes(out.resolve("audio/" + id + ".wav")))
                        .isEqualTo(Files.readAllBytes(sweep.resolve("audio/" + id + ".wav")));
            }
        }
        assertThat(Files.exists(out.resolveSibling(out.getFileName() + ".partial"))).isFalse();
    }

    @Test
    void everyConditionsNumbersAreInItsRowAndLinkToTheirTable() throws Exception {
        String page = Files.readString(out.resolve("concept-notes.html"));
        for (int c = 0; c < conditions.size(); c++) {
            String cond = conditions.get(c)[0];
            String row = row(page, cond);
            assertThat(row).as(cond).contains(">" + f(fd(c)) + "</a>", ">" + f(mmd(c)) + "</a>",
                    ">" + f(clapMean(c)) + "</a> [", ">" + f(clapMean(c) - 0.05) + "</a>, ",
                    ">" + f(clapMean(c) + 0.04) + "</a>]", ">" + f(probeAcc(c)) + "</a>", ">" + f(modelFree(c)) + "</a>",
                    ">" + f(Double.parseDouble(conditions.get(c)[2])) + "</a>");
            assertThat(row).as(cond + ": encodec rows are not shown").doesNotContain(f(fd(c) * 100));
            assertThat(row).contains("href=\"../eval/metrics/#condition%3D", "data-table=\"metrics/\"",
                    "data-key=\"condition=" + cond + ";embedding_kind=clap\"");
        }
        String index = Files.readString(out.resolve("index.html"));
        assertThat(row(index, "unsteered")).contains(">" + f(fd(0)) + "</a>", ">" + f(probeAcc(0)) + "</a>");
        assertThat(index).contains("1 in the sweep, 0 in the evaluation");
        // the clip cards: prompt, seed and the clip's CLAP score, linked to generations/ and clip_metrics/
        for (int c = 0; c < conditions.size(); c++) {
            String html = c == 0 ? index : page;
            for (int p = 0; p < PROMPTS; p++) {
                String id = String.format("u%02d%d", c, p);
                int at = html.indexOf("data-unit=\"" + id + "\"");
                assertThat(at).as(id).isPositive();
                String card = html.substring(at, html.indexOf("</div>", at));
                assertThat(card).contains("src=\"audio/" + id + ".wav\"", "prompt number " + p,
                        ">" + (1000L + 7 * c + p) + "</a>", ">" + f(clapScore(c, p)) + "</a>",
                        "href=\"../sweep/generations/#unit_id%3D" + id + "\"",
                        "href=\"../eval/clip_metrics/#unit_id%3D" + id + "\"");
            }
        }
        assertThat(page).doesNotContain("http://", "https://", "<link");
    }

    @Test
    void commandLineRefusesAMissingColumnNamingTableAndColumn() throws Exception {
        Path bad = tmp.resolve("bad-eval");
        SparkSession spark = TestSpark.local();
        write(spark, bad.resolve("metrics"), List.of(RowFactory.create("unsteered", 1.0)), "condition string, fd double");
        Path badOut = tmp.resolve("bad-report");
        java.io.StringWriter err = new java.io.StringWriter();
        var cl = Main.commandLine();
        cl.setErr(new java.io.PrintWriter(err));
        int code = cl.execute("report", "--sweep", sweep.toString(), "--eval", bad.toString(), "--out",
                badOut.toString(), "--master", "local[2]");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("metrics: column 'concept' missing");
        assertThat(badOut).doesNotExist();
    }

    @Test
    void rendersInHeadlessChromiumWithPlotsPlayersAndNoConsoleErrors() throws Exception {
        Path chromium = Chromium.find();
        Assumptions.assumeTrue(chromium != null, "chromium not installed (apt-get install chromium): render not checked");
        for (String page : List.of("index.html", "concept-notes.html")) {
            Chromium.Render r = Chromium.render(chromium, out.resolve(page), tmp.resolve("chrome-" + page));
            assertThat(r.consoleLines()).as(page + " console").isEmpty();
            Matcher body = Pattern.compile("<body data-images=\"(\\d+)/(\\d+)\" data-audio=\"([^\"]*)\"").matcher(r.dom());
            assertThat(body.find()).as(page + " self-check ran: " + r.dom().substring(0, Math.min(300, r.dom().length())))
                    .isTrue();
            int images = page.equals("index.html") ? 6 : 1;
            assertThat(body.group(1)).as(page + " images decoded").isEqualTo(Integer.toString(images));
            assertThat(body.group(2)).isEqualTo(Integer.toString(images));
            int players = page.equals("index.html") ? PROMPTS : (conditions.size() - 1) * PROMPTS;
            assertThat(body.group(3)).as(page + " players loaded").isEqualTo(players + "/" + players);
        }
        Path png = tmp.resolve("report.png");
        Chromium.screenshot(chromium, out.resolve("index.html"), tmp.resolve("chrome-shot"), png, 1200, 1800);
        BufferedImage shot = ImageIO.read(png.toFile());
        assertThat(shot.getWidth()).isEqualTo(1200);
        String keep = System.getProperty("musicrfm.report.screenshot");
        if (keep != null) {
            Files.copy(png, Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Chromium.screenshot(chromium, out.resolve("concept-notes.html"), tmp.resolve("chrome-shot2"),
                    Path.of(keep.replace(".png", "-concept.png")), 1200, 1800);
        }
    }
}
