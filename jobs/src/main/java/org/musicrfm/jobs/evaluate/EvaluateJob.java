package org.musicrfm.jobs.evaluate;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.musicrfm.activations.ExtractChunk;
import org.musicrfm.activations.SourceModel;
import org.musicrfm.eval.ClipEvaluator;
import org.musicrfm.eval.ClipModels;
import org.musicrfm.eval.AggregateProbe;
import org.musicrfm.eval.ClipResult;
import org.musicrfm.eval.ConditionMetrics;
import org.musicrfm.eval.EmbeddingKind;
import org.musicrfm.eval.EvalClip;
import org.musicrfm.eval.EvalSettings;
import org.musicrfm.eval.ProbeSet;
import org.musicrfm.io.Location;
import org.musicrfm.io.Locations;
import org.musicrfm.io.Storage;
import org.musicrfm.jobs.JobOutputs;
import org.musicrfm.jobs.Progress;
import org.musicrfm.steering.ClassLabels;

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

    /** Columns a generations table must have. */
    public static final List<String> REQUIRED = List.of("unit_id", "path", "prompt", "condition", "concept", "target",
            "eta");
    static final String CLIPS = "_clips";
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

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

        Dataset<Row> ds = spark.read().parquet(table.toString());
        List<String> columns = List.of(ds.columns());
        for (String c : REQUIRED) {
            if (!columns.contains(c)) {
                throw new IllegalArgumentException("generations table " + table + " has no column '" + c + "' (columns: "
                        + columns + ")");
            }
        }
        List<EvalClip> clips = new ArrayList<>();
        Map<String, String> pairing = new LinkedHashMap<>();
        boolean hasSeed = columns.contains("seed");
        for (Row r : ds.orderBy("unit_id").collectAsList()) {
            String id = r.getAs("unit_id");
            Object eta = r.getAs("eta");
            clips.add(new EvalClip(id, ExtractChunk.audioFile(audioRoot, r.<String>getAs("path")).toString(),
                    r.getAs("prompt"),
                    r.getAs("condition"), r.getAs("concept"), r.getAs("target"),
                    eta == null ? 0.0 : ((Number) eta).doubleValue(), false));
            pairing.put(id, r.getAs("prompt") + "|" + (hasSeed ? String.valueOf((Object) r.getAs("seed")) : ""));
        }
        checkTargets(clips, probes);
        List<EvalClip> reference = config.reference() == null ? List.of()
                : ReferenceSet.clips(spark, referenceSet);
        List<EvalClip> all = new ArrayList<>(clips);
        all.addAll(reference);

        String fixed = GSON.toJson(settings) + "|" + source.fingerprint() + "|" + ClipKeys.folderStamp(clap);
        Map<String, String> keys = new LinkedHashMap<>();
        List<EvalClip> todo = new ArrayList<>();
        storage.mkdirs(out.resolve(CLIPS));
        for (EvalClip c : all) {
            String key = ClipKeys.key(c, probes.fileFor(c.concept()), fixed);
            String agg = probes.aggregateFor(c.concept());
            if (agg != null && c.target() != null) {
                key = ClipKeys.sha256(key + "|" + agg + ":"
                        + ClipKeys.fileStamp(Location.parse(agg, "aggregate model")));
            }
            keys.put(c.unitId(), key);
            if (!key.equals(ClipKeys.storedKey(out.resolve(CLIPS), c.unitId()))) {
                todo.add(c);
            }
        }
        String digest = ClipKeys.sha256(String.join(",", keys.values()));
        JsonObject done = JobOutputs.completedWith(out, config);
        if (todo.isEmpty() && done != null && digest.equals(done.getAsJsonObject("result").get("inputs").getAsString())) {
            return JobOutputs.gson().fromJson(done.get("result"), EvaluateJobResult.class).skippedCopy();
        }
        if (!todo.isEmpty()) {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            jsc.setJobDescription("evaluate: " + todo.size() + " of " + all.size() + " clips");
            int slices = (todo.size() + config.clipsPerTask() - 1) / config.clipsPerTask();
            try (Progress progress = new Progress(spark.sparkContext(), "evaluate", todo.size(), "clips")) {
                ClipTask task = new ClipTask(out.resolve(CLIPS), config, settings, probes, keys,
                        progress.counter());
                jsc.parallelize(todo, slices).foreachPartition(task::run);
            }
        }
        List<ClipResult> results = new ArrayList<>();
        for (EvalClip c : all) {
            results.add(ClipKeys.read(out.resolve(CLIPS), c.unitId()));
        }
        List<float[]> refEmbeddings = null;
        if (config.reference() != null) {
            refEmbeddings = results.stream().filter(r -> r.reference() && !r.failed())
                    .map(r -> r.embeddings().get(settings.embedding().label())).toList();
        }
        List<ConditionMetrics.Row> metrics = ConditionMetrics.compute(results, pairing, refEmbeddings,
                config.reference() == null ? ConditionMetrics.UNSTEERED : config.reference(), settings);
        EvaluationTables.write(spark, out, results, metrics);
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

    /** Every steered clip's target must be a class of its concept's probe (classifiers), checked before work. */
    private static void checkTargets(List<EvalClip> clips, ProbeSet probes) throws IOException {
        Map<String, List<String>> classes = new LinkedHashMap<>();
        for (EvalClip c : clips) {
            String file = c.target() == null ? null : probes.fileFor(c.concept());
            if (file == null) {
                continue;
            }
            List<String> cs = classes.computeIfAbsent(file, f -> {
                try {
                    return ClipEvaluator.classNames(ClipModels.probe(f));
                } catch (IOException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
            if (!cs.isEmpty() && ClassLabels.find(cs, c.target()) == null) {
                throw new IllegalArgumentException("clip " + c.unitId() + ": target '" + c.target() + "' of concept "
                        + c.concept() + " is not a class of probe " + file + " " + cs);
            }
            String agg = probes.aggregateFor(c.concept());
            if (agg != null) {
                AggregateProbe a = ClipModels.aggregate(agg);
                List<String> names = a.classes().stream()
                        .map(x -> ClassLabels.display(a.provenance().label(), x)).toList();
                if (ClassLabels.find(names, c.target()) == null) {
                    throw new IllegalArgumentException("clip " + c.unitId() + ": target '" + c.target() + "' of concept "
                            + c.concept() + " is not a class of aggregate model " + agg + " " + names);
                }
            }
        }
    }

    /** The executor side: evaluates clips and stores each result with its key. */
    record ClipTask(Location clipsDir, EvaluateJobConfig config, EvalSettings settings, ProbeSet probes,
                    Map<String, String> keys, LongAccumulator done) implements Serializable {

        ClipTask {
            keys = new LinkedHashMap<>(keys);
        }

        void run(Iterator<EvalClip> clips) throws IOException {
            ClipModels.Loaded models = ClipModels.get(Path.of(config.model()).toAbsolutePath().toString(),
                    Path.of(config.clap()).toAbsolutePath().toString(), config.device(), config.dtype(),
                    config.threads());
            while (clips.hasNext()) {
                EvalClip c = clips.next();
                ClipResult r = ClipEvaluator.evaluate(c, models, probes, settings);
                ClipKeys.write(clipsDir, c.unitId(), keys.get(c.unitId()), r);
                done.add(1);
            }
        }
    }

    /** Clip result files and the keys of their inputs. */
    static final class ClipKeys {

        private ClipKeys() {}

        static String key(EvalClip c, String probeFile, String fixed) throws IOException {
            StringBuilder b = new StringBuilder(GSON.toJson(c)).append('|').append(fixed).append('|')
                    .append(fileStamp(Location.parse(c.path(), "path")));
            if (probeFile != null) {
                b.append('|').append(probeFile).append(':').append(fileStamp(Location.parse(probeFile, "probe")));
            }
            return sha256(b.toString());
        }

        static String fileStamp(Path p) throws IOException {
            return fileStamp(Location.of(p));
        }

        /** Size and modification time (ms) of a file on any file system {@link Storage} reaches, or "missing". */
        static String fileStamp(Location p) throws IOException {
            org.apache.hadoop.fs.FileStatus s = Storage.get().status(p);
            if (s == null || !s.isFile()) {
                return "missing";
            }
            return s.getLen() + "@" + s.getModificationTime();
        }

        static String folderStamp(Path dir) throws IOException {
            StringBuilder b = new StringBuilder();
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.sorted().toList()) {
                    b.append(p.getFileName()).append('=').append(fileStamp(p)).append(';');
                }
            }
            return b.toString();
        }

        static Location file(Location dir, String unitId) {
            return dir.resolve(sha256(unitId).substring(0, 32) + ".json");
        }

        static String storedKey(Location dir, String unitId) throws IOException {
            Location f = file(dir, unitId);
            if (!Storage.get().isFile(f)) {
                return null;
            }
            return JsonParser.parseString(Storage.get().readString(f)).getAsJsonObject().get("key").getAsString();
        }

        static void write(Location dir, String unitId, String key, ClipResult r) throws IOException {
            JsonObject o = new JsonObject();
            o.addProperty("key", key);
            o.add("result", GSON.toJsonTree(r));
            Storage.get().write(file(dir, unitId), GSON.toJson(o).getBytes(StandardCharsets.UTF_8));
        }

        static ClipResult read(Location dir, String unitId) throws IOException {
            JsonObject o = JsonParser.parseString(Storage.get().readString(file(dir, unitId))).getAsJsonObject();
            return GSON.fromJson(o.get("result"), ClipResult.class);
        }

        static String sha256(String s) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(s.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static StructType schema(Object... nameTypes) {
        List<org.apache.spark.sql.types.StructField> fields = new ArrayList<>();
        for (int i = 0; i < nameTypes.length; i += 2) {
            fields.add(DataTypes.createStructField((String) nameTypes[i], (DataType) nameTypes[i + 1], true));
        }
        return DataTypes.createStructType(fields);
    }

    static Row row(Object... values) {
        return RowFactory.create(values);
    }
}
