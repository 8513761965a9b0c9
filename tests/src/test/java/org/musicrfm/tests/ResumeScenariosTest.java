package org.musicrfm.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.activations.SourceModel;
import org.musicrfm.audio.MidiRenderer;
import org.musicrfm.audio.SampleFormat;
import org.musicrfm.audio.SoundFonts;
import org.musicrfm.dataset.ClipSpec;
import org.musicrfm.dataset.SynTheoryClipWriter;
import org.musicrfm.dataset.Concept;
import org.musicrfm.jobs.JobOutputs;
import org.musicrfm.jobs.extract.ExtractJob;
import org.musicrfm.jobs.extract.ExtractJobConfig;
import org.musicrfm.jobs.extract.ExtractJobResult;
import org.musicrfm.jobs.syntheory.SynTheoryJob;
import org.musicrfm.jobs.syntheory.SynTheoryJobConfig;
import org.musicrfm.jobs.syntheory.SynTheoryJobResult;
import org.musicrfm.jobs.train.TrainJob;
import org.musicrfm.jobs.train.TrainJobConfig;
import org.musicrfm.jobs.train.TrainJobResult;
import org.musicrfm.model.io.Dtype;
import org.musicrfm.model.io.ModelIdentity;
import org.musicrfm.model.io.RandomCheckpoint;
import org.musicrfm.provenance.IdentityMismatchException;
import org.musicrfm.steering.SteeringPack;

/**
 * Re-runs into existing output folders with other inputs (real Spark local[2], real WAV and Parquet,
 * tiny random checkpoints): each ends equal to a clean run into an empty folder, or is refused before
 * any work with a message naming what differs. Kills are simulated by leaving the exact state a kill
 * leaves (the files written so far, hidden temporary files, no completion marker).
 */
class ResumeScenariosTest {

    static final String SOUNDFONT = "/usr/share/sounds/sf2/TimGM6mb.sf2";

    @TempDir
    static Path tmp;
    static Path modelA;
    static Path modelB;

    @BeforeAll
    static void models() throws Exception {
        var tiny = RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY);
        modelA = RandomCheckpoint.write(tiny, tmp.resolve("tiny-seed0"), 0L, Dtype.F32);
        modelB = RandomCheckpoint.write(tiny, tmp.resolve("tiny-seed1"), 1L, Dtype.F32);
    }

    @AfterAll
    static void stop() {
        TestSpark.stopActive();
    }

    static SynTheoryJobConfig syntheory(Path out, List<Concept> concepts, int size, long seed) {
        return new SynTheoryJobConfig(concepts, size, null, out.toString(), 32_000, 1, SampleFormat.PCM_16, SOUNDFONT,
                seed, 3);
    }

    static ExtractJobConfig extract(Path dataset, Path model, Path out, List<String> poolings, int batchSize) {
        return new ExtractJobConfig(dataset.resolve("metadata").toString(), null, model.toString(), "decoder_only",
                poolings, false, List.of(), batchSize, 3, 4.0, "cpu", "float32", out.toString(), false, 1, -1);
    }

    @Test
    void nestedSubsetsGrowThroughSyntheoryAndExtractToACleanRunsOutput() throws Exception {
        SparkSession spark = TestSpark.shared();
        List<Concept> chords = List.of(Concept.CHORDS);
        for (int batch : new int[] {4, 8}) {
            Path g = tmp.resolve("grow-b" + batch).resolve("syntheory");
            Path a = tmp.resolve("grow-b" + batch).resolve("acts");
            SynTheoryJob.run(spark, syntheory(g, chords, 4, 0L));
            ExtractJobResult small = ExtractJob.run(spark, extract(g, modelA, a, List.of("mean", "last"), batch));
            assertThat(small.clips()).isEqualTo(4);
            Map<Path, Long> smallFiles = fileTimes(a.resolve("_chunks"));
            SynTheoryJobResult grown = SynTheoryJob.run(spark, syntheory(g, chords, 8, 0L));
            assertThat(grown.rendered()).isEqualTo(4); // the 4 shared clips are kept
            ExtractJobResult r = ExtractJob.run(spark, extract(g, modelA, a, List.of("mean", "last"), batch));
            assertThat(r.skipped()).isFalse();
            assertThat(r.clips()).isEqualTo(8);
            // Chunks holding only shared clips are kept as they were; the others are computed.
            Map<Path, Long> grownFiles = fileTimes(a.resolve("_chunks"));
            long kept = grownFiles.entrySet().stream()
                    .filter(e -> e.getKey().toString().endsWith(".done") && e.getValue().equals(smallFiles.get(e.getKey())))
                    .count();
            assertThat(r.processed()).isEqualTo(r.chunks() - kept);

            Path cg = tmp.resolve("clean-grow-b" + batch).resolve("syntheory");
            Path ca = tmp.resolve("clean-grow-b" + batch).resolve("acts");
            SynTheoryJob.run(spark, syntheory(cg, chords, 8, 0L));
            ExtractJob.run(spark, extract(cg, modelA, ca, List.of("mean", "last"), batch));
            assertSameDataset(spark, g, cg);
            List<Row> rows = activationRows(spark, a);
            assertThat(rows).hasSize(8 * 3 * 2); // clips × layers × poolings, no duplicates
            assertThat(distinctKeys(rows)).isEqualTo(rows.size());
            assertThat(rows).isEqualTo(activationRows(spark, ca));
            assertThat(markerClips(a)).isEqualTo(markerClips(ca));
        }
        // Rows do not depend on the batch size: a clean run at 4 equals a clean run at 8.
        assertThat(activationRows(spark, tmp.resolve("clean-grow-b4/acts")))
                .isEqualTo(activationRows(spark, tmp.resolve("clean-grow-b8/acts")));
    }

    @Test
    void anotherCheckpointIsRefusedBeforeAnyWorkAndOverwriteGivesACleanRun() throws Exception {
        SparkSession spark = TestSpark.shared();
        Path g = tmp.resolve("ckpt").resolve("syntheory");
        Path a = tmp.resolve("ckpt").resolve("acts");
        SynTheoryJob.run(spark, syntheory(g, List.of(Concept.NOTES), 3, 0L));
        ExtractJob.run(spark, extract(g, modelA, a, List.of("mean"), 4));
        String fpA = ModelIdentity.of(modelA).fingerprint();
        String fpB = ModelIdentity.of(modelB).fingerprint();
        assertThat(fpB).isNotEqualTo(fpA);
        Map<Path, Long> before = fileTimes(a);

        assertThatThrownBy(() -> ExtractJob.run(spark, extract(g, modelB, a, List.of("mean"), 4)))
                .isInstanceOf(IdentityMismatchException.class)
                .hasMessageContaining("model_fingerprint=" + fpA).hasMessageContaining("model_fingerprint=" + fpB)
                .hasMessageContaining("--out").hasMessageContaining("--overwrite");
        assertThat(fileTimes(a)).isEqualTo(before);

        ExtractJobResult r = ExtractJob.run(spark, extract(g, modelB, a, List.of("mean"), 4), true);
        assertThat(r.modelFingerprint()).isEqualTo(fpB);
        Path clean = tmp.resolve("ckpt-clean").resolve("acts");
        ExtractJob.run(spark, extract(g, modelB, clean, List.of("mean"), 4));
        List<Row> rows = activationRows(spark, a);
        assertThat(rows).isEqualTo(activationRows(spark, clean));
        assertThat(rows.stream().map(x -> x.<String>getAs("model_fingerprint")).distinct().toList())
                .containsExactly(fpB);
        assertThat(SourceModel.read(a).fingerprint()).isEqualTo(fpB);
        assertThat(marker(a).getAsJsonObject("result").get("modelFingerprint").getAsString()).isEqualTo(fpB);
    }

    @Test
    void poolingChangeEndsWithTheNewPoolingsOnlyAndTheMarkerSaysSo() throws Exception {
        SparkSession spark = TestSpark.shared();
        Path g = tmp.resolve("pool").resolve("syntheory");
        Path a = tmp.resolve("pool").resolve("acts");
        SynTheoryJob.run(spark, syntheory(g, List.of(Concept.NOTES), 3, 0L));
        ExtractJob.run(spark, extract(g, modelA, a, List.of("mean", "last"), 4));
        ExtractJobResult r = ExtractJob.run(spark, extract(g, modelA, a, List.of("max"), 4));
        assertThat(r.skipped()).isFalse();
        assertThat(r.processed()).isEqualTo(r.chunks());

        Path clean = tmp.resolve("pool-clean").resolve("acts");
        ExtractJob.run(spark, extract(g, modelA, clean, List.of("max"), 4));
        List<Row> rows = activationRows(spark, a);
        assertThat(rows.stream().map(x -> x.<String>getAs("pooling")).distinct().toList()).containsExactly("max");
        assertThat(rows).isEqualTo(activationRows(spark, clean));
        assertThat(marker(a).getAsJsonObject("config").getAsJsonArray("poolings").toString()).isEqualTo("[\"max\"]");
        assertThat(relativeFiles(a.resolve("activations"))).isEqualTo(relativeFiles(clean.resolve("activations")));
    }

    @Test
    void anotherSeedRerendersChangedCropsAndRemovesClipsOfTheOldSelection() throws Exception {
        SparkSession spark = TestSpark.shared();
        List<Concept> concepts = List.of(Concept.TIME_SIGNATURES, Concept.CHORDS);
        Path g = tmp.resolve("seed").resolve("syntheory");
        SynTheoryJob.run(spark, syntheory(g, concepts, 4, 0L));
        List<Path> seed0 = wavs(g);
        // Clips both seeds select: the seed-1 selection rendered with seed-0 crops, as a folder whose
        // seed-0 selection held them would have them.
        SynTheoryClipWriter seed0Writer = new SynTheoryClipWriter(g, new MidiRenderer(SoundFonts.loadShared(SOUNDFONT),
                32_000, 1), SampleFormat.PCM_16, 0L);
        for (ClipSpec spec : SynTheoryJob.select(syntheory(g, concepts, 4, 1L))) {
            seed0Writer.write(spec);
        }
        Map<Path, byte[]> shared = new TreeMap<>();
        for (Path rel : wavs(g)) {
            shared.put(rel, Files.readAllBytes(g.resolve(rel)));
        }
        SynTheoryJobResult r = SynTheoryJob.run(spark, syntheory(g, concepts, 4, 1L));
        assertThat(r.skipped()).isFalse();

        Path clean = tmp.resolve("seed-clean").resolve("syntheory");
        SynTheoryJob.run(spark, syntheory(clean, concepts, 4, 1L));
        assertSameDataset(spark, g, clean);
        List<Path> seed1 = wavs(clean);
        assertThat(seed0).isNotEqualTo(seed1);
        assertThat(wavs(g)).doesNotContainAnyElementsOf(seed0.stream().filter(p -> !seed1.contains(p)).toList());
        // The seed-0 crops of time-signature clips were replaced; chords do not depend on the seed.
        List<Path> changed = seed1.stream().filter(p -> !java.util.Arrays.equals(shared.get(p), bytes(g.resolve(p))))
                .toList();
        assertThat(changed).isNotEmpty().allSatisfy(p -> assertThat(p.toString()).contains("time_signatures"));
    }

    static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void originalFormatIntoA32kFolderIsRefusedAndOverwriteGivesACleanRun() throws Exception {
        TestSpark.shared();
        Path g = tmp.resolve("format").resolve("syntheory");
        String[] common = {"syntheory", "--concepts", "chords", "--subset-size", "2", "--out", g.toString(),
                "--master", "local[2]"};
        assertThat(SynTheoryJobTest.cli(common).code()).isZero();
        Map<Path, Long> before = fileTimes(g);

        SynTheoryJobTest.Result refused = SynTheoryJobTest.cli(concat(common, "--original-format"));
        assertThat(refused.code()).isNotZero();
        String message = refused.err().strip();
        assertThat(message.lines().count()).isEqualTo(1);
        assertThat(message).contains("sample_rate=32000").contains("sample_rate=44100").contains("channels=1")
                .contains("channels=2").contains("--overwrite").contains("--out");
        assertThat(fileTimes(g)).isEqualTo(before);

        assertThat(SynTheoryJobTest.cli(concat(common, "--original-format", "--overwrite")).code()).isZero();
        Path clean = tmp.resolve("format-clean").resolve("syntheory");
        String[] cleanArgs = common.clone();
        cleanArgs[6] = clean.toString();
        assertThat(SynTheoryJobTest.cli(concat(cleanArgs, "--original-format")).code()).isZero();
        SparkSession spark = TestSpark.shared();
        assertSameDataset(spark, g, clean);
        assertThat(sortedRows(spark, g).get(0).<Integer>getAs("sample_rate")).isEqualTo(44_100);
        assertThat(marker(g).getAsJsonObject("config").get("sampleRate").getAsInt()).isEqualTo(44_100);
    }

    @Test
    void killDuringTheMetadataWriteResumesToACleanRun() throws Exception {
        SparkSession spark = TestSpark.shared();
        List<Concept> notes = List.of(Concept.NOTES);
        Path g = tmp.resolve("kill-meta").resolve("syntheory");
        SynTheoryJob.run(spark, syntheory(g, notes, 3, 0L));
        Path oldMetadata = tmp.resolve("kill-meta").resolve("metadata-of-3");
        copyTree(g.resolve("metadata"), oldMetadata);
        SynTheoryJob.run(spark, syntheory(g, notes, 6, 0L));
        // The state a kill during the 6-clip run's metadata write leaves: every clip rendered, the old
        // table still in place, Spark's half-written staging folder beside it, a clip's temporary
        // file, no completion marker.
        JobOutputs.deleteRecursively(g.resolve("metadata"));
        copyTree(oldMetadata, g.resolve("metadata"));
        Files.delete(g.resolve(JobOutputs.MARKER));
        Path staging = g.resolve(".metadata.staging-" + java.util.UUID.randomUUID()).resolve("_temporary/0");
        Files.createDirectories(staging);
        Files.writeString(staging.resolve("part-00000.snappy.parquet"), "half");
        Path wavTmp = g.resolve("audio/notes/.x.wav." + java.util.UUID.randomUUID() + ".part");
        Files.writeString(wavTmp, "half");

        SynTheoryJobResult resumed = SynTheoryJob.run(spark, syntheory(g, notes, 6, 0L));
        assertThat(resumed.rendered()).isZero();
        Path clean = tmp.resolve("kill-meta-clean").resolve("syntheory");
        SynTheoryJob.run(spark, syntheory(clean, notes, 6, 0L));
        assertSameDataset(spark, g, clean);
        assertThat(leftovers(g)).isEmpty();
        assertThat(wavTmp).doesNotExist();
        assertThat(staging.getParent().getParent()).doesNotExist();
    }

    @Test
    void killDuringAnExtractWriteResumesToACleanRunAndLeftoversGo() throws Exception {
        SparkSession spark = TestSpark.shared();
        Path g = tmp.resolve("kill-extract").resolve("syntheory");
        Path a = tmp.resolve("kill-extract").resolve("acts");
        SynTheoryJob.run(spark, syntheory(g, List.of(Concept.NOTES), 6, 0L));
        ExtractJobConfig config = extract(g, modelA, a, List.of("mean"), 4).withPerFrame(true);
        ExtractJob.run(spark, config);
        List<Row> reference = activationRows(spark, a);
        long frames = spark.read().parquet(a.resolve("frames").toString()).count();

        // A kill while a chunk was writing its layer files: one file renamed into place, one still a
        // hidden temporary file (and its checksum), no done marker, no completion marker.
        Path chunkMarker;
        try (Stream<Path> s = Files.list(a.resolve("_chunks"))) {
            chunkMarker = s.filter(p -> p.toString().endsWith(".done")).sorted().findFirst().orElseThrow();
        }
        String chunk = chunkMarker.getFileName().toString().replace(".done", "");
        Files.delete(chunkMarker);
        Files.delete(a.resolve(JobOutputs.MARKER));
        Path layer1 = a.resolve("frames/concept=notes/layer=1");
        Files.delete(layer1.resolve(chunk + ".parquet"));
        String tmpName = "." + chunk + ".parquet." + java.util.UUID.randomUUID() + ".tmp";
        Files.writeString(layer1.resolve(tmpName), "partial");
        Files.writeString(layer1.resolve("." + tmpName + ".crc"), "partial");
        // And an orphan of an older run's chunk that no longer belongs.
        Files.copy(a.resolve("activations/concept=notes/layer=0").resolve(chunk + ".parquet"),
                a.resolve("activations/concept=notes/layer=0/notes-0000000000000000.parquet"));

        ExtractJobResult resumed = ExtractJob.run(spark, config);
        assertThat(resumed.processed()).isEqualTo(1);
        assertThat(activationRows(spark, a)).isEqualTo(reference);
        assertThat(spark.read().parquet(a.resolve("frames").toString()).count()).isEqualTo(frames);
        assertThat(leftovers(a)).isEmpty();
        assertThat(layer1.resolve(tmpName)).doesNotExist();
        assertThat(layer1.resolve("." + tmpName + ".crc")).doesNotExist();
        assertThat(a.resolve("activations/concept=notes/layer=0/notes-0000000000000000.parquet")).doesNotExist();
    }

    @Test
    void aWavReplacedInPlaceWithTheSameSizeIsExtractedAgain() throws Exception {
        SparkSession spark = TestSpark.shared();
        Path g = tmp.resolve("replaced").resolve("syntheory");
        Path a = tmp.resolve("replaced").resolve("acts");
        SynTheoryJob.run(spark, syntheory(g, List.of(Concept.NOTES), 6, 0L));
        ExtractJob.run(spark, extract(g, modelA, a, List.of("mean"), 4));
        List<Row> meta = sortedRows(spark, g);
        Path target = g.resolve(meta.get(0).<String>getAs("path"));
        byte[] other = Files.readAllBytes(g.resolve(meta.get(5).<String>getAs("path")));
        assertThat(other.length).isEqualTo(Files.size(target));
        assertThat(other).isNotEqualTo(Files.readAllBytes(target));
        java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(target);
        Files.write(target, other);
        Files.setLastModifiedTime(target, time); // same size, same time: only the content differs

        ExtractJobResult r = ExtractJob.run(spark, extract(g, modelA, a, List.of("mean"), 4));
        assertThat(r.skipped()).isFalse();
        assertThat(r.processed()).isEqualTo(1);
        Path clean = tmp.resolve("replaced-clean").resolve("acts");
        ExtractJob.run(spark, extract(g, modelA, clean, List.of("mean"), 4));
        assertThat(activationRows(spark, a)).isEqualTo(activationRows(spark, clean));
    }

    static ExtractJobConfig extractLayers(Path dataset, Path model, Path out, List<Integer> layers) {
        return new ExtractJobConfig(dataset.resolve("metadata").toString(), null, model.toString(), "decoder_only",
                List.of("mean"), false, layers, 4, 3, 4.0, "cpu", "float32", out.toString(), false, 1, -1);
    }

    static TrainJobConfig train(Path activations, Path out) {
        return new TrainJobConfig(activations.toString(), "chords", "chord_type", false, "mean", 2, 1, 2, 0L, 0L,
                out.toString(), false, false, null, "all");
    }

    @Test
    void trainKeepsProbesWhoseRowsAreUnchangedRemovesTheRestAndEndsEqualToACleanRun() throws Exception {
        SparkSession spark = TestSpark.shared();
        Path g = tmp.resolve("train").resolve("syntheory");
        Path a = tmp.resolve("train").resolve("acts");
        Path t = tmp.resolve("train").resolve("probes");
        SynTheoryJob.run(spark, syntheory(g, List.of(Concept.CHORDS), 16, 0L));
        ExtractJob.run(spark, extractLayers(g, modelA, a, List.of(0, 1)));
        TrainJobResult first = TrainJob.run(spark, train(a, t));
        int targets = first.targets().size();
        assertThat(targets).isEqualTo(5); // 4 chord types one-vs-rest + multiclass
        assertThat(first.units()).isEqualTo(targets * 2);
        assertThat(first.trained()).isEqualTo(targets * 2);
        // Provenance of the pack and of every results row: how the probes were trained, and on what.
        var provenance = SteeringPack.read(t.resolve(TrainJob.packFileName("chords"))).provenance();
        assertThat(provenance.dataset()).isEqualTo("syntheory"); // the clips' dataset, not the folder's name
        var training = provenance.training();
        assertThat(training).containsEntry("pooling", "mean").containsEntry("reading", "decoder_only")
                .containsEntry("label", "chord_type").containsEntry("trials", "2").containsEntry("iters", "1")
                .containsEntry("search", "full").containsEntry("split_seed", "0").containsEntry("search_seed", "0");
        String fingerprint01 = training.get("activations_fingerprint");
        assertThat(fingerprint01).matches("[0-9a-f]{64}");
        assertThat(spark.read().parquet(t.resolve("results").toString()).select("activations_fingerprint", "pooling",
                "label", "trials").distinct().collectAsList().stream().map(Row::toString).toList())
                .containsExactly("[" + fingerprint01 + ",mean,chord_type,2]");

        // Layer 2 added: every chunk is extracted again (another --layers), but the rows of layers 0
        // and 1 are the same, so their probes are kept and only layer 2's are trained.
        ExtractJob.run(spark, extractLayers(g, modelA, a, List.of(0, 1, 2)));
        TrainJobResult grown = TrainJob.run(spark, train(a, t));
        assertThat(grown.skipped()).isFalse();
        assertThat(grown.units()).isEqualTo(targets * 3);
        assertThat(grown.trained()).isEqualTo(targets);
        assertThat(SteeringPack.read(t.resolve(TrainJob.packFileName("chords"))).provenance().training()
                .get("activations_fingerprint")).matches("[0-9a-f]{64}").isNotEqualTo(fingerprint01);
        assertSameTraining(spark, t, TrainJob.run(spark, train(a, tmp.resolve("train-clean-012"))).output());

        // Layer 1 dropped: nothing to train; its probes leave every table, the pack and probes/.
        ExtractJob.run(spark, extractLayers(g, modelA, a, List.of(0, 2)));
        TrainJobResult shrunk = TrainJob.run(spark, train(a, t));
        assertThat(shrunk.units()).isEqualTo(targets * 2);
        assertThat(shrunk.trained()).isZero();
        assertThat(relativeFiles(t.resolve("_units"))).noneMatch(f -> f.contains("layer1"));
        Path clean02 = Path.of(TrainJob.run(spark, train(a, tmp.resolve("train-clean-02"))).output());
        assertSameTraining(spark, t, clean02.toString());
        assertThat(spark.read().parquet(t.resolve("results").toString()).select("layer").distinct()
                .orderBy("layer").collectAsList().stream().map(r -> r.getInt(0)).toList()).containsExactly(0, 2);

        // A kill during train: one unit finished but unmarked (its results written, a temporary file
        // beside them), tables half-replaced, no completion marker. The resume trains that unit only.
        Files.delete(t.resolve("_units/layer2.multiclass.done"));
        Files.writeString(t.resolve("_units/.layer2.multiclass.result." + java.util.UUID.randomUUID() + ".tmp"), "x");
        Files.delete(t.resolve(JobOutputs.MARKER));
        JobOutputs.deleteRecursively(t.resolve("results"));
        TrainJobResult resumed = TrainJob.run(spark, train(a, t));
        assertThat(resumed.trained()).isEqualTo(1);
        assertSameTraining(spark, t, clean02.toString());
        assertThat(leftovers(t)).isEmpty();
        assertThat(TrainJob.run(spark, train(a, t)).skipped()).isTrue();
    }

    /** Tables row for row (trial timings aside), pack, plot, probes and unit markers byte for byte. */
    static void assertSameTraining(SparkSession spark, Path out, String clean) throws IOException {
        Path c = Path.of(clean);
        for (String table : List.of("results", "trials", "splits")) {
            assertThat(trainRows(spark, out.resolve(table))).as(table).isEqualTo(trainRows(spark, c.resolve(table)));
        }
        List<String> files = new ArrayList<>(relativeFiles(out.resolve("probes")));
        files.add(TrainJob.packFileName("chords"));
        files.add(TrainJob.PLOT);
        assertThat(relativeFiles(c.resolve("probes")).size()).isEqualTo(files.size() - 2);
        for (String f : relativeFiles(out.resolve("_units"))) {
            if (f.endsWith(".done") || f.contains(".probe.")) {
                files.add("_units/" + f);
            }
        }
        assertThat(relativeFiles(out.resolve("_units"))).isEqualTo(relativeFiles(c.resolve("_units")));
        for (String f : files) {
            Path p = f.startsWith("_units/") || f.equals(TrainJob.PLOT) || f.endsWith(".pack.safetensors")
                    ? Path.of(f) : Path.of("probes", f);
            assertThat(Files.readAllBytes(out.resolve(p))).as(p.toString()).isEqualTo(Files.readAllBytes(c.resolve(p)));
        }
    }

    static List<String> trainRows(SparkSession spark, Path table) {
        var df = spark.read().parquet(table.toString());
        if (List.of(df.columns()).contains("seconds")) {
            df = df.drop("seconds");
        }
        return df.collectAsList().stream().map(Row::toString).sorted().toList();
    }

    // ---- helpers

    static void assertSameDataset(SparkSession spark, Path a, Path b) throws IOException {
        assertThat(sortedRows(spark, a)).isEqualTo(sortedRows(spark, b));
        List<Path> wavs = wavs(a);
        assertThat(wavs).isEqualTo(wavs(b));
        for (Path rel : wavs) {
            assertThat(Files.readAllBytes(a.resolve(rel))).as(rel.toString()).isEqualTo(Files.readAllBytes(b.resolve(rel)));
        }
    }

    static List<Row> sortedRows(SparkSession spark, Path dataset) {
        return spark.read().parquet(dataset.resolve("metadata").toString()).orderBy("clip_id").collectAsList();
    }

    static List<Row> activationRows(SparkSession spark, Path out) {
        return spark.read().parquet(out.resolve("activations").toString())
                .orderBy("concept", "layer", "clip_id", "pooling").collectAsList();
    }

    static long distinctKeys(List<Row> rows) {
        return rows.stream().map(x -> x.getAs("clip_id") + "/" + x.getAs("layer") + "/" + x.getAs("pooling"))
                .distinct().count();
    }

    static JsonObject marker(Path dir) throws IOException {
        return JsonParser.parseString(Files.readString(dir.resolve(JobOutputs.MARKER))).getAsJsonObject();
    }

    /** Chunk marker name -> its clips, read from {@code _chunks/*.done}. */
    static Map<String, String> markerClips(Path out) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(out.resolve("_chunks"))) {
            for (Path p : s.filter(x -> x.toString().endsWith(".done")).toList()) {
                m.put(p.getFileName().toString(), JsonParser.parseString(Files.readString(p)).getAsJsonObject()
                        .get("clips").toString());
            }
        }
        return m;
    }

    static List<Path> wavs(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".wav")).map(root::relativize).sorted().toList();
        }
    }

    static List<String> relativeFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    static List<Path> leftovers(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> org.musicrfm.provenance.Leftovers.isLeftover(p.getFileName().toString())).toList();
        }
    }

    static Map<Path, Long> fileTimes(Path root) throws IOException {
        Map<Path, Long> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(root.relativize(p), Files.getLastModifiedTime(p).toMillis());
            }
        }
        return m;
    }

    static String[] concat(String[] a, String... b) {
        List<String> l = new ArrayList<>(List.of(a));
        l.addAll(List.of(b));
        return l.toArray(new String[0]);
    }

    static void copyTree(Path from, Path to) throws IOException {
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
