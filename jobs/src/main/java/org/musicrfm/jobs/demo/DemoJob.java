package org.musicrfm.jobs.demo;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.musicrfm.audio.SampleFormat;
import org.musicrfm.dataset.Concept;
import org.musicrfm.eval.ProbeWriter;
import org.musicrfm.io.AtomicFiles;
import org.musicrfm.jobs.demo.DemoResult.Stage;
import org.musicrfm.jobs.evaluate.EvaluateJob;
import org.musicrfm.jobs.evaluate.EvaluateJobConfig;
import org.musicrfm.jobs.evaluate.EvaluateJobResult;
import org.musicrfm.jobs.extract.ExtractJob;
import org.musicrfm.jobs.extract.ExtractJobConfig;
import org.musicrfm.jobs.extract.ExtractJobResult;
import org.musicrfm.jobs.report.ReportJob;
import org.musicrfm.jobs.sweep.SweepJob;
import org.musicrfm.jobs.sweep.SweepJobConfig;
import org.musicrfm.jobs.sweep.SweepJobResult;
import org.musicrfm.jobs.syntheory.SynTheoryJob;
import org.musicrfm.jobs.syntheory.SynTheoryJobConfig;
import org.musicrfm.jobs.syntheory.SynTheoryJobResult;
import org.musicrfm.jobs.train.TrainJob;
import org.musicrfm.jobs.train.TrainJobConfig;
import org.musicrfm.jobs.train.TrainJobResult;
import org.musicrfm.model.clap.ClapRandomCheckpoint;
import org.musicrfm.model.io.Dtype;
import org.musicrfm.model.io.RandomCheckpoint;
import org.musicrfm.report.ReportConfig;
import org.musicrfm.report.SweepReport;

/**
 * The whole loop on a small default, every stage the job users submit, each in its own subfolder:
 * a SynTheory notes subset ({@code syntheory/}), a MusicGen ({@code model/}: tiny and random unless
 * given), activations, RFM probes and the notes steering pack ({@code probes/}), a sweep of targets ×
 * η0 plus the unsteered condition over the prompts ({@code sweep/}), its evaluation with a CLAP
 * ({@code clap/}: tiny and random unless given) into {@code evaluation/}, and the report
 * ({@code report/index.html}). Each stage skips work its output already holds, so a second run does nothing.
 */
public final class DemoJob {

    private DemoJob() {}

    public static DemoResult run(SparkSession session, DemoConfig config) throws IOException {
        Path root = Path.of(config.output()).toAbsolutePath();
        Files.createDirectories(root);
        List<Stage> stages = new ArrayList<>();

        Path syntheory = root.resolve("syntheory");
        SynTheoryJobResult syn = SynTheoryJob.run(session, new SynTheoryJobConfig(List.of(Concept.NOTES),
                config.clips(), null, syntheory.toString(), 32_000, 1, SampleFormat.PCM_16, config.soundfont(), 0L, 8));
        stages.add(new Stage("dataset", syn.skipped(), syn.totalClips() + " SynTheory notes clips", syntheory.toString()));

        Path model = config.model() != null ? Path.of(config.model()).toAbsolutePath() : root.resolve("model");
        boolean writeModel = config.model() == null && !Files.isRegularFile(model.resolve("config.json"));
        if (writeModel) {
            RandomCheckpoint.write(RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY), model, 0L, Dtype.F32);
        }
        stages.add(new Stage("model", !writeModel, config.model() == null
                ? "MusicGen, tiny, random weights: exercises the pipeline, makes no music" : "MusicGen", model.toString()));

        ExtractJobResult ex = ExtractJob.run(session, ExtractJobConfig.defaults(syntheory.resolve("metadata").toString(),
                model.toString(), root.resolve("activations").toString()));
        stages.add(new Stage("activations", ex.skipped(), ex.clips() + " clips × every layer, mean-pooled", ex.output()));

        Path probes = root.resolve("probes");
        TrainJobResult tr = TrainJob.run(session, new TrainJobConfig(ex.output(), Concept.NOTES.id(),
                Concept.NOTES.probedLabel(), false, "mean", config.trials(), 5, 2, 0L, 0L, probes.toString(), false, false));
        Path pack = probes.resolve(TrainJob.packFileName(Concept.NOTES.id()));
        stages.add(new Stage("probes", tr.skipped(), String.format(Locale.ROOT,
                "%d layers × %d targets × %d trials; best layer %d (%s val %.3f); pack %s", tr.layers(),
                tr.targets().size(), tr.trials(), tr.bestLayer(), tr.metric(), tr.bestValScore(), pack.getFileName()),
                tr.output()));

        Path sweep = root.resolve("sweep");
        Path spec = root.resolve("sweep-spec.json");
        writeIfChanged(spec, sweepSpec(config, model, pack));
        SweepJobResult sw = SweepJob.run(session, SweepJobConfig.of(spec.toString(), sweep.toString()));
        if (sw.errors() > 0) {
            throw new IllegalStateException("sweep: " + sw.errors() + " of " + sw.units() + " clips failed (see "
                    + sweep.resolve("errors") + ")");
        }
        stages.add(new Stage("sweep", sw.generated() == 0 && sw.removed() == 0, String.format(Locale.ROOT,
                "%d clips (%d conditions × %d prompts), %d generated by this run", sw.units(),
                config.targets().size() * config.etas().size() + 1, config.prompts().size(), sw.generated()),
                sweep.toString()));

        Path clap = config.clap() != null ? Path.of(config.clap()).toAbsolutePath() : root.resolve("clap");
        boolean writeClap = config.clap() == null && !Files.isRegularFile(clap.resolve("config.json"));
        if (writeClap) {
            ClapRandomCheckpoint.Preset tiny = ClapRandomCheckpoint.Preset.TINY;
            ClapRandomCheckpoint.write(ClapRandomCheckpoint.presetConfig(tiny), ClapRandomCheckpoint.presetPreprocessor(tiny),
                    clap, 0L, Dtype.F32);
        }
        stages.add(new Stage("clap", !writeClap, config.clap() == null ? "CLAP, tiny, random weights" : "CLAP",
                clap.toString()));

        Path evaluation = root.resolve("evaluation");
        EvaluateJobResult ev = EvaluateJob.run(session, EvaluateJobConfig.defaults(sweep.resolve("generations").toString(),
                probes.resolve(ProbeWriter.FOLDER).toString(), model.toString(), clap.toString(), evaluation.toString()));
        stages.add(new Stage("evaluation", ev.skipped(), String.format(Locale.ROOT,
                "%d clips, %d conditions: FD/MMD against unsteered, CLAP score, probe accuracy and traces", ev.clips(),
                ev.conditions()), evaluation.toString()));

        ReportConfig rc = new ReportConfig(sweep, evaluation, List.of(probes), root.resolve("report"), 2, null);
        Path index = root.resolve("report").resolve("index.html");
        if (ReportJob.upToDate(rc)) {
            stages.add(new Stage("report", true, "static HTML: tables, plots, audio players", index.toString()));
        } else {
            SweepReport.Result r = ReportJob.run(session, rc);
            stages.add(new Stage("report", false, String.format(Locale.ROOT,
                    "static HTML: %d pages, %d plots, %d audio players", r.pages().size() + 1, r.plots(), r.clips()),
                    r.index().toString()));
        }
        return new DemoResult(stages, index.toString());
    }

    /** The sweep spec: the notes pack's targets × η0 (Table 2's p, weighting and κ) plus unsteered, one seed per prompt. */
    static String sweepSpec(DemoConfig config, Path model, Path pack) {
        JsonObject o = new JsonObject();
        o.addProperty("name", "demo");
        o.addProperty("model", model.toString());
        o.addProperty("model_name", model.getFileName().toString());
        JsonObject packs = new JsonObject();
        packs.addProperty(Concept.NOTES.id(), pack.toString());
        o.add("packs", packs);
        JsonArray prompts = new JsonArray();
        config.prompts().forEach(prompts::add);
        o.add("prompts", prompts);
        o.addProperty("seeds_per_prompt", 1);
        o.addProperty("base_seed", 0);
        o.addProperty("seconds", config.seconds());
        o.addProperty("unsteered", true);
        JsonObject grid = new JsonObject();
        JsonObject targets = new JsonObject();
        JsonArray ts = new JsonArray();
        config.targets().forEach(ts::add);
        targets.add(Concept.NOTES.id(), ts);
        grid.add("targets", targets);
        JsonArray etas = new JsonArray();
        config.etas().forEach(etas::add);
        grid.add("eta", etas);
        grid.addProperty("weighting", "exp:0.95,1");
        grid.addProperty("schedule", "constant");
        grid.addProperty("gate_p", 0.3);
        grid.addProperty("cfg_rows", "both");
        JsonArray grids = new JsonArray();
        grids.add(grid);
        o.add("grids", grids);
        o.addProperty("clips", (config.targets().size() * config.etas().size() + 1L) * config.prompts().size());
        return new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n";
    }

    private static void writeIfChanged(Path file, String text) throws IOException {
        if (!Files.isRegularFile(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
            AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The stage lines a terminal shows: name, done or found complete, summary, output. */
    public static List<String> summary(DemoResult r) {
        List<String> lines = new ArrayList<>();
        for (Stage s : r.stages()) {
            lines.add(String.format(Locale.ROOT, "%-11s %-8s %s   %s", s.name(), s.skipped() ? "(found)" : "(ran)",
                    s.summary(), s.path()));
        }
        return lines;
    }
}
