package org.musicrfm.jobs.musicbench;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.musicrfm.audio.Audio;
import org.musicrfm.audio.WavFiles;
import org.musicrfm.dataset.DatasetColumns;
import org.musicrfm.dataset.MusicBenchClip;
import org.musicrfm.dataset.MusicBenchReader;
import org.musicrfm.dataset.SynTheoryClipWriter;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;
import org.musicrfm.jobs.JobOutputs;
import org.musicrfm.jobs.Progress;

/**
 * The {@code musicbench} job: reads MusicBench's JSON-lines files on the driver (malformed lines
 * fail the job before any output, or go to {@code errors/}), probes every audio file in executors
 * (missing or unreadable audio goes to {@code errors/}), and writes the dataset table
 * {@code metadata/} with the SynTheory metadata's contract ({@code concept}, {@code clip_id}, label
 * columns, {@code path}, audio facts), which {@code extract} and {@code train} read unchanged.
 */
public final class MusicBenchJob {

    /** The concept partition of the activation table that MusicBench clips land in. */
    public static final String CONCEPT = "musicbench";

    /** Dataset-table columns after the label columns: text and file facts, not labels. */
    static final List<StructField> TRAILING = DatasetColumns.MUSICBENCH_TRAILING;

    static final StructType ERRORS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("file", DataTypes.StringType, false),
            DataTypes.createStructField("line", DataTypes.IntegerType, false),
            DataTypes.createStructField("clip_id", DataTypes.StringType, true),
            DataTypes.createStructField("path", DataTypes.StringType, true),
            DataTypes.createStructField("error", DataTypes.StringType, false)));

    /** Malformed lines named in the failure message; the rest are counted. */
    private static final int SHOWN = 10;

    private MusicBenchJob() {}

    public static MusicBenchJobResult run(SparkSession spark, MusicBenchJobConfig config) throws IOException {
        Storage storage = Storage.get();
        Location out = storage.location(config.output(), "--out");
        JsonObject done = JobOutputs.completedWith(out, config);
        if (done != null) {
            return JobOutputs.gson().fromJson(done.get("result"), MusicBenchJobResult.class).skippedCopy();
        }
        Location audioRoot = storage.location(config.audioRoot(), "--audio-root");
        List<Location> jsonFiles = new ArrayList<>();
        for (String f : config.jsonFiles()) {
            jsonFiles.add(storage.location(f, "--json"));
        }
        if (!storage.isDirectory(audioRoot)) {
            throw new IOException("MusicBench audio folder not found: " + audioRoot);
        }
        JobOutputs.checkWritable(out);
        MusicBenchReader.Result read = MusicBenchReader.readLocations(jsonFiles);
        if (!read.malformed().isEmpty() && !config.skipMalformed()) {
            throw new IllegalArgumentException(malformedMessage(read.malformed()));
        }
        if (read.entries().isEmpty()) {
            throw new IllegalArgumentException("no MusicBench entries in " + config.jsonFiles());
        }
        MusicBenchClip.Selection selection = MusicBenchClip.select(read.entries());
        List<MusicBenchClip> clips = selection.clips();

        List<ProbeTask> tasks = clips.stream().map(c -> new ProbeTask(c.clipId(),
                audioRoot.resolve(c.entry().location()))).toList();
        List<Probe> probes;
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.setJobDescription("musicbench: read " + tasks.size() + " audio files");
        try (Progress progress = new Progress(spark.sparkContext(), "musicbench", tasks.size(), "clips")) {
            LongAccumulator counter = progress.counter();
            int slices = Math.max(1, (tasks.size() + config.clipsPerTask() - 1) / config.clipsPerTask());
            probes = jsc.parallelize(tasks, slices).mapPartitions(it -> probe(it, counter)).collect();
        }
        Map<String, Probe> byClip = new HashMap<>();
        probes.forEach(p -> byClip.put(p.clipId(), p));

        List<Row> rows = new ArrayList<>();
        List<Row> errors = new ArrayList<>();
        Set<String> sources = new HashSet<>();
        long withKey = 0;
        long withBpm = 0;
        for (MusicBenchClip c : clips) {
            Probe p = byClip.get(c.clipId());
            if (p.error() != null) {
                errors.add(RowFactory.create(c.entry().file(), c.entry().line(), c.clipId(), p.path(), p.error()));
                continue;
            }
            rows.add(row(c, p, config.minKeyProb()));
            sources.add(c.sourceId());
            withKey += c.hasTrustedKey(config.minKeyProb()) ? 1 : 0;
            withBpm += c.entry().bpm() != null ? 1 : 0;
        }
        for (MusicBenchReader.Malformed m : read.malformed()) {
            errors.add(RowFactory.create(m.file(), m.line(), null, null, "malformed line: " + m.reason()));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no readable audio: all " + clips.size() + " files under " + audioRoot
                    + " are missing or unreadable (first: " + errors.get(0).getString(4) + ")");
        }
        long audioErrors = errors.size() - read.malformed().size();
        storage.mkdirs(out);
        JobOutputs.writeTable(spark.createDataFrame(rows, schema()).orderBy("clip_id"), out.resolve("metadata"));
        JobOutputs.writeTable(spark.createDataFrame(errors, ERRORS).orderBy("file", "line"), out.resolve("errors"));
        MusicBenchJobResult result = new MusicBenchJobResult(out.toString(), rows.size(), sources.size(), withKey,
                withBpm, audioErrors, read.malformed().size(), selection.duplicates().size(), false);
        JobOutputs.markComplete(out, config, result);
        return result;
    }

    /** The dataset table's schema: concept, clip id, label columns (nullable), text and file facts. */
    public static StructType schema() {
        List<StructField> fields = new ArrayList<>();
        fields.addAll(DatasetColumns.LEADING);
        MusicBenchClip.LABELS.forEach((name, type) -> fields.add(DataTypes.createStructField(name, sparkType(type),
                true)));
        fields.addAll(TRAILING);
        return DataTypes.createStructType(fields);
    }

    private static DataType sparkType(Class<?> type) {
        if (type == String.class) {
            return DataTypes.StringType;
        } else if (type == Integer.class) {
            return DataTypes.IntegerType;
        } else if (type == Double.class) {
            return DataTypes.DoubleType;
        }
        throw new IllegalArgumentException("unsupported label type " + type);
    }

    static String malformedMessage(List<MusicBenchReader.Malformed> malformed) {
        StringBuilder s = new StringBuilder().append(malformed.size()).append(" malformed MusicBench line")
                .append(malformed.size() == 1 ? "" : "s").append(" (nothing written; --skip-malformed lists them in"
                        + " errors/ and goes on): ");
        for (int i = 0; i < Math.min(SHOWN, malformed.size()); i++) {
            s.append(i == 0 ? "" : "; ").append(malformed.get(i));
        }
        if (malformed.size() > SHOWN) {
            s.append("; … and ").append(malformed.size() - SHOWN).append(" more");
        }
        return s.toString();
    }

    private static Row row(MusicBenchClip c, Probe p, double minKeyProb) {
        List<Object> v = new ArrayList<>();
        v.add(CONCEPT);
        v.add(c.clipId());
        v.addAll(c.labelValues(minKeyProb));
        v.add(c.entry().caption());
        v.add(c.entry().altCaption());
        v.add(c.entry().location());
        v.add(p.path());
        v.add(p.durationSeconds());
        v.add(p.sampleRate());
        v.add(p.channels());
        v.add(p.peak());
        v.add(p.peak() < SynTheoryClipWriter.SILENCE_PEAK);
        return RowFactory.create(v.toArray());
    }

    /** An audio file to read: the clip and its absolute path. */
    record ProbeTask(String clipId, Location location) implements Serializable {

        String path() {
            return location.toString();
        }
    }

    /** What reading a clip's audio found: its format and peak, or why it could not be read. */
    record Probe(String clipId, String path, double durationSeconds, int sampleRate, int channels, float peak,
                 String error) implements Serializable {}

    private static Iterator<Probe> probe(Iterator<ProbeTask> tasks, LongAccumulator done) {
        List<Probe> out = new ArrayList<>();
        while (tasks.hasNext()) {
            ProbeTask t = tasks.next();
            Probe p;
            try {
                Audio a = WavFiles.read(t.location());
                if (a.frames() == 0) {
                    throw new IOException("WAV file " + t.path() + " holds no samples");
                }
                p = new Probe(t.clipId(), t.path(), a.seconds(), a.sampleRate(), a.channels(), a.peak(), null);
            } catch (IOException | RuntimeException e) {
                p = new Probe(t.clipId(), t.path(), 0, 0, 0, 0f, e.getMessage() == null ? e.toString() : e.getMessage());
            }
            out.add(p);
            done.add(1);
        }
        return out.iterator();
    }
}
