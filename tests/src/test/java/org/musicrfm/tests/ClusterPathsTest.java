package org.musicrfm.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.audio.SampleFormat;
import org.musicrfm.dataset.Concept;
import org.musicrfm.jobs.JobOutputs;
import org.musicrfm.jobs.SparkSessions;
import org.musicrfm.jobs.classify.ClassifyJob;
import org.musicrfm.jobs.classify.ClassifyJobConfig;
import org.musicrfm.jobs.classify.ClassifyJobResult;
import org.musicrfm.eval.AggregateProbe;
import org.musicrfm.jobs.evaluate.EvaluateJob;
import org.musicrfm.jobs.evaluate.EvaluateJobConfig;
import org.musicrfm.jobs.evaluate.EvaluateJobResult;
import org.musicrfm.jobs.extract.ExtractJob;
import org.musicrfm.jobs.extract.ExtractJobConfig;
import org.musicrfm.jobs.extract.ExtractJobResult;
import org.musicrfm.jobs.sweep.SweepJob;
import org.musicrfm.jobs.sweep.SweepJobConfig;
import org.musicrfm.jobs.sweep.SweepJobResult;
import org.musicrfm.jobs.syntheory.SynTheoryJob;
import org.musicrfm.jobs.syntheory.SynTheoryJobConfig;
import org.musicrfm.jobs.syntheory.SynTheoryJobResult;
import org.musicrfm.jobs.train.TrainJob;
import org.musicrfm.jobs.train.TrainJobConfig;
import org.musicrfm.jobs.train.TrainJobResult;
import org.musicrfm.model.clap.ClapRandomCheckpoint;
import org.musicrfm.model.io.Dtype;
import org.musicrfm.model.io.RandomCheckpoint;
import org.musicrfm.jobs.report.ReportJob;
import org.musicrfm.report.ReportConfig;
import org.musicrfm.report.SweepReport;

/**
 * Locations users give on clusters. Tables and audio go through Hadoop's file systems: a job run with every
 * table under {@code musicrfm-test://} (the local disk under another scheme, which only Hadoop reaches,
 * registered with {@code spark.hadoop.fs.musicrfm-test.impl}) writes the same rows and bytes as a run on
 * plain paths. Models must be local; a scheme without a file system is refused naming the option.
 */
class ClusterPathsTest {

    static final String SOUNDFONT = "/usr/share/sounds/sf2/TimGM6mb.sf2";

    @TempDir
    static Path tmp;
    static SparkSession spark;

    static Path model;

    @BeforeAll
    static void start() throws IOException {
        model = RandomCheckpoint.write(RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY),
                tmp.resolve("tiny-model"), 11L, Dtype.F32);
        TestSpark.stopActive();
        spark = SparkSessions.getOrCreate("musicrfm-test", "local[2]",
                Map.of("spark.hadoop.fs." + LocalUnderScheme.SCHEME + ".impl", LocalUnderScheme.class.getName()));
    }

    @AfterAll
    static void stop() {
        TestSpark.stopActive();
    }

    /** {@code dir} under the test scheme: the same folder, reached only through Hadoop. */
    static String other(Path dir) {
        return LocalUnderScheme.SCHEME + "://" + dir;
    }

    static SynTheoryJobConfig notes(String out, int clips) {
        return new SynTheoryJobConfig(List.of(Concept.NOTES), clips, null, out, 32_000, 1, SampleFormat.PCM_16,
                SOUNDFONT, 3L, 2);
    }

    /** Files under {@code root} (relative, sorted), without Hadoop checksums, which only the local file system writes. */
    static List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
                    .filter(n -> !n.endsWith(".crc")).sorted().toList();
        }
    }

    static List<String> withoutPartNames(List<String> files) {
        return files.stream().map(f -> f.replaceAll("part-00000-[0-9a-f-]+", "part-00000")).toList();
    }

    static void assertSameBytes(Path a, Path b, List<String> files) throws IOException {
        for (String f : files) {
            assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
        }
    }

    @Test
    void syntheoryWritesTheSameDatasetThroughAHadoopUri() throws Exception {
        Path plain = tmp.resolve("syn-plain");
        Path viaHadoop = tmp.resolve("syn-hadoop");
        SynTheoryJobResult a = SynTheoryJob.run(spark, notes(plain.toString(), 6));
        SynTheoryJobResult b = SynTheoryJob.run(spark, notes(other(viaHadoop), 6));
        assertThat(b.output()).isEqualTo(LocalUnderScheme.SCHEME + ":" + viaHadoop);
        assertThat(b.clips()).isEqualTo(a.clips()).containsExactly(Map.entry("notes", 6L));
        assertThat(b.rendered()).isEqualTo(6);

        List<Row> rows = SynTheoryJobTest.sortedRows(spark, plain);
        assertThat(rows).hasSize(6);
        assertThat(spark.read().parquet(other(viaHadoop.resolve("metadata"))).orderBy("clip_id").collectAsList())
                .isEqualTo(rows);
        List<Path> wavs = SynTheoryJobTest.wavs(plain);
        assertThat(wavs).hasSize(6);
        assertThat(SynTheoryJobTest.wavs(viaHadoop)).isEqualTo(wavs);
        assertSameBytes(plain, viaHadoop, wavs.stream().map(Path::toString).toList());
        assertSameBytes(plain, viaHadoop, List.of("_provenance.json"));
        assertThat(withoutPartNames(files(viaHadoop))).isEqualTo(withoutPartNames(files(plain)));
        assertThat(files(viaHadoop)).noneMatch(f -> f.startsWith(".") || f.contains("/."));
        try (Stream<Path> s = Files.walk(viaHadoop)) {
            assertThat(s.filter(p -> p.toString().endsWith(".crc")).toList()).isEmpty(); // raw file system
        }

        // a re-run reads the folder through Hadoop: complete, nothing to do; a smaller subset removes clips there
        assertThat(SynTheoryJob.run(spark, notes(other(viaHadoop), 6)).skipped()).isTrue();
        SynTheoryJob.run(spark, notes(plain.toString(), 4));
        SynTheoryJobResult smaller = SynTheoryJob.run(spark, notes(other(viaHadoop), 4));
        assertThat(smaller.rendered()).isZero();
        assertThat(SynTheoryJobTest.wavs(viaHadoop)).isEqualTo(SynTheoryJobTest.wavs(plain)).hasSize(4);
        assertThat(spark.read().parquet(other(viaHadoop.resolve("metadata"))).orderBy("clip_id").collectAsList())
                .isEqualTo(SynTheoryJobTest.sortedRows(spark, plain));
    }

    /** Notes clips of the pipeline run: three per pitch class, the fewest the 70/15/15 split takes. */
    static final int CLIPS = 36;

    /** Extraction with the test model: chunks of about 12 clips, both poolings, every layer. */
    static ExtractJobConfig extract(String dataset, String out) {
        ExtractJobConfig d = ExtractJobConfig.defaults(dataset, model.toString(), out);
        return new ExtractJobConfig(d.dataset(), null, d.model(), d.reading(), List.of("mean", "meanstd"), false,
                List.of(), 4, 12, 4.0, "cpu", "float32", d.output(), false, 1, -1);
    }

    static TrainJobConfig train(String activations, String out) {
        return new TrainJobConfig(activations, "notes", "root_note_pitch_class", false, "mean", 3, 2, 2, 0L, 0L, out,
                false, false);
    }

    /** Runs syntheory → extract → train into {@code root}/{syntheory,extract,train}, each location through {@code uri}. */
    record Runs(ExtractJobResult extract, TrainJobResult train) {}

    static Runs pipeline(Path root, java.util.function.Function<Path, String> uri) throws IOException {
        SynTheoryJob.run(spark, notes(uri.apply(root.resolve("syntheory")), CLIPS));
        ExtractJobResult e = ExtractJob.run(spark, extract(uri.apply(root.resolve("syntheory/metadata")),
                uri.apply(root.resolve("extract"))));
        assertThat(e.clips()).isEqualTo(CLIPS);
        assertThat(e.errors()).isZero();
        return new Runs(e, TrainJob.run(spark, train(uri.apply(root.resolve("extract")), uri.apply(root.resolve("train")))));
    }

    static EvaluateJobConfig evaluate(String generations, Path probes, Path clap, String out) {
        return evaluate(generations, probes.toString(), clap, out);
    }

    static EvaluateJobConfig evaluate(String generations, String probes, Path clap, String out) {
        EvaluateJobConfig d = EvaluateJobConfig.defaults(generations, probes, model.toString(),
                clap.toString(), out);
        return new EvaluateJobConfig(d.generations(), null, null, d.probes(), d.model(), d.clap(), "clap", 0, 10, 5,
                200, 0.95, 0L, 3, "cpu", "float32", 1, d.output());
    }

    static SweepJobConfig sweep(Path spec, String out) {
        return sweep(spec.toString(), out);
    }

    static SweepJobConfig sweep(String spec, String out) {
        return new SweepJobConfig(spec, out, null, Map.of(), -1, 1.0, 0L, "cpu", "float32", 1, -1,
                SweepJobConfig.DEFAULT_BATCH_SIZE);
    }

    static ClassifyJobConfig classify(String activations, String out) {
        return new ClassifyJobConfig(activations, List.of("notes"), List.of("rfm_mean", "aggregate"), 2, 3, 12, 0, 0L,
                0L, false, 100, out, false);
    }

    /** The table without the trials' {@code seconds} (time taken), which no two runs share. */
    static org.apache.spark.sql.Dataset<Row> withoutTimes(org.apache.spark.sql.Dataset<Row> table) {
        return table.drop("seconds");
    }

    @Test
    void syntheoryExtractAndTrainGiveTheSameFilesThroughAHadoopUri() throws Exception {
        Path plain = tmp.resolve("pipeline-plain");
        Path viaHadoop = tmp.resolve("pipeline-hadoop");
        Runs runsA = pipeline(plain, Path::toString);
        Runs runsB = pipeline(viaHadoop, ClusterPathsTest::other);
        assertThat(runsB.extract().chunks()).isEqualTo(runsA.extract().chunks()).isGreaterThan(1);
        TrainJobResult a = runsA.train();
        TrainJobResult b = runsB.train();
        assertThat(b.output()).isEqualTo(LocalUnderScheme.SCHEME + ":" + viaHadoop.resolve("train"));
        assertThat(b.bestLayer()).isEqualTo(a.bestLayer());
        assertThat(b.testScore()).isEqualTo(a.testScore());
        assertThat(b.trained()).isEqualTo(a.trained()).isPositive();

        List<String> files = files(plain);
        assertThat(files).contains("syntheory/_provenance.json", "extract/model.json",
                "train/" + TrainJob.packFileName("notes"), "train/" + TrainJob.PLOT);
        assertThat(files.stream().filter(f -> f.startsWith("extract/activations/concept=notes/"))).hasSize(
                runsA.extract().chunks() * PipelineJobsTest.LAYERS);
        assertThat(withoutPartNames(files(viaHadoop))).isEqualTo(withoutPartNames(files));
        try (Stream<Path> s = Files.walk(viaHadoop)) {
            assertThat(s.filter(p -> p.toString().endsWith(".crc")).toList()).isEmpty();
        }
        // every file has the same bytes but the completion markers (they record the locations given), the units'
        // results (they hold each trial's time) and Spark's tables (compared by rows below)
        List<String> same = files.stream().filter(f -> !f.endsWith(JobOutputs.MARKER) && !f.endsWith(".result")
                && !f.contains("part-00000")).toList();
        assertThat(same).hasSizeGreaterThan(files.size() / 2);
        assertSameBytes(plain, viaHadoop, same);
        for (String table : List.of("syntheory/metadata", "extract/activations", "extract/errors", "train/results",
                "train/trials", "train/splits")) {
            List<Row> rows = withoutTimes(spark.read().parquet(plain.resolve(table).toString())).collectAsList();
            List<Row> other = withoutTimes(spark.read().parquet(other(viaHadoop.resolve(table)))).collectAsList();
            assertThat(new java.util.HashSet<>(other)).as(table).isEqualTo(new java.util.HashSet<>(rows));
            assertThat(other).as(table).hasSameSizeAs(rows);
        }

        // generations: the sweep writes WAVs, rows and tables through Hadoop; the pack and model stay local paths
        String pack = plain.resolve("train/" + TrainJob.packFileName("notes")).toString();
        Path spec = tmp.resolve("sweep.json");
        Files.writeString(spec, """
                {"name": "paths", "model": "%s", "packs": {"notes": "%s"}, "prompts": ["calm piano"],
                 "seeds_per_prompt": 1, "seconds": 0.3, "generation": {"top_k": 20}, "unsteered": true,
                 "grids": [{"targets": {"notes": ["C", "D"]}, "eta": [0.3], "gate_p": 1}]}
                """.formatted(model, pack));
        SweepJobResult sa = SweepJob.run(spark, sweep(spec, plain.resolve("sweep").toString()));
        SweepJobResult sb = SweepJob.run(spark, sweep(spec, other(viaHadoop.resolve("sweep"))));
        assertThat(sb.generated()).isEqualTo(sa.generated()).isEqualTo(3);
        assertThat(sb.errors()).isZero();
        List<String> sweepFiles = files(plain.resolve("sweep"));
        assertThat(sweepFiles.stream().filter(f -> f.endsWith(".wav"))).hasSize(3);
        assertThat(withoutPartNames(files(viaHadoop.resolve("sweep")))).isEqualTo(withoutPartNames(sweepFiles));
        assertSameBytes(plain.resolve("sweep"), viaHadoop.resolve("sweep"), sweepFiles.stream()
                .filter(f -> f.endsWith(".wav") || f.equals("spec.json")).toList());
        String[] timing = {"generation_seconds", "batch_id", "batch_size", "batch_index", "batch_seconds"};
        assertThat(spark.read().parquet(other(viaHadoop.resolve("sweep/generations"))).drop(timing).orderBy("unit_id")
                .collectAsList()).isEqualTo(spark.read().parquet(plain.resolve("sweep/generations").toString())
                .drop(timing).orderBy("unit_id").collectAsList()).hasSize(3);
        assertThat(SweepJob.run(spark, sweep(spec, other(viaHadoop.resolve("sweep")))).generated()).isZero();
        // a spec and a pack under musicrfm-test:// (the pack train wrote there) steer the same clips as local ones
        String hadoopPack = other(viaHadoop.resolve("train/" + TrainJob.packFileName("notes")));
        Path hadoopSpec = tmp.resolve("sweep-hadoop-pack.json");
        Files.writeString(hadoopSpec, Files.readString(spec).replace(pack, hadoopPack));
        SweepJobResult sc = SweepJob.run(spark, sweep(other(hadoopSpec),
                plain.resolve("sweep-hadoop-pack").toString()));
        assertThat(sc.generated()).isEqualTo(3);
        assertThat(sc.errors()).isZero();
        assertThat(withoutPartNames(files(plain.resolve("sweep-hadoop-pack")))).isEqualTo(withoutPartNames(sweepFiles));
        assertSameBytes(plain.resolve("sweep"), plain.resolve("sweep-hadoop-pack"), sweepFiles.stream()
                .filter(f -> f.endsWith(".wav")).toList());
        assertThat(spark.read().parquet(plain.resolve("sweep-hadoop-pack/generations").toString()).drop(timing)
                .orderBy("unit_id").collectAsList()).isEqualTo(spark.read().parquet(plain.resolve("sweep/generations")
                .toString()).drop(timing).orderBy("unit_id").collectAsList());
        assertThat(Files.readString(plain.resolve("sweep-hadoop-pack/spec.json"))).contains(hadoopPack);

        // evaluation reads the generations table, its audio and the probes through Hadoop; CLAP stays local
        Path clap = ClapRandomCheckpoint.write(ClapRandomCheckpoint.presetConfig(ClapRandomCheckpoint.Preset.TINY),
                ClapRandomCheckpoint.presetPreprocessor(ClapRandomCheckpoint.Preset.TINY), tmp.resolve("tiny-clap"), 5L,
                Dtype.F32);
        Path probes = plain.resolve("train/probes");
        EvaluateJobResult ea = EvaluateJob.run(spark, evaluate(plain.resolve("sweep/generations").toString(), probes,
                clap, plain.resolve("evaluate").toString()));
        EvaluateJobResult eb = EvaluateJob.run(spark, evaluate(other(viaHadoop.resolve("sweep/generations")), probes,
                clap, other(viaHadoop.resolve("evaluate"))));
        assertThat(eb.clips()).isEqualTo(ea.clips()).isEqualTo(3);
        assertThat(eb.errors()).isEqualTo(ea.errors()).isZero();
        assertThat(withoutPartNames(files(viaHadoop.resolve("evaluate"))))
                .isEqualTo(withoutPartNames(files(plain.resolve("evaluate"))));
        for (String table : List.of("embeddings", "clip_metrics", "metrics", "traces")) {
            assertThat(spark.read().parquet(other(viaHadoop.resolve("evaluate/" + table))).collectAsList())
                    .as(table).isEqualTo(spark.read().parquet(plain.resolve("evaluate/" + table).toString())
                            .collectAsList()).isNotEmpty();
        }

        EvaluateJobResult ec = EvaluateJob.run(spark, evaluate(plain.resolve("sweep/generations").toString(),
                other(viaHadoop.resolve("train/probes")), clap, plain.resolve("evaluate-hadoop-probes").toString()));
        assertThat(ec.clips()).isEqualTo(3);
        assertThat(ec.errors()).isZero();
        for (String table : List.of("clip_metrics", "metrics", "traces")) {
            assertThat(spark.read().parquet(plain.resolve("evaluate-hadoop-probes/" + table).toString())
                    .collectAsList()).as(table).isEqualTo(spark.read().parquet(plain.resolve("evaluate/" + table)
                    .toString()).collectAsList());
        }

        // the classification benchmark reads the activations and writes units, aggregates and its table through Hadoop
        ClassifyJobResult ca = ClassifyJob.run(spark, classify(plain.resolve("extract").toString(),
                plain.resolve("classify").toString()));
        ClassifyJobResult cb = ClassifyJob.run(spark, classify(other(viaHadoop.resolve("extract")),
                other(viaHadoop.resolve("classify"))));
        assertThat(cb.units()).isEqualTo(ca.units()).isEqualTo(2);
        assertThat(cb.rows()).isEqualTo(ca.rows()).isPositive();
        List<String> classifyFiles = files(plain.resolve("classify"));
        String aggregate = "aggregates/" + AggregateProbe.fileName("notes", "root_note_pitch_class");
        assertThat(classifyFiles).contains(aggregate);
        assertThat(withoutPartNames(files(viaHadoop.resolve("classify")))).isEqualTo(withoutPartNames(classifyFiles));
        assertSameBytes(plain.resolve("classify"), viaHadoop.resolve("classify"), classifyFiles.stream()
                .filter(f -> f.startsWith("aggregates/")).toList());
        String[] classifyTimes = {"seconds", "cpu_seconds"};
        assertThat(spark.read().parquet(other(viaHadoop.resolve("classify/classification"))).drop(classifyTimes)
                .collectAsList()).isEqualTo(spark.read().parquet(plain.resolve("classify/classification").toString())
                .drop(classifyTimes).collectAsList());
        assertThat(ClassifyJob.run(spark, classify(other(viaHadoop.resolve("extract")),
                other(viaHadoop.resolve("classify")))).skipped()).isTrue();

        // the report reads every table and WAV and writes its pages through Hadoop: the same pages but the folders
        // they name (as given), the same plots and audio
        SweepReport.Result ra = ReportJob.run(spark, new ReportConfig(plain.resolve("sweep"), plain.resolve("evaluate"),
                List.of(plain.resolve("train")), plain.resolve("report"), 2, null, plain.resolve("classify")));
        SweepReport.Result rb = ReportJob.run(spark, new ReportConfig(other(viaHadoop.resolve("sweep")),
                other(viaHadoop.resolve("evaluate")), List.of(other(viaHadoop.resolve("train"))),
                other(viaHadoop.resolve("report")), 2, null, other(viaHadoop.resolve("classify"))));
        assertThat(rb.index().toString())
                .isEqualTo(LocalUnderScheme.SCHEME + ":" + viaHadoop.resolve("report/index.html"));
        assertThat(rb.clips()).isEqualTo(ra.clips()).isEqualTo(3);
        assertThat(rb.plots()).isEqualTo(ra.plots()).isPositive();
        List<String> reportFiles = files(plain.resolve("report"));
        assertThat(reportFiles).contains("index.html", ReportJob.STAMP);
        assertThat(files(viaHadoop.resolve("report"))).isEqualTo(reportFiles);
        assertThat(reportFiles.stream().filter(f -> f.endsWith(".png"))).hasSize(ra.plots());
        assertThat(reportFiles.stream().filter(f -> f.endsWith(".wav"))).hasSize(3);
        assertSameBytes(plain.resolve("report"), viaHadoop.resolve("report"), reportFiles.stream()
                .filter(f -> f.endsWith(".png") || f.endsWith(".wav")).toList());
        for (String page : reportFiles.stream().filter(f -> f.endsWith(".html")).toList()) {
            String viaUri = Files.readString(viaHadoop.resolve("report/" + page))
                    .replace(other(viaHadoop), plain.toString())
                    .replace(LocalUnderScheme.SCHEME + ":" + viaHadoop, plain.toString());
            assertThat(viaUri).as(page).isEqualTo(Files.readString(plain.resolve("report/" + page)));
        }
        assertThat(Files.readString(viaHadoop.resolve("report/index.html")))
                .contains(other(viaHadoop.resolve("sweep")));
        assertThat(ReportJob.upToDate(new ReportConfig(other(viaHadoop.resolve("sweep")),
                other(viaHadoop.resolve("evaluate")), List.of(other(viaHadoop.resolve("train"))),
                other(viaHadoop.resolve("report")), 2, null, other(viaHadoop.resolve("classify"))))).isTrue();

        // a re-run of every stage reads what it needs through Hadoop and finds it complete
        assertThat(SynTheoryJob.run(spark, notes(other(viaHadoop.resolve("syntheory")), CLIPS)).skipped()).isTrue();
        assertThat(ExtractJob.run(spark, extract(other(viaHadoop.resolve("syntheory/metadata")),
                other(viaHadoop.resolve("extract")))).skipped()).isTrue();
        assertThat(TrainJob.run(spark, train(other(viaHadoop.resolve("extract")), other(viaHadoop.resolve("train"))))
                .skipped()).isTrue();
    }

    @Test
    void aFileUriNamesTheSameFolderAsThePlainPath() throws Exception {
        Path plain = tmp.resolve("plain");
        Path uri = tmp.resolve("uri");
        SynTheoryJob.run(spark, notes(plain.toString(), 4));
        SynTheoryJob.run(spark, notes(uri.toUri().toString(), 4)); // file:///…/uri/
        assertThat(uri).isDirectory();
        assertThat(tmp.resolve("file:")).doesNotExist();
        List<Row> a = SynTheoryJobTest.sortedRows(spark, plain);
        assertThat(a).hasSize(4);
        assertThat(SynTheoryJobTest.sortedRows(spark, uri)).isEqualTo(a);
        List<Path> wavs = SynTheoryJobTest.wavs(plain);
        assertThat(wavs).hasSize(4);
        assertThat(SynTheoryJobTest.wavs(uri)).isEqualTo(wavs);
        assertSameBytes(plain, uri, wavs.stream().map(Path::toString).toList());
    }

    @Test
    void modelsMustBeLocalAndUnknownSchemesAreRefusedBeforeAnyWork() throws Exception {
        String out = "nosuchfs://" + tmp.resolve("syntheory-out");
        assertThatThrownBy(() -> SynTheoryJob.run(spark, notes(out, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--out nosuchfs:" + tmp.resolve("syntheory-out") + ": no Hadoop file system is configured"
                        + " for nosuchfs://; add its client to the classpath or set --conf"
                        + " spark.hadoop.fs.nosuchfs.impl=<class>, or give a local path");
        assertThat(tmp.resolve("syntheory-out")).doesNotExist();

        assertThatThrownBy(() -> SynTheoryJob.run(spark, new SynTheoryJobConfig(List.of(Concept.NOTES), 4, null,
                        tmp.resolve("sf-out").toString(), 32_000, 1, SampleFormat.PCM_16, other(Path.of(SOUNDFONT)), 3L, 2)))
                .hasMessageStartingWith("--soundfont " + other(Path.of(SOUNDFONT)) + ": must be a local path");
        assertThat(tmp.resolve("sf-out")).doesNotExist();

        String model = "s3a://models/musicgen-small";
        assertThatThrownBy(() -> ExtractJob.run(spark, ExtractJobConfig.defaults(tmp.resolve("d").toString(),
                        model, tmp.resolve("extract-out").toString())))
                .hasMessageStartingWith("--model " + model + ": must be a local path or one on a shared file system"
                        + " mounted at the same path on the driver and every executor")
                .hasMessageContaining("model weights are mapped into memory");
        assertThatThrownBy(() -> ExtractJob.run(spark, ExtractJobConfig.defaults(tmp.resolve("d").toString(),
                        other(tmp.resolve("m")), tmp.resolve("extract-out").toString())))
                .hasMessageStartingWith("--model " + other(tmp.resolve("m")) + ": must be a local path");
        assertThat(tmp.resolve("extract-out")).doesNotExist();
    }
}
