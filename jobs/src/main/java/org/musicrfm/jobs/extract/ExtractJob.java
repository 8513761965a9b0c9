package org.musicrfm.jobs.extract;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.musicrfm.activations.ActivationSchema;
import org.musicrfm.activations.ClipActivations;
import org.musicrfm.activations.ExtractChunk;
import org.musicrfm.activations.ExtractErrors;
import org.musicrfm.activations.LayerSelection;
import org.musicrfm.activations.SourceModel;
import org.musicrfm.dataset.DatasetColumns;
import org.musicrfm.dataset.LabelColumn;
import org.musicrfm.io.Locations;
import org.musicrfm.jobs.JobOutputs;
import org.musicrfm.jobs.Progress;
import org.musicrfm.model.musicgen.MusicgenModel;
import org.musicrfm.model.musicgen.Pooling;
import org.musicrfm.model.musicgen.Reading;
import org.musicrfm.provenance.DoneMarker;
import org.musicrfm.provenance.FolderManifest;
import org.musicrfm.provenance.Leftovers;
import org.musicrfm.provenance.UnitIdentity;
import org.musicrfm.runtime.ModelHolder;

/**
 * The {@code extract} job: audio clips → EnCodec codes → MusicGen block outputs, pooled per layer,
 * written as the activation table ({@link ActivationSchema}). Clips are cut into chunks (sorted by clip id, one
 * concept each); a chunk is the unit of work, of retry and of resumption: its files appear by
 * rename and a {@code _chunks/<chunk>.done} marker says it is complete. One model per executor JVM.
 * Missing or corrupt audio files are listed in the {@code errors} table; the other clips go on.
 */
public final class ExtractJob {

    private ExtractJob() {}

    /** Outputs of the job inside its folder: what {@code --overwrite} clears. */
    public static final List<String> OUTPUTS = List.of("activations", "frames", "errors", ExtractChunk.FOLDER,
            SourceModel.FILE, JobOutputs.MARKER, FolderManifest.FILE);

    /** Config fields that do not change the rows (paths, parallelism, device, test hooks). */
    static final Set<String> NOT_IDENTITY = Set.of("dataset", "audioRoot", "model", "output", "batchSize",
            "clipsPerChunk", "device", "threads", "failChunkOnce");

    public static ExtractJobResult run(SparkSession spark, ExtractJobConfig config) throws IOException {
        return run(spark, config, false);
    }

    /**
     * Extracts the dataset's clips into {@code config.output()}. A re-run keeps the chunks whose
     * identity (options, model fingerprint, clip rows) is unchanged, computes the others, removes the
     * files of chunks that no longer belong and stale temporary files, and ends as a clean run into an
     * empty folder would. Another model for an existing folder is refused before any work unless
     * {@code overwrite}, which clears the folder's outputs first.
     */
    public static ExtractJobResult run(SparkSession spark, ExtractJobConfig config, boolean overwrite)
            throws IOException {
        Path out = Locations.local(config.output(), "--out");
        Path table = Locations.local(config.dataset(), "--dataset");
        Locations.requireLocal("--model", config.model(), "--audio-root", config.audioRoot());
        if (!Files.exists(table)) {
            throw new IOException("dataset table not found: " + table);
        }
        SourceModel source = SourceModel.of(Path.of(config.model())); // also validates the folder
        String fingerprint = source.fingerprint();
        LayerSelection.check(config.layers(), source.numLayers(), source.folder());
        Reading reading = ClipActivations.reading(config.reading());
        ClipActivations.poolings(config.poolings());
        FolderManifest manifest = FolderManifest.of("extract", Map.of("model_fingerprint", fingerprint));
        if (!overwrite) {
            manifest.checkSameAs(FolderManifest.read(out), List.of("model_fingerprint"), out);
        }
        JobOutputs.checkWritable(out);

        Dataset<Row> ds = spark.read().parquet(table.toString());
        List<String> columns = List.of(ds.columns());
        for (String required : List.of("clip_id", "path")) {
            if (!columns.contains(required)) {
                throw new IllegalArgumentException("dataset table " + table + " has no column '" + required
                        + "' (columns: " + columns + ")");
            }
        }
        if (!config.includeSilent() && columns.contains("is_silent")) {
            ds = ds.filter("NOT is_silent");
        }
        List<LabelColumn> labels = DatasetColumns.labelColumns(ds.schema().fields());
        String datasetName = table.getParent().getFileName().toString();
        Path audioRoot = config.audioRoot() != null ? Path.of(config.audioRoot()) : table.getParent();

        UnitIdentity base = UnitIdentity.of(UnitIdentity.configFields(
                        JobOutputs.gson().toJsonTree(config).getAsJsonObject(), NOT_IDENTITY))
                .with("model_fingerprint", fingerprint).with("label_columns", ActivationSchema.identity(labels))
                .with("dataset_name", datasetName);
        List<Row> all = ds.orderBy("clip_id").collectAsList();
        List<String> files = all.stream().map(r -> audioRoot.resolve(r.<String>getAs("path")).toString()).toList();
        List<ExtractChunk> chunks = ExtractChunk.plan(all, labels, columns, datasetName, audioRoot,
                fileDigests(spark, files), config.clipsPerChunk(), base);
        String identity = UnitIdentity.sha256(String.join("\n", chunks.stream().map(ExtractChunk::identity).toList()));
        JsonObject done = JobOutputs.completedWith(out, config, identity);
        if (done != null && !overwrite) {
            return JobOutputs.gson().fromJson(done.get("result"), ExtractJobResult.class).skippedCopy();
        }
        if (overwrite) {
            JobOutputs.clear(out, OUTPUTS);
        }
        Files.createDirectories(out.resolve(ExtractChunk.FOLDER));
        JobOutputs.unmarkComplete(out);
        Leftovers.remove(out);
        manifest.write(out);
        source.withClipSeconds(config.seconds()).write(out);
        ExtractOutputs.removeStale(out, chunks);
        List<ExtractChunk> todo = new ArrayList<>();
        for (ExtractChunk c : chunks) {
            if (!DoneMarker.matches(c.doneMarker(out), c.identity())) {
                todo.add(c);
            }
        }
        long clips = chunks.stream().mapToLong(c -> c.clips().size()).sum();

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.setJobDescription("extract: " + todo.size() + " of " + chunks.size() + " chunks");
        if (!todo.isEmpty()) {
            long pending = todo.stream().mapToLong(c -> c.clips().size()).sum();
            try (Progress progress = new Progress(spark.sparkContext(), "extract", pending, "clips")) {
                ChunkTask task = new ChunkTask(out.toString(), config, labels, fingerprint, reading,
                        progress.counter());
                jsc.parallelize(todo, todo.size()).foreachPartition(task::run);
            }
        }
        long errors = writeErrorsTable(spark, out, chunks);
        ExtractJobResult result = new ExtractJobResult(out.toString(), chunks.size(), todo.size(), clips - errors,
                errors, fingerprint, false);
        JobOutputs.markComplete(out, config, result, identity);
        return result;
    }

    /**
     * SHA-256 of each file's bytes ({@code "missing"} for a file that is not there; the chunk then
     * lists it among its errors), hashed by the executors in parallel.
     */
    static List<String> fileDigests(SparkSession spark, List<String> files) {
        if (files.isEmpty()) {
            return List.of();
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.setJobDescription("extract: digests of " + files.size() + " audio files");
        int slices = Math.max(1, Math.min(files.size() / 16, jsc.defaultParallelism() * 4));
        return jsc.parallelize(files, slices).map(f -> {
            Path p = Path.of(f);
            if (!Files.isRegularFile(p)) {
                return "missing";
            }
            try {
                return UnitIdentity.sha256(p);
            } catch (IOException e) {
                return "unreadable";
            }
        }).collect();
    }

    /** Gathers the chunks' error lists into the {@code errors} table (always written, maybe empty). */
    private static long writeErrorsTable(SparkSession spark, Path out, List<ExtractChunk> chunks) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (ExtractChunk c : chunks) {
            rows.addAll(ExtractErrors.rows(Files.readString(c.errorsFile(out))));
        }
        JobOutputs.writeTable(spark.createDataFrame(rows, ExtractErrors.SCHEMA).orderBy("clip_id"),
                out.resolve("errors"));
        return rows.size();
    }

    /** The executor side: extracts one chunk at a time and writes its files, then its done marker. */
    record ChunkTask(String out, ExtractJobConfig config, List<LabelColumn> labels, String fingerprint,
                     Reading reading, LongAccumulator done) implements Serializable {

        ChunkTask {
            labels = new ArrayList<>(labels);
        }

        void run(Iterator<ExtractChunk> chunks) throws IOException {
            MusicgenModel model = ModelHolder.get(config.model(), ModelHolder.assignedDevice(config.device()),
                    config.dtype(), config.threads());
            while (chunks.hasNext()) {
                extract(model, chunks.next());
            }
        }

        private void extract(MusicgenModel model, ExtractChunk chunk) throws IOException {
            if (chunk.index() == config.failChunkOnce() && TaskContext.get() != null
                    && TaskContext.get().attemptNumber() == 0) {
                throw new IllegalStateException("injected failure in chunk " + chunk.name() + " (testing)");
            }
            Path root = Path.of(out);
            Set<Pooling> poolings = ClipActivations.poolings(config.poolings());
            if (config.perFrame()) {
                poolings.add(Pooling.SEQUENCE);
            }
            int[] layers = LayerSelection.resolve(config.layers(), model.numLayers());
            ClipActivations.Rows rows = new ClipActivations(reading, poolings, layers, labels, config.seconds(),
                    config.includeSilent(), config.batchSize(), fingerprint).extract(model, chunk.clips(), done::add);
            chunk.write(root, layers, rows);
        }
    }
}
