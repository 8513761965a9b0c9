package org.musicrfm.jobs.extract;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.musicrfm.activations.ActivationSchema;
import org.musicrfm.activations.ChunkExtractor;
import org.musicrfm.activations.ClipActivations;
import org.musicrfm.activations.ExtractChunk;
import org.musicrfm.activations.ExtractErrors;
import org.musicrfm.activations.ExtractInput;
import org.musicrfm.activations.ExtractOutputs;
import org.musicrfm.activations.LayerSelection;
import org.musicrfm.activations.SourceModel;
import org.musicrfm.io.Location;
import org.musicrfm.io.Locations;
import org.musicrfm.io.Storage;
import org.musicrfm.jobs.JobOutputs;
import org.musicrfm.jobs.Progress;
import org.musicrfm.model.musicgen.Pooling;
import org.musicrfm.model.musicgen.Reading;
import org.musicrfm.provenance.FolderManifest;
import org.musicrfm.provenance.Leftovers;
import org.musicrfm.provenance.UnitIdentity;

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
        Storage storage = Storage.get();
        Location out = storage.location(config.output(), "--out");
        Location table = storage.location(config.dataset(), "--dataset");
        Locations.requireLocal("--model", config.model()); // mapped into memory on every executor
        if (config.audioRoot() != null) {
            storage.location(config.audioRoot(), "--audio-root");
        }
        if (!storage.exists(table)) {
            throw new IOException("dataset table not found: " + table);
        }
        SourceModel source = SourceModel.of(Path.of(config.model())); // also validates the folder
        String fingerprint = source.fingerprint();
        LayerSelection.check(config.layers(), source.numLayers(), source.folder());
        Reading reading = ClipActivations.reading(config.reading());
        Set<Pooling> poolings = ClipActivations.poolings(config.poolings());
        if (config.perFrame()) {
            poolings.add(Pooling.SEQUENCE);
        }
        FolderManifest manifest = FolderManifest.of("extract", Map.of("model_fingerprint", fingerprint));
        if (!overwrite) {
            manifest.checkSameAs(FolderManifest.read(out), List.of("model_fingerprint"), out);
        }
        JobOutputs.checkWritable(out);

        ExtractInput input = ExtractInput.read(spark, table, config.audioRoot(), config.includeSilent());
        UnitIdentity base = UnitIdentity.of(UnitIdentity.configFields(
                        JobOutputs.gson().toJsonTree(config).getAsJsonObject(), NOT_IDENTITY))
                .with("model_fingerprint", fingerprint).with("label_columns", ActivationSchema.identity(input.labels()))
                .with("dataset_name", input.datasetName());
        List<ExtractChunk> chunks = input.chunks(spark, config.clipsPerChunk(), base);
        ClipActivations clips = new ClipActivations(reading, poolings,
                LayerSelection.resolve(config.layers(), source.numLayers()), new ArrayList<>(input.labels()),
                config.seconds(), config.includeSilent(), config.batchSize(), fingerprint);
        String identity = UnitIdentity.sha256(String.join("\n", chunks.stream().map(ExtractChunk::identity).toList()));
        JsonObject done = JobOutputs.completedWith(out, config, identity);
        if (done != null && !overwrite) {
            return JobOutputs.gson().fromJson(done.get("result"), ExtractJobResult.class).skippedCopy();
        }
        if (overwrite) {
            JobOutputs.clear(out, OUTPUTS);
        }
        storage.mkdirs(out.resolve(ExtractChunk.FOLDER));
        JobOutputs.unmarkComplete(out);
        Leftovers.remove(out);
        manifest.write(out);
        source.withClipSeconds(config.seconds()).write(out);
        ExtractOutputs.removeStale(out, chunks);
        List<ExtractChunk> todo = ExtractOutputs.pending(out, chunks);
        long clipCount = chunks.stream().mapToLong(c -> c.clips().size()).sum();

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.setJobDescription("extract: " + todo.size() + " of " + chunks.size() + " chunks");
        if (!todo.isEmpty()) {
            long pending = todo.stream().mapToLong(c -> c.clips().size()).sum();
            try (Progress progress = new Progress(spark.sparkContext(), "extract", pending, "clips")) {
                ChunkExtractor task = new ChunkExtractor(out, config.model(), config.device(),
                        config.dtype(), config.threads(), clips, config.failChunkOnce(), progress.counter());
                jsc.parallelize(todo, todo.size()).foreachPartition(task::run);
            }
        }
        List<Row> errors = ExtractErrors.rows(out, chunks);
        JobOutputs.writeTable(spark.createDataFrame(errors, ExtractErrors.SCHEMA).orderBy("clip_id"),
                out.resolve("errors"));
        ExtractJobResult result = new ExtractJobResult(out.toString(), chunks.size(), todo.size(),
                clipCount - errors.size(), errors.size(), fingerprint, false);
        JobOutputs.markComplete(out, config, result, identity);
        return result;
    }
}
