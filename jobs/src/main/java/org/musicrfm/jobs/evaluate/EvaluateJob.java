package org.musicrfm.jobs.evaluate;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.musicrfm.activations.SourceModel;
import org.musicrfm.eval.ClipEvaluationTask;
import org.musicrfm.eval.ClipEvaluator;
import org.musicrfm.eval.ClipResult;
import org.musicrfm.eval.ClipResultStore;
import org.musicrfm.eval.ConditionMetrics;
import org.musicrfm.eval.EmbeddingKind;
import org.musicrfm.eval.EvalClip;
import org.musicrfm.eval.EvalSettings;
import org.musicrfm.eval.EvalTargets;
import org.musicrfm.eval.EvaluationTables;
import org.musicrfm.eval.GenerationsTable;
import org.musicrfm.eval.ProbeSet;
import org.musicrfm.eval.ReferenceSet;
import org.musicrfm.io.Location;
import org.musicrfm.io.Locations;
import org.musicrfm.io.Storage;
import org.musicrfm.jobs.JobOutputs;
import org.musicrfm.jobs.Progress;

/**
 * The {@code evaluate} job: every generated clip (and an explicit reference set's clips) measured by
 * {@link ClipEvaluator} on the executors, one MusicGen and one CLAP per executor JVM; then, on the
 * driver, {@link ConditionMetrics} per condition. Writes {@code embeddings/}, {@code clip_metrics/},
 * {@code metrics/}, {@code traces/} and {@code errors/} (missing, unreadable or silent WAVs; the other
 * clips go on). A concept with a layer-aggregation model in the probe folder also gets its
 * {@code aggregate_*} columns. Resumable per clip: a clip's result is kept in {@code _clips/} with a
 * key of its inputs (row, WAV size and time, probe and aggregate files, models, settings) and
 * recomputed only when that changes.
 */
public final class EvaluateJob {

    private EvaluateJob() {}

    public static EvaluateJobResult run(SparkSession spark, EvaluateJobConfig config) throws IOException {
        Storage storage = Storage.get();
        Location out = storage.location(config.output(), "--out");
        Location table = storage.location(config.generations(), "--generations");
        Locations.requireLocal("--model", config.model(), "--clap", config.clap());
        Location audioRoot = config.audioRoot() != null ? storage.location(config.audioRoot(), "--audio-root")
                : table.parent();
        Location referenceSet = config.reference() == null ? null : storage.location(config.reference(), "--reference");
        if (!storage.exists(table)) {
            throw new IOException("generations table not found: " + table);
        }
        SourceModel source = SourceModel.of(Path.of(config.model()));
        Path clap = Path.of(config.clap()).toAbsolutePath();
        if (!Files.isRegularFile(clap.resolve("config.json"))) {
            throw new IOException("CLAP snapshot folder " + clap + " has no config.json");
        }
        EvalSettings settings = settings(config);
        ProbeSet probes = config.probes() == null ? ProbeSet.empty()
                : ProbeSet.of(storage.location(config.probes(), "--probes"));
        probes.requireModel(source);
        JobOutputs.checkWritable(out);

        GenerationsTable generations = GenerationsTable.read(spark, table, audioRoot);
        EvalTargets.check(generations.clips(), probes);
        List<EvalClip> all = new ArrayList<>(generations.clips());
        all.addAll(config.reference() == null ? List.of() : ReferenceSet.clips(spark, referenceSet));

        Location clipsDir = out.resolve(ClipResultStore.FOLDER);
        storage.mkdirs(clipsDir);
        Map<String, String> keys = ClipResultStore.keys(all, probes,
                ClipResultStore.sharedInputs(settings, source.fingerprint(), clap));
        List<EvalClip> todo = ClipResultStore.pending(clipsDir, all, keys);
        String digest = ClipResultStore.sha256(String.join(",", keys.values()));
        JsonObject done = JobOutputs.completedWith(out, config);
        if (todo.isEmpty() && done != null && digest.equals(done.getAsJsonObject("result").get("inputs").getAsString())) {
            return JobOutputs.gson().fromJson(done.get("result"), EvaluateJobResult.class).skippedCopy();
        }
        if (!todo.isEmpty()) {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            jsc.setJobDescription("evaluate: " + todo.size() + " of " + all.size() + " clips");
            int slices = (todo.size() + config.clipsPerTask() - 1) / config.clipsPerTask();
            try (Progress progress = new Progress(spark.sparkContext(), "evaluate", todo.size(), "clips")) {
                ClipEvaluationTask task = new ClipEvaluationTask(clipsDir, config.model(), config.clap(),
                        config.device(), config.dtype(), config.threads(), settings, probes, keys, progress.counter());
                jsc.parallelize(todo, slices).foreachPartition(task::run);
            }
        }
        List<ClipResult> results = ClipResultStore.readAll(clipsDir, all);
        List<float[]> refEmbeddings = null;
        if (config.reference() != null) {
            refEmbeddings = results.stream().filter(r -> r.reference() && !r.failed())
                    .map(r -> r.embeddings().get(settings.embedding().label())).toList();
        }
        List<ConditionMetrics.Row> metrics = ConditionMetrics.compute(results, generations.pairing(), refEmbeddings,
                config.reference() == null ? ConditionMetrics.UNSTEERED : config.reference(), settings);
        for (EvaluationTables.Table t : EvaluationTables.build(spark, results, metrics)) {
            JobOutputs.writeTable(t.rows(), out.resolve(t.name()));
        }
        long errors = results.stream().filter(ClipResult::failed).count();
        EvaluateJobResult result = new EvaluateJobResult(out.toString(), all.size(), todo.size(), errors,
                metrics.size(), digest, false);
        JobOutputs.markComplete(out, config, result);
        return result;
    }

    /** The library settings of a job config. */
    public static EvalSettings settings(EvaluateJobConfig c) {
        EvalSettings d = EvalSettings.defaults();
        return new EvalSettings(EmbeddingKind.parse(c.embedding()), c.seconds() == 0 ? Double.NaN : c.seconds(),
                c.traceWidth(), c.traceHop(), c.resamples(), c.confidence(), c.seed(), d.mmdBandwidth(),
                d.silencePeak());
    }
}
