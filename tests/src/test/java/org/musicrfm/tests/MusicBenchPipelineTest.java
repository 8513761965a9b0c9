package org.musicrfm.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.activations.SourceModel;
import org.musicrfm.audio.Audio;
import org.musicrfm.audio.PitchEstimator;
import org.musicrfm.audio.TempoEstimator;
import org.musicrfm.audio.WavFiles;
import org.musicrfm.dataset.MusicKey;
import org.musicrfm.jobs.cli.Main;
import org.musicrfm.jobs.extract.ExtractJob;
import org.musicrfm.jobs.extract.ExtractJobConfig;
import org.musicrfm.jobs.extract.ExtractJobResult;
import org.musicrfm.jobs.musicbench.MusicBenchJob;
import org.musicrfm.jobs.musicbench.MusicBenchJobConfig;
import org.musicrfm.jobs.musicbench.MusicBenchJobResult;
import org.musicrfm.jobs.train.TrainJob;
import org.musicrfm.jobs.train.TrainJobConfig;
import org.musicrfm.jobs.train.TrainJobResult;
import org.musicrfm.model.io.Dtype;
import org.musicrfm.model.io.RandomCheckpoint;
import org.musicrfm.rfm.probe.ProbeKind;

/**
 * The MusicBench path on real Spark local[2]: the musicbench job on a sample in the real format
 * (made here, with the real files' quirks), then extract (10 s clips) and train (key mode and tempo)
 * on the tiny random model, with the split grouped by recording.
 */
class MusicBenchPipelineTest {

    @TempDir
    static Path tmp;
    static MusicBenchSample sample;
    static Path model;
    static Path dataset;
    static MusicBenchJobResult loaded;
    static final double MIN_KEYPROB = 0.5;

    @BeforeAll
    static void prepare() throws Exception {
        sample = MusicBenchSample.write(tmp.resolve("MusicBench"));
        model = RandomCheckpoint.write(RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY),
                tmp.resolve("tiny-model"), 11L, Dtype.F32);
        dataset = tmp.resolve("musicbench-table");
        loaded = MusicBenchJob.run(TestSpark.local(), config(dataset, true));
    }

    @AfterAll
    static void stop() {
        TestSpark.stopActive();
    }

    static MusicBenchJobConfig config(Path out, boolean skipMalformed) {
        List<String> json = List.of(MusicBenchSample.TRAIN, MusicBenchSample.TEST_A, MusicBenchSample.TEST_B).stream()
                .map(f -> sample.root.resolve(f).toString()).toList();
        return new MusicBenchJobConfig(json, sample.root.resolve("datashare").toString(), MIN_KEYPROB, skipMalformed,
                out.toString(), 4);
    }

    static int lineOf(String file, String location) throws Exception {
        List<String> lines = Files.readAllLines(sample.root.resolve(file));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"location\": \"" + location + "\"")) {
                return i + 1;
            }
        }
        throw new AssertionError(location + " not in " + file);
    }

    @Test
    void theSampleAudioIsInItsLabelledKeyAndTempo() throws Exception {
        for (MusicBenchSample.Line l : sample.clips()) {
            Audio a = WavFiles.read(sample.root.resolve("datashare").resolve(l.location()));
            assertThat(a.seconds()).isEqualTo(10.0);
            assertThat(PitchEstimator.pitchClass(a)).as("tonic of %s", l.location())
                    .isEqualTo(MusicKey.pitchClass(l.tonic()));
            assertThat(TempoEstimator.bpm(a)).as("tempo of %s", l.location()).isCloseTo(l.renderBpm(), within(1.0));
        }
    }

    @Test
    void aMalformedLineFailsTheJobBeforeAnyOutputNamingFileAndLine() {
        Path out = tmp.resolve("strict");
        assertThatThrownBy(() -> MusicBenchJob.run(TestSpark.local(), config(out, false)))
                .hasMessageContaining(sample.root.resolve(MusicBenchSample.TRAIN) + ":" + sample.malformedLine + ":")
                .hasMessageContaining("1 malformed MusicBench line");
        assertThat(out).doesNotExist();
    }

    @Test
    void everyClipHasItsLabelsWithEnharmonicsUnifiedAndLowKeyprobKeysLeftOut() {
        SparkSession spark = TestSpark.local();
        List<MusicBenchSample.Line> expected = sample.clips();
        assertThat(loaded.clips()).isEqualTo(expected.size()).isEqualTo(22);
        assertThat(loaded.sources()).isEqualTo(12);
        assertThat(loaded.audioErrors()).isEqualTo(1);
        assertThat(loaded.malformed()).isEqualTo(1);
        assertThat(loaded.duplicates()).isEqualTo(2);
        assertThat(loaded.withBpm()).isEqualTo(expected.stream().filter(l -> l.bpm() != null).count()).isEqualTo(19);
        assertThat(loaded.withKey()).isEqualTo(expected.stream().filter(l -> l.keyProb() >= MIN_KEYPROB).count())
                .isEqualTo(20);

        Map<String, Row> rows = new HashMap<>();
        spark.read().parquet(dataset.resolve("metadata").toString()).collectAsList()
                .forEach(r -> rows.put(r.getAs("clip_id"), r));
        assertThat(rows).hasSize(expected.size());
        for (MusicBenchSample.Line l : expected) {
            Row r = rows.get(l.clipId());
            assertThat(r).as(l.clipId()).isNotNull();
            assertThat(r.<String>getAs("concept")).isEqualTo("musicbench");
            assertThat(r.<String>getAs("source_id")).as(l.clipId()).isEqualTo(l.source());
            assertThat(r.<String>getAs("subset")).isEqualTo(l.file().equals(MusicBenchSample.TRAIN) ? "train" : "test_A");
            assertThat(r.<Double>getAs("bpm")).as("bpm of %s", l.clipId()).isEqualTo(l.bpm());
            assertThat(r.<Integer>getAs("beat_count")).isEqualTo(l.beatsPerBar());
            assertThat(r.<Double>getAs("keyprob")).isEqualTo(l.keyProb());
            if (l.keyProb() >= MIN_KEYPROB) {
                MusicKey key = MusicKey.parse(l.tonic(), l.mode());
                assertThat(r.<String>getAs("key")).as("key of %s", l.clipId()).isEqualTo(key.label());
                assertThat(r.<String>getAs("tonic")).isEqualTo(key.tonicName());
                assertThat(r.<String>getAs("mode")).isEqualTo(l.mode());
            } else {
                assertThat(r.<String>getAs("key")).as("key of %s", l.clipId()).isNull();
                assertThat(r.<String>getAs("tonic")).isNull();
                assertThat(r.<String>getAs("mode")).isNull();
            }
            assertThat(r.<String>getAs("path")).isEqualTo(sample.root.resolve("datashare").resolve(l.location())
                    .toString());
            assertThat(r.<Double>getAs("duration_seconds")).isEqualTo(10.0);
            assertThat(r.<Integer>getAs("sample_rate")).isEqualTo(MusicBenchSample.RATE);
            assertThat(r.<Boolean>getAs("is_silent")).isFalse();
            assertThat(r.<String>getAs("caption")).contains(l.tonic() + " " + l.mode());
        }
        // Enharmonic spellings: Db major and C# major are one key; Ab minor (Essentia) is G# minor, like the
        // Ab-spelled pitch shift of G minor.
        assertThat(rows.get("data/odzi_VK8m3k").<String>getAs("key")).isEqualTo("C# major");
        assertThat(rows.get("data/xN9tKWgXLI4").<String>getAs("key")).isEqualTo("C# major");
        assertThat(rows.get("data/-0SdAVK79lg").<String>getAs("key")).isEqualTo("G# minor");
        assertThat(rows.get("data_aug2/Zz9_Yy8-Xx7_1").<String>getAs("key")).isEqualTo("G# minor");
        assertThat(rows.get("data_aug2/xN9tKWgXLI4_1").<String>getAs("key")).isEqualTo("D# major");
        assertThat(rows.get("data/ckOe-8qdaew").<String>getAs("key")).isNull();     // keyprob 0.2
        assertThat(rows.get("data/ckOe-8qdaew").<Double>getAs("bpm")).isEqualTo(140.0); // tempo stays
        assertThat(rows.get("data/odzi_VK8m3k").<Double>getAs("bpm")).isNull();      // MusicBench bpm null
    }

    @Test
    void missingAudioAndTheSkippedMalformedLineAreInTheErrorsTable() throws Exception {
        List<Row> errors = TestSpark.local().read().parquet(dataset.resolve("errors").toString())
                .orderBy("file", "line").collectAsList();
        assertThat(errors).hasSize(2);
        Path train = sample.root.resolve(MusicBenchSample.TRAIN);
        Row missing = errors.stream().filter(r -> !r.isNullAt(r.fieldIndex("clip_id"))).findFirst().orElseThrow();
        Path missingWav = sample.root.resolve("datashare").resolve(sample.missingLocation);
        assertThat(missing.<String>getAs("file")).isEqualTo(train.toString());
        assertThat(missing.<Integer>getAs("line")).isEqualTo(lineOf(MusicBenchSample.TRAIN, sample.missingLocation));
        assertThat(missing.<String>getAs("clip_id")).isEqualTo("data/missingWav0");
        assertThat(missing.<String>getAs("path")).isEqualTo(missingWav.toString());
        assertThat(missing.<String>getAs("error")).contains("not found").contains(missingWav.toString());
        Row malformed = errors.stream().filter(r -> r.isNullAt(r.fieldIndex("clip_id"))).findFirst().orElseThrow();
        assertThat(malformed.<String>getAs("file")).isEqualTo(train.toString());
        assertThat(malformed.<Integer>getAs("line")).isEqualTo(sample.malformedLine);
        assertThat(malformed.<String>getAs("error")).startsWith("malformed line: not valid JSON");
    }

    @Test
    void theCommandFindsTheFilesAndTheDatashareFolderAndARerunDoesNothing() throws Exception {
        Path out = tmp.resolve("cli-table");
        String[] args = {"musicbench", "--root", sample.root.toString(), "--min-keyprob", "0.5", "--skip-malformed",
                "--clips-per-task", "4", "--out", out.toString(), "--master", "local[2]"};
        TestSpark.stopActive();
        assertThat(run(args)).contains("wrote 22 clips of 12 recordings (20 with a key label, 19 with a tempo; "
                + "1 missing or unreadable audio, 1 malformed lines, 2 duplicate lines)");
        assertThat(run(args)).startsWith("already complete, nothing to do: 22 clips");
        List<Row> a = TestSpark.local().read().parquet(out.resolve("metadata").toString()).orderBy("clip_id")
                .collectAsList();
        List<Row> b = TestSpark.local().read().parquet(dataset.resolve("metadata").toString()).orderBy("clip_id")
                .collectAsList();
        assertThat(a).isEqualTo(b);
    }

    private static String run(String[] args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.commandLine().execute(args)).isZero();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void extractReadsTenSecondClipsAndTrainKeepsEachRecordingInOneSplit() throws Exception {
        SparkSession spark = TestSpark.local();
        Path acts = tmp.resolve("musicbench-acts");
        ExtractJobConfig d = ExtractJobConfig.defaults(dataset.resolve("metadata").toString(), model.toString(),
                acts.toString());
        ExtractJobResult ex = ExtractJob.run(spark, new ExtractJobConfig(d.dataset(), null, d.model(), d.reading(),
                List.of("mean"), false, List.of(), 4, 8, 10.0, "cpu", "float32", d.output(), false, 1, -1));
        int layers = SourceModel.of(model).numLayers();
        assertThat(ex.clips()).isEqualTo(22);
        assertThat(ex.errors()).isZero();
        assertThat(SourceModel.read(acts).clipSeconds()).isEqualTo(10.0);
        var table = spark.read().parquet(acts.resolve("activations").toString());
        assertThat(table.count()).isEqualTo(22L * layers);
        assertThat(List.of(table.columns())).contains("key", "tonic", "mode", "bpm", "beat_count", "source_id",
                "clip_seconds").doesNotContain("caption", "alt_caption", "location", "path");
        assertThat(table.select("concept").distinct().collectAsList()).extracting(r -> r.getString(0))
                .containsExactly("musicbench");
        assertThat(table.select("clip_seconds").distinct().collectAsList()).extracting(r -> r.getDouble(0))
                .containsExactly(10.0);

        // Mode (classification): keyless clips (low keyprob) are not in its probe.
        TrainJobResult mode = TrainJob.run(spark, new TrainJobConfig(acts.toString(), "musicbench", "mode", false,
                "mean", 3, 2, 2, 0L, 0L, tmp.resolve("train-mode").toString(), false, false));
        assertThat(mode.targets()).containsExactly("major", "minor", ProbeKind.MULTICLASS_TARGET);
        Map<String, String> modeSplits = checkGrouped(spark, tmp.resolve("train-mode"));
        assertThat(modeSplits.keySet()).containsExactlyInAnyOrderElementsOf(sample.clips().stream()
                .filter(l -> l.keyProb() >= MIN_KEYPROB).map(MusicBenchSample.Line::clipId).toList());
        assertThat(spark.read().parquet(tmp.resolve("train-mode/results").toString()).count()).isEqualTo(3L * layers);

        // Tempo (regression, the default for the label bpm on the command line): clips without bpm are left out.
        TrainJobResult tempo = TrainJob.run(spark, new TrainJobConfig(acts.toString(), "musicbench", "bpm", true,
                "mean", 3, 2, 2, 0L, 0L, tmp.resolve("train-bpm").toString(), false, false));
        assertThat(tempo.metric()).isEqualTo("mse");
        Map<String, String> bpmSplits = checkGrouped(spark, tmp.resolve("train-bpm"));
        assertThat(bpmSplits.keySet()).containsExactlyInAnyOrderElementsOf(sample.clips().stream()
                .filter(l -> l.bpm() != null).map(MusicBenchSample.Line::clipId).toList());
        assertThat(spark.read().parquet(tmp.resolve("train-bpm/results").toString()).count()).isEqualTo(layers);
    }

    /** Every recording's clips in one split, every split used; returns clip id → split. */
    private static Map<String, String> checkGrouped(SparkSession spark, Path trainOut) {
        Map<String, String> splitOf = new TreeMap<>();
        Map<String, Set<String>> splitsOfGroup = new HashMap<>();
        Map<String, String> sourceOf = new HashMap<>();
        sample.clips().forEach(l -> sourceOf.put(l.clipId(), l.source()));
        for (Row r : spark.read().parquet(trainOut.resolve("splits").toString()).collectAsList()) {
            String clip = r.getAs("clip_id");
            assertThat(r.<String>getAs("group_id")).as(clip).isEqualTo(sourceOf.get(clip));
            splitOf.put(clip, r.getAs("split"));
            splitsOfGroup.computeIfAbsent(r.getAs("group_id"), k -> new HashSet<>()).add(r.getAs("split"));
        }
        splitsOfGroup.forEach((g, s) -> assertThat(s).as("splits of recording %s", g).hasSize(1));
        assertThat(new HashSet<>(splitOf.values())).containsExactlyInAnyOrder("train", "val", "test");
        // The augmented copies really are spread over recordings with several clips.
        assertThat(splitsOfGroup.get("-0SdAVK79lg")).hasSize(1);
        return splitOf;
    }
}
