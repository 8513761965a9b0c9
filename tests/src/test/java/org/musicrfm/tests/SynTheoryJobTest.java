package org.musicrfm.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.audio.SampleFormat;
import org.musicrfm.dataset.Concept;
import org.musicrfm.jobs.JobOutputs;
import org.musicrfm.jobs.cli.Main;
import org.musicrfm.jobs.syntheory.SynTheoryJob;
import org.musicrfm.jobs.syntheory.SynTheoryJobConfig;
import org.musicrfm.jobs.syntheory.SynTheoryJobResult;
import picocli.CommandLine;

/** The syntheory job on real Spark: local[2], local-cluster, resume, re-run and bad input. */
class SynTheoryJobTest {

    @TempDir
    static Path tmp;

    static SynTheoryJobConfig config(Path out, int size) {
        return new SynTheoryJobConfig(List.of(Concept.CHORDS, Concept.TIME_SIGNATURES, Concept.NOTES), size, null,
                out.toString(), 32_000, 1, SampleFormat.PCM_16, "/usr/share/sounds/sf2/TimGM6mb.sf2", 7L, 3);
    }

    @AfterAll
    static void stop() {
        TestSpark.stopActive();
    }

    @Test
    void localAndLocalClusterWriteIdenticalDatasets() throws Exception {
        Path a = tmp.resolve("local");
        Path b = tmp.resolve("cluster");
        SynTheoryJobResult ra = SynTheoryJob.run(TestSpark.local(), config(a, 6));
        List<Row> rowsA = sortedRows(TestSpark.local(), a);
        SynTheoryJobResult rb = SynTheoryJob.run(TestSpark.localCluster(), config(b, 6));
        List<Row> rowsB = sortedRows(TestSpark.local(), b);

        assertThat(ra.totalClips()).isEqualTo(18);
        assertThat(rb.clips()).isEqualTo(ra.clips());
        assertThat(rowsB).isEqualTo(rowsA);
        List<Path> wavs = wavs(a);
        assertThat(wavs).hasSize(18);
        for (Path rel : wavs) {
            assertThat(Files.readAllBytes(b.resolve(rel))).as(rel.toString()).isEqualTo(Files.readAllBytes(a.resolve(rel)));
        }
        assertThat(noPartFiles(a)).isTrue();
        assertThat(noPartFiles(b)).isTrue();
    }

    @Test
    void metadataTableHasLabelsAndStratifiedNestedSubsets() throws Exception {
        Path small = tmp.resolve("small");
        Path large = tmp.resolve("large");
        SparkSession spark = TestSpark.local();
        SynTheoryJob.run(spark, config(small, 8));
        SynTheoryJob.run(spark, config(large, 16));
        List<Row> s = sortedRows(spark, small);
        List<Row> l = sortedRows(spark, large);
        List<String> smallIds = s.stream().map(r -> r.<String>getAs("clip_id")).toList();
        List<String> largeIds = l.stream().map(r -> r.<String>getAs("clip_id")).toList();
        assertThat(largeIds).containsAll(smallIds);

        Row first = s.stream().filter(r -> r.getAs("concept").equals("chords")).findFirst().orElseThrow();
        assertThat(first.<String>getAs("path")).startsWith("audio/chords/").endsWith(".wav");
        assertThat(first.<Double>getAs("duration_seconds")).isEqualTo(4.0);
        assertThat(first.<Integer>getAs("sample_rate")).isEqualTo(32_000);
        assertThat(first.<String>getAs("chord_type")).isIn("major", "minor", "aug", "dim", "augmented", "diminished");
        // 16 chords over 4 chord types: 4 each.
        assertThat(l.stream().filter(r -> r.getAs("concept").equals("chords"))
                .collect(java.util.stream.Collectors.groupingBy(r -> r.getAs("chord_type"),
                        java.util.stream.Collectors.counting())).values()).containsOnly(4L);
    }

    @Test
    void resumesAfterLosingClipsAndSkipsFinishedRuns() throws Exception {
        Path out = tmp.resolve("resume");
        SparkSession spark = TestSpark.local();
        SynTheoryJobResult first = SynTheoryJob.run(spark, config(out, 4));
        List<Row> rows = sortedRows(spark, out);
        byte[] someClip = Files.readAllBytes(out.resolve(rows.get(0).<String>getAs("path")));

        SynTheoryJobResult again = SynTheoryJob.run(spark, config(out, 4));
        assertThat(again.skipped()).isTrue();
        assertThat(again.rendered()).isZero();

        // A killed run: the marker and two clips missing, stale staging left behind.
        Files.delete(out.resolve(JobOutputs.MARKER));
        Files.delete(out.resolve(rows.get(0).<String>getAs("path")));
        Files.delete(out.resolve(rows.get(5).<String>getAs("path")));
        Files.createDirectories(out.resolve(".metadata.staging-dead"));
        SynTheoryJobResult resumed = SynTheoryJob.run(spark, config(out, 4));
        assertThat(resumed.skipped()).isFalse();
        assertThat(resumed.rendered()).isEqualTo(2);
        assertThat(resumed.clips()).isEqualTo(first.clips());
        assertThat(sortedRows(spark, out)).isEqualTo(rows);
        assertThat(Files.readAllBytes(out.resolve(rows.get(0).<String>getAs("path")))).isEqualTo(someClip);
        assertThat(Files.exists(out.resolve(".metadata.staging-dead"))).isFalse();
    }

    @Test
    void unknownConceptIsAClearErrorAndWritesNothing() {
        Path out = tmp.resolve("bad-concept");
        Result r = cli("syntheory", "--concepts", "notes,polyrhythms", "--out", out.toString(), "--master", "local[2]");
        assertThat(r.code).isNotZero();
        assertThat(r.err).contains("polyrhythms").contains("chord_progressions");
        assertThat(out).doesNotExist();
    }

    @Test
    void missingSoundFontIsAClearErrorAndWritesNothing() {
        Path out = tmp.resolve("bad-soundfont");
        Path sf = tmp.resolve("no-such.sf2");
        Result r = cli("syntheory", "--concepts", "notes", "--subset-size", "2", "--soundfont", sf.toString(),
                "--out", out.toString(), "--master", "local[2]");
        assertThat(r.code).isNotZero();
        assertThat(r.err).contains(sf.toString()).contains("timgm6mb-soundfont");
        assertThat(out).doesNotExist();
    }

    @Test
    void outputUnderARegularFileIsAClearErrorAndWritesNothing() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Path out = file.resolve("dataset");
        Result r = cli("syntheory", "--concepts", "notes", "--subset-size", "2", "--out", out.toString(),
                "--master", "local[2]");
        assertThat(r.code).isNotZero();
        assertThat(r.err).contains(file.toString()).contains("is a file");
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    record Result(int code, String out, String err) {}

    static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    static List<Row> sortedRows(SparkSession spark, Path dataset) {
        return spark.read().parquet(dataset.resolve("metadata").toString()).orderBy("clip_id").collectAsList();
    }

    static List<Path> wavs(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".wav")).map(root::relativize).sorted().toList();
        }
    }

    static boolean noPartFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.noneMatch(p -> p.getFileName().toString().endsWith(".part"));
        }
    }
}
