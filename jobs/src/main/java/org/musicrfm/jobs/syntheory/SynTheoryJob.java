package org.musicrfm.jobs.syntheory;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sound.midi.Soundbank;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.musicrfm.audio.MidiRenderer;
import org.musicrfm.audio.SoundFonts;
import org.musicrfm.dataset.ClipSpec;
import org.musicrfm.dataset.Concept;
import org.musicrfm.dataset.ConceptGenerator;
import org.musicrfm.dataset.DatasetColumns;
import org.musicrfm.dataset.RenderedClip;
import org.musicrfm.dataset.StratifiedSubset;
import org.musicrfm.dataset.SynTheory;
import org.musicrfm.dataset.SynTheoryClipWriter;
import org.musicrfm.io.Location;
import org.musicrfm.io.Locations;
import org.musicrfm.io.Storage;
import org.musicrfm.jobs.JobOutputs;
import org.musicrfm.jobs.Progress;
import org.musicrfm.provenance.FolderManifest;
import org.musicrfm.provenance.IdentityMismatchException;
import org.musicrfm.provenance.Leftovers;
import org.musicrfm.provenance.UnitIdentity;

/**
 * The {@code syntheory} job: selects configurations on the driver, renders them in executors (one
 * synthesizer per task, clips written atomically), and publishes one Parquet metadata table.
 * Clip seeds depend on the clip id only, so the output does not depend on how Spark splits the work.
 */
public final class SynTheoryJob {

    /** Columns of the metadata table before and after the concepts' label columns. */
    static final List<StructField> LEADING = DatasetColumns.LEADING;
    static final List<StructField> TRAILING = DatasetColumns.SYNTHEORY_TRAILING;

    private SynTheoryJob() {}

    /** Outputs of the job inside its folder: what {@code --overwrite} clears. */
    public static final List<String> OUTPUTS = List.of("audio", "metadata", JobOutputs.MARKER,
            FolderManifest.FILE);

    /** Manifest fields a re-run may not change in a folder that already holds audio. */
    static final List<String> FIXED = List.of("sample_rate", "channels", "format", "soundfont_sha256");

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
        FolderManifest manifest = manifest(config);
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
            if (existing == null && storage.isDirectory(root.resolve("audio"))) {
                throw new IdentityMismatchException("syntheory: " + root + " holds audio/ without a "
                        + FolderManifest.FILE + " (made by an older version); write to another --out, or pass"
                        + " --overwrite to clear the folder's outputs and start afresh");
            }
            manifest.checkSameAs(existing, FIXED, root);
        }

        List<ClipSpec> selected = select(config);
        StructType schema = metadataSchema(selected);
        storage.mkdirs(root);
        JobOutputs.unmarkComplete(root);
        Leftovers.remove(root);
        removeUnselected(root, selected);
        if (existing != null && !manifest.get("seed").equals(existing.get("seed"))) {
            removeChangedBySeed(spark, root, selected, Long.parseLong(existing.get("seed")), config.seed());
        }
        manifest.write(root); // every clip left in audio/ now matches it
        Location table = root.resolve("metadata");

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<ClipTask> tasks = selected.stream().map(s -> new ClipTask(s.concept(), s.index())).toList();
        int slices = Math.max(1, (tasks.size() + config.clipsPerTask() - 1) / config.clipsPerTask());
        jsc.setJobDescription("syntheory: render " + tasks.size() + " clips");
        List<String> labelColumns = schema.fieldNames().length == 0 ? List.of()
                : List.of(schema.fieldNames()).subList(LEADING.size(), schema.size() - TRAILING.size());
        try (Progress progress = new Progress(spark.sparkContext(), "syntheory", tasks.size(), "clips")) {
            LongAccumulator counter = progress.counter();
            LongAccumulator renderedCount = spark.sparkContext().longAccumulator("rendered clips");
            RenderTask render = new RenderTask(root, config, labelColumns, counter, renderedCount);
            // Cached: the sort below samples its input before reading it.
            JavaRDD<Row> rows = jsc.parallelize(tasks, slices).mapPartitions(render::apply)
                    .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
            Dataset<Row> metadata = spark.createDataFrame(rows, schema).orderBy("concept", "clip_id");
            JobOutputs.writeTable(metadata, table);
            rows.unpersist(false);

            SynTheoryJobResult result = summarize(spark, table, root, renderedCount.value());
            JobOutputs.markComplete(root, config, result);
            return result;
        }
    }

    /** The folder-level identity: audio format, SoundFont content and base seed. */
    static FolderManifest manifest(SynTheoryJobConfig config) throws IOException {
        String soundfont = "builtin".equals(config.soundfont()) ? "builtin:" + System.getProperty("java.version")
                : UnitIdentity.sha256(Path.of(config.soundfont()));
        return FolderManifest.of("syntheory", Map.of("sample_rate", Integer.toString(config.sampleRate()),
                "channels", Integer.toString(config.channels()), "format", config.format().name(),
                "soundfont_sha256", soundfont, "seed", Long.toString(config.seed())));
    }

    /** Deletes WAV files under {@code audio/} that the selection does not name (clips of an old subset). */
    static int removeUnselected(Location root, List<ClipSpec> selected) throws IOException {
        Storage storage = Storage.get();
        Location audio = root.resolve("audio");
        if (!storage.isDirectory(audio)) {
            return 0;
        }
        java.util.Set<Location> keep = new java.util.HashSet<>();
        for (ClipSpec s : selected) {
            keep.add(root.resolve(SynTheoryClipWriter.relativePath(s)));
        }
        List<Location> orphans = storage.files(audio).stream().filter(p -> !keep.contains(p)).toList();
        for (Location p : orphans) {
            storage.delete(p);
        }
        Leftovers.removeEmptyFolders(audio);
        return orphans.size();
    }

    /** Deletes existing clips whose audio differs between the folder's old seed and the new one (crops). */
    static void removeChangedBySeed(SparkSession spark, Location root, List<ClipSpec> selected, long oldSeed,
                                    long newSeed) throws IOException {
        Storage storage = Storage.get();
        List<ClipTask> present = new ArrayList<>();
        for (ClipSpec s : selected) {
            if (storage.isFile(root.resolve(SynTheoryClipWriter.relativePath(s)))) {
                present.add(new ClipTask(s.concept(), s.index()));
            }
        }
        if (present.isEmpty()) {
            return;
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.setJobDescription("syntheory: clips changed by the new seed");
        jsc.parallelize(present, Math.max(1, Math.min(present.size() / 64, 64))).foreach(t -> {
            ClipSpec spec = SynTheory.generator(t.concept()).spec(t.index());
            if (!SynTheoryClipWriter.sameUnderSeeds(spec, oldSeed, newSeed)) {
                Storage.get().delete(root.resolve(SynTheoryClipWriter.relativePath(spec)));
            }
        });
    }

    /** The configurations to render, per concept in the seeded stratified order. */
    public static List<ClipSpec> select(SynTheoryJobConfig config) {
        List<ClipSpec> out = new ArrayList<>();
        for (Concept c : config.concepts()) {
            ConceptGenerator g = SynTheory.generator(c);
            List<ClipSpec> all = new ArrayList<>(g.count());
            for (int i = 0; i < g.count(); i++) {
                all.add(g.spec(i));
            }
            if (config.subsetSize() != null) {
                out.addAll(StratifiedSubset.select(all, c.probedLabel(), config.seed(), config.subsetSize()));
            } else if (config.subsetFraction() != null) {
                out.addAll(StratifiedSubset.selectFraction(all, c.probedLabel(), config.seed(), config.subsetFraction()));
            } else {
                out.addAll(all);
            }
        }
        return out;
    }

    /** The metadata table's schema: leading columns, the selected concepts' label columns (nullable), trailing columns. */
    public static StructType metadataSchema(List<ClipSpec> specs) {
        Map<String, DataType> labels = new LinkedHashMap<>();
        for (ClipSpec s : specs) {
            s.labels().forEach((k, v) -> {
                if (v != null) {
                    labels.putIfAbsent(k, sparkType(k, v));
                }
            });
        }
        List<StructField> fields = new ArrayList<>(LEADING);
        labels.forEach((k, t) -> fields.add(DataTypes.createStructField(k, t, true)));
        fields.addAll(TRAILING);
        return DataTypes.createStructType(fields);
    }

    private static DataType sparkType(String column, Object v) {
        if (v instanceof String) {
            return DataTypes.StringType;
        } else if (v instanceof Integer) {
            return DataTypes.IntegerType;
        } else if (v instanceof Long) {
            return DataTypes.LongType;
        } else if (v instanceof Double) {
            return DataTypes.DoubleType;
        } else if (v instanceof Boolean) {
            return DataTypes.BooleanType;
        }
        throw new IllegalArgumentException("label column " + column + " has unsupported type " + v.getClass());
    }

    private static SynTheoryJobResult summarize(SparkSession spark, Location table, Location root, long rendered) {
        Map<String, Long> clips = new TreeMap<>();
        Map<String, Long> silent = new TreeMap<>();
        for (Row r : spark.read().parquet(JobOutputs.sparkPath(table)).groupBy("concept")
                .agg(org.apache.spark.sql.functions.count("*"),
                        org.apache.spark.sql.functions.sum(
                                org.apache.spark.sql.functions.col("is_silent").cast("int")))
                .collectAsList()) {
            clips.put(r.getString(0), r.getLong(1));
            silent.put(r.getString(0), r.isNullAt(2) ? 0L : r.getLong(2));
        }
        return new SynTheoryJobResult(root.toString(), clips, silent, rendered, false);
    }

    /** One configuration to render: its concept and index in the concept's enumeration. */
    record ClipTask(Concept concept, int index) implements Serializable {}

    /** The executor side: renders a partition's clips with one synthesizer and yields metadata rows. */
    record RenderTask(Location root, SynTheoryJobConfig config, List<String> labelColumns, LongAccumulator done,
                      LongAccumulator rendered) implements Serializable {

        RenderTask {
            labelColumns = new ArrayList<>(labelColumns); // List.subList views are not serializable
        }

        Iterator<Row> apply(Iterator<ClipTask> tasks) throws IOException {
            Soundbank soundbank = SoundFonts.loadShared(config.soundfont());
            MidiRenderer renderer = new MidiRenderer(soundbank, config.sampleRate(), config.channels());
            SynTheoryClipWriter writer = new SynTheoryClipWriter(root, renderer, config.format(),
                    config.seed());
            List<Row> rows = new ArrayList<>();
            while (tasks.hasNext()) {
                ClipTask t = tasks.next();
                ClipSpec spec = SynTheory.generator(t.concept()).spec(t.index());
                RenderedClip clip;
                try {
                    clip = writer.write(spec);
                } catch (IOException e) {
                    throw new UncheckedIOException("clip " + spec.clipId() + ": " + e.getMessage(), e);
                }
                rows.add(row(clip));
                done.add(1);
                if (clip.rendered()) {
                    rendered.add(1);
                }
            }
            return rows.iterator();
        }

        private Row row(RenderedClip c) {
            List<Object> values = new ArrayList<>();
            values.add(c.spec().concept().id());
            values.add(c.spec().clipId());
            for (String col : labelColumns) {
                values.add(c.spec().labels().get(col));
            }
            values.add(c.path());
            values.add(c.offsetSeconds());
            values.add(c.durationSeconds());
            values.add(c.sampleRate());
            values.add(c.channels());
            values.add(c.peak());
            values.add(c.isSilent());
            values.add(c.seed());
            return RowFactory.create(values.toArray());
        }
    }
}
