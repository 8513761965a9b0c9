package org.musicrfm.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.activations.ActivationFiles;
import org.musicrfm.activations.ActivationSchema;
import org.musicrfm.activations.SourceModel;
import org.musicrfm.audio.Audio;
import org.musicrfm.audio.SampleFormat;
import org.musicrfm.audio.WavFiles;
import org.musicrfm.dataset.Concept;
import org.musicrfm.dataset.LabelColumn;
import org.musicrfm.jobs.JobOutputs;
import org.musicrfm.jobs.SparkSessions;
import org.musicrfm.jobs.extract.ExtractJob;
import org.musicrfm.jobs.extract.ExtractJobConfig;
import org.musicrfm.jobs.extract.ExtractJobResult;
import org.musicrfm.jobs.syntheory.SynTheoryJob;
import org.musicrfm.jobs.syntheory.SynTheoryJobConfig;
import org.musicrfm.jobs.train.TrainJob;
import org.musicrfm.jobs.train.TrainJobConfig;
import org.musicrfm.jobs.train.TrainJobResult;
import org.musicrfm.model.io.Dtype;
import org.musicrfm.model.musicgen.MusicgenConfig;
import org.musicrfm.provenance.Leftovers;
import org.musicrfm.model.io.RandomCheckpoint;

/** Extraction and probe training on real Spark: local[2] vs local-cluster, failures, resume, bad input. */
class PipelineJobsTest {

    /** Clips in the SynTheory notes dataset made below. */
    static final int CLIPS = 48;
    /** Poolings the extraction writes. */
    static final List<String> POOLINGS = List.of("mean", "meanstd");
    /** Pitch classes: one one-vs-rest target each, plus the multiclass one. */
    static final int TARGETS = 12 + 1;
    /** The random model's decoder depth and EnCodec frame rate, read from its config. */
    static final int LAYERS = MusicgenConfig.from(RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY))
            .decoder().numHiddenLayers();
    static final int FRAME_RATE = MusicgenConfig.from(RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY))
            .audioEncoder().frameRate();

    @TempDir
    static Path tmp;
    static Path dataset;
    static Path model;

    @BeforeAll
    static void prepare() throws Exception {
        model = RandomCheckpoint.write(RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY),
                tmp.resolve("tiny-model"), 11L, Dtype.F32);
        Path syn = tmp.resolve("syntheory");
        SynTheoryJob.run(TestSpark.local(), new SynTheoryJobConfig(List.of(Concept.NOTES), CLIPS, null, syn.toString(),
                32_000, 1, SampleFormat.PCM_16, "/usr/share/sounds/sf2/TimGM6mb.sf2", 0L, 8));
        dataset = syn.resolve("metadata");
    }

    @AfterAll
    static void stop() {
        TestSpark.stopActive();
    }

    static ExtractJobConfig extract(Path out) {
        ExtractJobConfig d = ExtractJobConfig.defaults(dataset.toString(), model.toString(), out.toString());
        return new ExtractJobConfig(d.dataset(), null, d.model(), d.reading(), POOLINGS, false,
                List.of(), 4, 10, 4.0, "cpu", "float32", d.output(), false, 1, -1);
    }

    static TrainJobConfig train(Path activations, Path out) {
        return new TrainJobConfig(activations.toString(), "notes", "root_note_pitch_class", false, "mean", 3, 2, 2,
                0L, 0L, out.toString(), false, false);
    }

    static List<Row> activationRows(SparkSession spark, Path out) {
        return spark.read().parquet(out.resolve("activations").toString())
                .orderBy("concept", "layer", "clip_id", "pooling").collectAsList();
    }

    @Test
    void extractAndTrainGiveTheSameRowsOnLocalAndLocalCluster() throws Exception {
        Path a = tmp.resolve("extract-local");
        Path b = tmp.resolve("extract-cluster");
        SparkSession local = TestSpark.local();
        ExtractJobResult ra = ExtractJob.run(local, extract(a));
        TrainJob.run(local, train(a, tmp.resolve("train-local")));
        SparkSession cluster = TestSpark.localCluster();
        ExtractJobResult rb = ExtractJob.run(cluster, extract(b));
        TrainJob.run(cluster, train(b, tmp.resolve("train-cluster")));

        local = TestSpark.local();
        assertThat(ra.clips()).isEqualTo(CLIPS);
        assertThat(rb.clips()).isEqualTo(CLIPS);
        List<Row> rowsA = activationRows(local, a);
        assertThat(rowsA).hasSize(CLIPS * LAYERS * POOLINGS.size());
        assertThat(activationRows(local, b)).isEqualTo(rowsA);
        Row first = rowsA.get(0);
        assertThat(first.<String>getAs("model_fingerprint")).isEqualTo(ra.modelFingerprint());
        assertThat(first.<Integer>getAs("root_note_pitch_class")).isBetween(0, 11);

        List<Row> resA = local.read().parquet(tmp.resolve("train-local/results").toString())
                .orderBy("target", "layer").collectAsList();
        List<Row> resB = local.read().parquet(tmp.resolve("train-cluster/results").toString())
                .orderBy("target", "layer").collectAsList();
        assertThat(resA).hasSize(TARGETS * LAYERS);
        for (int i = 0; i < resA.size(); i++) {
            assertThat(resB.get(i).toString()).as("results row %d", i).isEqualTo(resA.get(i).toString());
        }
        assertThat(local.read().parquet(tmp.resolve("train-local/trials").toString()).count()).isEqualTo(TARGETS * LAYERS * 3); // 3 trials each
        var plot = javax.imageio.ImageIO.read(tmp.resolve("train-local").resolve(TrainJob.PLOT).toFile());
        assertThat(plot.getWidth()).isEqualTo(900);
        assertThat(tmp.resolve("train-local").resolve(TrainJob.packFileName("notes"))).isRegularFile();
    }

    @Test
    void injectedTaskFailureIsRetriedWithoutDuplicates() throws Exception {
        Path out = tmp.resolve("extract-retry");
        TestSpark.stopActive();
        SparkSession spark = SparkSessions.getOrCreate("retry", "local[2,4]"); // up to 4 attempts per task
        ExtractJobResult r = ExtractJob.run(spark, extract(out).withFailChunkOnce(1));
        assertThat(r.clips()).isEqualTo(CLIPS);
        List<Row> rows = activationRows(spark, out);
        assertThat(rows).hasSize(CLIPS * LAYERS * POOLINGS.size());
        assertThat(rows.stream().map(x -> x.getAs("clip_id") + "/" + x.getAs("layer") + "/" + x.getAs("pooling"))
                .distinct().count()).isEqualTo(rows.size());
    }

    @Test
    void rerunOfAFinishedJobDoesNoWorkAndAKilledJobResumesToTheSameOutput() throws Exception {
        SparkSession spark = TestSpark.local();
        Path reference = tmp.resolve("extract-reference");
        ExtractJob.run(spark, extract(reference));
        ExtractJobResult again = ExtractJob.run(spark, extract(reference));
        assertThat(again.skipped()).isTrue();
        assertThat(again.processed()).isZero();

        Path killed = tmp.resolve("extract-killed");
        assertThatThrownBy(() -> ExtractJob.run(spark, extract(killed).withFailChunkOnce(2)))
                .hasStackTraceContaining("injected failure");
        assertThat(killed.resolve("_COMPLETE.json")).doesNotExist();
        awaitNoRunningTasks(spark); // a chunk still running when the job failed may finish after the throw
        List<String> done = doneMarkers(killed);
        ExtractJobResult resumed = ExtractJob.run(spark, extract(killed));
        // local[2]: chunk 2 starts only after chunk 0 or 1 has finished, and its failure stops the job
        assertThat(done).hasSizeBetween(1, resumed.chunks() - 1);
        assertThat(resumed.processed()).isEqualTo(resumed.chunks() - done.size()); // exactly the chunks not done
        assertThat(activationRows(spark, killed)).isEqualTo(activationRows(spark, reference));
        assertThat(hiddenTempFiles(killed)).isEmpty();

        Path trainOut = tmp.resolve("train-rerun");
        TrainJob.run(spark, train(reference, trainOut));
        TrainJobResult t2 = TrainJob.run(spark, train(reference, trainOut));
        assertThat(t2.skipped()).isTrue();
        List<String> results = trainRows(spark, trainOut.resolve("results"));
        List<String> trials = trainRows(spark, trainOut.resolve("trials"));

        // The state a kill during train's writes leaves: trials/ published, results/ half-staged
        // (Spark's _temporary inside a hidden staging folder), the pack's temporary file, no marker.
        Files.delete(trainOut.resolve("_COMPLETE.json"));
        JobOutputs.deleteRecursively(trainOut.resolve("results"));
        Path staged = trainOut.resolve(".results.staging-" + java.util.UUID.randomUUID()).resolve("_temporary/0");
        Files.createDirectories(staged);
        Files.writeString(staged.resolve("part-00000.snappy.parquet"), "half");
        Files.writeString(trainOut.resolve(".notes.pack.safetensors." + java.util.UUID.randomUUID() + ".part"), "half");
        TrainJobResult t3 = TrainJob.run(spark, train(reference, trainOut));
        assertThat(t3.skipped()).isFalse();
        assertThat(trainRows(spark, trainOut.resolve("results"))).isEqualTo(results);
        assertThat(trainRows(spark, trainOut.resolve("trials"))).isEqualTo(trials);
        assertThat(leftovers(trainOut)).isEmpty();
        assertThat(staged.getParent().getParent()).doesNotExist();

        // New activation files for the concept (a re-extracted chunk): the finished probes are not reused.
        Path someFile;
        try (Stream<Path> s = Files.walk(reference.resolve("activations/concept=notes"))) {
            someFile = s.filter(p -> p.toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
        }
        // A file rewritten with the same rows is no change.
        Files.setLastModifiedTime(someFile, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(someFile).toMillis() + 60_000));
        assertThat(TrainJob.run(spark, train(reference, trainOut)).skipped()).isTrue();
        // One 'mean' vector changed: the probes of that layer (12 one-vs-rest + multiclass) are trained again.
        Path side = tmp.resolve("one-activation-file");
        Files.createDirectories(side);
        Files.move(someFile, side.resolve(someFile.getFileName()));
        List<GenericRecord> recs = ActivationFiles.readAll(side);
        GenericRecord mean = recs.stream().filter(r -> r.get("pooling").toString().equals("mean")).findFirst()
                .orElseThrow();
        @SuppressWarnings("unchecked")
        List<Float> vector = new ArrayList<>((List<Float>) mean.get("vector"));
        vector.set(0, vector.get(0) + 1f);
        mean.put("vector", vector);
        ActivationFiles.write(someFile, mean.getSchema(), recs);
        TrainJobResult t4 = TrainJob.run(spark, train(reference, trainOut));
        assertThat(t4.skipped()).isFalse();
        assertThat(t4.units()).isEqualTo(13 * 3);
        assertThat(t4.trained()).isEqualTo(13);
    }

    private static List<String> trainRows(SparkSession spark, Path table) {
        return spark.read().parquet(table.toString()).drop("seconds").orderBy("target", "layer").collectAsList()
                .stream().map(Row::toString).sorted().toList();
    }

    private static List<Path> leftovers(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> org.musicrfm.provenance.Leftovers.isLeftover(p.getFileName().toString())).toList();
        }
    }

    @Test
    void missingAndCorruptAudioAreListedAndTheRestGoesOn() throws Exception {
        SparkSession spark = TestSpark.local();
        Path copy = tmp.resolve("broken-syntheory");
        copyTree(dataset.getParent(), copy);
        List<Row> meta = spark.read().parquet(copy.resolve("metadata").toString()).orderBy("clip_id").collectAsList();
        Path missing = copy.resolve(meta.get(3).<String>getAs("path"));
        Path corrupt = copy.resolve(meta.get(7).<String>getAs("path"));
        Files.delete(missing);
        Files.writeString(corrupt, "RIFF....WAVEjunk");
        Path nan = copy.resolve(meta.get(11).<String>getAs("path"));
        Audio nanAudio = WavFiles.read(nan);
        float[] withNan = nanAudio.samples().clone();
        withNan[withNan.length / 2] = Float.NaN;
        WavFiles.write(nan, new Audio(withNan, nanAudio.sampleRate(), nanAudio.channels()), SampleFormat.FLOAT_32);
        Path quiet = copy.resolve(meta.get(15).<String>getAs("path"));
        float[] lsb = new float[64_000];
        for (int i = 0; i < lsb.length; i++) {
            lsb[i] = ((i % 3) - 1) / 32767f;
        }
        WavFiles.write(quiet, new Audio(lsb, 16_000, 1), SampleFormat.PCM_16);
        Path streamed = copy.resolve(meta.get(19).<String>getAs("path"));
        byte[] bytes = Files.readAllBytes(streamed);
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(40, 0); // data size never patched
        Files.write(streamed, bytes);

        Path out = tmp.resolve("extract-broken");
        ExtractJobConfig c = extract(out);
        ExtractJobResult r = ExtractJob.run(spark, new ExtractJobConfig(copy.resolve("metadata").toString(), null,
                c.model(), c.reading(), c.poolings(), false, c.layers(), c.batchSize(), c.clipsPerChunk(), 4.0, "cpu",
                "float32", out.toString(), false, 1, -1));
        assertThat(r.errors()).isEqualTo(4);
        assertThat(r.clips()).isEqualTo(44);
        Map<String, String> errors = new java.util.TreeMap<>();
        spark.read().parquet(out.resolve("errors").toString()).collectAsList()
                .forEach(e -> errors.put(e.getAs("clip_id"), e.getAs("error")));
        assertThat(errors).containsOnlyKeys(meta.get(3).<String>getAs("clip_id"), meta.get(7).<String>getAs("clip_id"),
                meta.get(11).<String>getAs("clip_id"), meta.get(15).<String>getAs("clip_id"));
        assertThat(errors.get(meta.get(3).<String>getAs("clip_id"))).contains(missing.toString());
        assertThat(errors.get(meta.get(7).<String>getAs("clip_id"))).contains(corrupt.toString());
        assertThat(errors.get(meta.get(11).<String>getAs("clip_id"))).contains(nan.toString()).contains("non-finite sample NaN");
        assertThat(errors.get(meta.get(15).<String>getAs("clip_id"))).contains(quiet.toString()).contains("silent: peak");
        assertThat(spark.read().parquet(out.resolve("activations").toString())
                .select("clip_id").distinct().count()).isEqualTo(44);
        assertThat(spark.read().parquet(out.resolve("activations").toString())
                .filter(org.apache.spark.sql.functions.col("clip_id").equalTo(meta.get(19).<String>getAs("clip_id")))
                .count()).isPositive();
    }

    @Test
    void perFrameTableHoldsEveryFrameOfEveryLayer() throws Exception {
        SparkSession spark = TestSpark.local();
        Path out = tmp.resolve("extract-frames");
        ExtractJobConfig c = extract(out).withPerFrame(true);
        ExtractJob.run(spark, new ExtractJobConfig(c.dataset(), null, c.model(), "empty_text", List.of("last"), true,
                List.of(0, 2), c.batchSize(), c.clipsPerChunk(), 2.0, "cpu", "float32", out.toString(), false, 1, -1));
        var frames = spark.read().parquet(out.resolve("frames").toString());
        int framesPerClip = 2 * FRAME_RATE; // 2 s
        assertThat(frames.count()).isEqualTo((long) CLIPS * 2 * framesPerClip); // clips × layers {0, 2} × frames
        assertThat(frames.select("frame").distinct().count()).isEqualTo(framesPerClip);
        assertThat(frames.select("layer").distinct().orderBy("layer").collectAsList().stream()
                .map(r -> r.getInt(0)).toList()).containsExactly(0, 2);
        // The last frame of the sequence is the "last" pooling.
        Row lastFrame = frames.filter("frame = " + (framesPerClip - 1) + " AND layer = 2").orderBy("clip_id").first();
        Row pooled = spark.read().parquet(out.resolve("activations").toString())
                .filter("layer = 2 AND pooling = 'last'").orderBy("clip_id").first();
        assertThat(lastFrame.<String>getAs("clip_id")).isEqualTo(pooled.getAs("clip_id"));
        assertThat(lastFrame.getList(lastFrame.fieldIndex("vector")))
                .isEqualTo(pooled.getList(pooled.fieldIndex("vector")));
    }

    @Test
    void badInputIsAClearErrorNamingTheValue() throws Exception {
        SparkSession spark = TestSpark.local();
        Path noModel = tmp.resolve("no-such-model");
        ExtractJobConfig c = ExtractJobConfig.defaults(dataset.toString(), noModel.toString(), tmp.resolve("x2").toString());
        assertThatThrownBy(() -> ExtractJob.run(spark, c)).hasMessageContaining(noModel.toString());
        assertThat(tmp.resolve("x2")).doesNotExist();

        int numLayers = SourceModel.of(model).numLayers();
        ExtractJobConfig d = extract(tmp.resolve("x5"));
        Path tooDeep = tmp.resolve("x5");
        assertThatThrownBy(() -> ExtractJob.run(spark, new ExtractJobConfig(d.dataset(), null, d.model(), d.reading(),
                d.poolings(), false, List.of(0, numLayers + 6), d.batchSize(), d.clipsPerChunk(), 4.0, "cpu", "float32",
                tooDeep.toString(), false, 1, -1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--layers " + (numLayers + 6) + ": the model " + model.toAbsolutePath() + " has " + numLayers
                        + " decoder layers (0.." + (numLayers - 1) + ")");
        assertThat(tooDeep).doesNotExist();

        Path reference = tmp.resolve("extract-for-bad-input");
        ExtractJob.run(spark, extract(reference));
        TrainJobConfig t = train(reference, tmp.resolve("x3"));
        assertThatThrownBy(() -> TrainJob.run(spark, new TrainJobConfig(t.activations(), "polyrhythms", t.label(),
                false, "mean", 2, 1, 1, 0L, 0L, t.output(), true, false)))
                .hasMessageContaining("polyrhythms").hasMessageContaining("notes");

        // NaN in the activations: the training job names the clip and file.
        Path nanTable = tmp.resolve("nan-activations");
        var schema = ActivationSchema.of(List.of(LabelColumn.optional("root_note_pitch_class", Integer.class)), false);
        List<GenericRecord> recs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            GenericRecord rec = new GenericData.Record(schema);
            rec.put("clip_id", "clip" + i);
            rec.put("dataset", "test");
            rec.put("root_note_pitch_class", i % 2);
            rec.put("pooling", "mean");
            rec.put("vector", List.of(1f, i == 13 ? Float.NaN : 0f));
            rec.put("model_fingerprint", "x");
            recs.add(rec);
        }
        new SourceModel(model.toString(), "tiny", "key", "fingerprint", 2, 1).write(nanTable);
        ActivationFiles.write(ActivationFiles.partition(nanTable.resolve("activations"), "notes", 0)
                .resolve("part.parquet"), schema, recs);
        assertThatThrownBy(() -> TrainJob.run(spark, new TrainJobConfig(nanTable.toString(), "notes",
                "root_note_pitch_class", false, "mean", 2, 1, 1, 0L, 0L, tmp.resolve("x4").toString(), true, false)))
                .hasMessageContaining("NaN").hasMessageContaining("clip13");
        assertThat(tmp.resolve("x4")).doesNotExist();

        // Two clips per class: the split leaves the test part empty; refused on the driver.
        Path fewTable = tmp.resolve("few-activations");
        List<GenericRecord> few = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            GenericRecord rec = new GenericData.Record(schema);
            rec.put("clip_id", "clip" + i);
            rec.put("dataset", "test");
            rec.put("root_note_pitch_class", i % 2);
            rec.put("pooling", "mean");
            rec.put("vector", List.of(1f, (float) i));
            rec.put("model_fingerprint", "x");
            few.add(rec);
        }
        new SourceModel(model.toString(), "tiny", "key", "fingerprint", 2, 1).write(fewTable);
        ActivationFiles.write(ActivationFiles.partition(fewTable.resolve("activations"), "notes", 0)
                .resolve("part.parquet"), schema, few);
        Path fewOut = tmp.resolve("x6");
        assertThatThrownBy(() -> TrainJob.run(spark, new TrainJobConfig(fewTable.toString(), "notes",
                "root_note_pitch_class", false, "mean", 2, 1, 1, 0L, 0L, fewOut.toString(), false, false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("too few clips for the 70/15/15 split of concept notes")
                .hasMessageContaining("4 clips give train 2, validation 2, test 0");
        assertThat(fewOut).doesNotExist();
    }

    /** The names of the chunk-complete markers under {@code _chunks}. */
    /** Waits until no executor runs a task (tasks of a failed job are not interrupted and may still finish). */
    private static void awaitNoRunningTasks(SparkSession spark) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (java.util.Arrays.stream(spark.sparkContext().statusTracker().getExecutorInfos())
                .mapToInt(org.apache.spark.SparkExecutorInfo::numRunningTasks).sum() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("tasks still running 60 s after the job failed");
            }
            Thread.sleep(50);
        }
    }

    private static List<String> doneMarkers(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root.resolve("_chunks"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".done")).sorted().toList();
        }
    }

    private static List<Path> hiddenTempFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> Leftovers.isLeftover(p.getFileName().toString())).toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
