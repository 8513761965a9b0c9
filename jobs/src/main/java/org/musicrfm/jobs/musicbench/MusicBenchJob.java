package org.musicrfm.jobs.musicbench;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.musicrfm.dataset.MusicBenchAudioFile;
import org.musicrfm.dataset.MusicBenchClip;
import org.musicrfm.dataset.MusicBenchInput;
import org.musicrfm.dataset.MusicBenchReader;
import org.musicrfm.dataset.MusicBenchTable;
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
        MusicBenchReader.Result read = MusicBenchInput.read(jsonFiles, config.jsonFiles(), config.skipMalformed());
        MusicBenchClip.Selection selection = MusicBenchClip.select(read.entries());
        List<MusicBenchClip> clips = selection.clips();

        List<MusicBenchAudioFile> files = clips.stream().map(c -> new MusicBenchAudioFile(c.clipId(),
                audioRoot.resolve(c.entry().location()))).toList();
        List<MusicBenchAudioFile.Facts> facts;
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.setJobDescription("musicbench: read " + files.size() + " audio files");
        try (Progress progress = new Progress(spark.sparkContext(), "musicbench", files.size(), "clips")) {
            LongAccumulator counter = progress.counter();
            int slices = Math.max(1, (files.size() + config.clipsPerTask() - 1) / config.clipsPerTask());
            facts = jsc.parallelize(files, slices).mapPartitions(it -> MusicBenchAudioFile.readAll(it, counter))
                    .collect();
        }
        MusicBenchTable table = MusicBenchTable.build(clips, facts, read.malformed(), config.minKeyProb(), audioRoot);
        long audioErrors = table.errors().size() - read.malformed().size();
        storage.mkdirs(out);
        JobOutputs.writeTable(spark.createDataFrame(table.rows(), MusicBenchTable.schema()).orderBy("clip_id"),
                out.resolve("metadata"));
        JobOutputs.writeTable(spark.createDataFrame(table.errors(), MusicBenchTable.ERRORS).orderBy("file", "line"),
                out.resolve("errors"));
        MusicBenchJobResult result = new MusicBenchJobResult(out.toString(), table.rows().size(), table.sources(),
                table.withKey(), table.withBpm(), audioErrors, read.malformed().size(), selection.duplicates().size(),
                false);
        JobOutputs.markComplete(out, config, result);
        return result;
    }
}
