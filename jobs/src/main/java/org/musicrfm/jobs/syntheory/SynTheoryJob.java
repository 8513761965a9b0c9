package org.musicrfm.jobs.syntheory;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.musicrfm.audio.SoundFonts;
import org.musicrfm.dataset.ClipSpec;
import org.musicrfm.dataset.SynTheoryClipIndex;
import org.musicrfm.dataset.SynTheoryFolder;
import org.musicrfm.dataset.SynTheoryMetadata;
import org.musicrfm.dataset.SynTheoryRenderTask;
import org.musicrfm.dataset.SynTheoryRendering;
import org.musicrfm.dataset.SynTheorySelection;
import org.musicrfm.io.Location;
import org.musicrfm.io.Locations;
import org.musicrfm.io.Storage;
import org.musicrfm.jobs.JobOutputs;
import org.musicrfm.jobs.Progress;
import org.musicrfm.provenance.FolderManifest;
import org.musicrfm.provenance.Leftovers;

/**
 * The {@code syntheory} job: selects configurations on the driver, renders them in executors (one
 * synthesizer per task, clips written atomically), and publishes one Parquet metadata table.
 * Clip seeds depend on the clip id only, so the output does not depend on how Spark splits the work.
 */
public final class SynTheoryJob {

    private SynTheoryJob() {}

    /** Outputs of the job inside its folder: what {@code --overwrite} clears. */
    public static final List<String> OUTPUTS = List.of("audio", "metadata", JobOutputs.MARKER,
            FolderManifest.FILE);

    public static SynTheoryJobResult run(SparkSession spark, SynTheoryJobConfig config) throws IOException {
        return run(spark, config, false);
    }

    /**
     * Renders the selection into {@code config.output()}. A re-run keeps clips whose audio is the
     * same under the new options, renders the others, removes clips no longer selected and stale
     * temporary files, and ends as a clean run into an empty folder would. Another sample rate,
     * channel count, sample format or SoundFont is refused before any work unless {@code overwrite},
     * which clears the folder's outputs first.
     */
    public static SynTheoryJobResult run(SparkSession spark, SynTheoryJobConfig config, boolean overwrite)
            throws IOException {
        Storage storage = Storage.get();
        Location root = storage.location(config.output(), "--out");
        if (!SoundFonts.BUILTIN.equals(config.soundfont())) {
            Locations.requireLocal("--soundfont", config.soundfont()); // read on every executor
        }
        SoundFonts.load(config.soundfont()); // fail fast, before any output exists
        SynTheoryRendering rendering = rendering(config);
        FolderManifest manifest = rendering.manifest();
        FolderManifest existing = FolderManifest.read(root);
        JsonObject done = JobOutputs.completedWith(root, config);
        if (done != null && !overwrite && manifest.equals(existing)) {
            return JobOutputs.gson().fromJson(done.get("result"), SynTheoryJobResult.class).skippedCopy();
        }
        JobOutputs.checkWritable(root);
        if (overwrite) {
            JobOutputs.clear(root, OUTPUTS);
            existing = null;
        } else {
            SynTheoryFolder.checkReusable(root, manifest, existing);
        }

        List<ClipSpec> selected = select(config);
        StructType schema = SynTheoryMetadata.schema(selected);
        storage.mkdirs(root);
        JobOutputs.unmarkComplete(root);
        Leftovers.remove(root);
        SynTheoryFolder.removeStale(spark, root, selected, existing, config.seed());
        manifest.write(root); // every clip left in audio/ now matches it
        Location table = root.resolve("metadata");

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<SynTheoryClipIndex> clips = selected.stream().map(SynTheoryClipIndex::of).toList();
        int slices = Math.max(1, (clips.size() + config.clipsPerTask() - 1) / config.clipsPerTask());
        jsc.setJobDescription("syntheory: render " + clips.size() + " clips");
        try (Progress progress = new Progress(spark.sparkContext(), "syntheory", clips.size(), "clips")) {
            LongAccumulator rendered = spark.sparkContext().longAccumulator("rendered clips");
            SynTheoryRenderTask render = new SynTheoryRenderTask(root, rendering,
                    SynTheoryMetadata.labelColumns(schema), progress.counter(), rendered);
            // Cached: the sort below samples its input before reading it.
            JavaRDD<Row> rows = jsc.parallelize(clips, slices).mapPartitions(render::apply)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            Dataset<Row> metadata = spark.createDataFrame(rows, schema).orderBy("concept", "clip_id");
            JobOutputs.writeTable(metadata, table);
            rows.unpersist(false);

            SynTheoryMetadata.Counts counts = SynTheoryMetadata.counts(spark, table);
            SynTheoryJobResult result = new SynTheoryJobResult(root.toString(), counts.clips(), counts.silent(),
                    rendered.value(), false);
            JobOutputs.markComplete(root, config, result);
            return result;
        }
    }

    /** The configurations to render, per concept in the seeded stratified order. */
    public static List<ClipSpec> select(SynTheoryJobConfig config) {
        return new SynTheorySelection(config.concepts(), config.subsetSize(), config.subsetFraction(),
                config.seed()).specs();
    }

    static SynTheoryRendering rendering(SynTheoryJobConfig config) {
        return new SynTheoryRendering(config.soundfont(), config.sampleRate(), config.channels(), config.format(),
                config.seed());
    }
}
