package org.musicrfm.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.jobs.demo.DemoConfig;
import org.musicrfm.jobs.demo.DemoJob;
import org.musicrfm.jobs.demo.DemoResult;

/**
 * The demo's whole loop on a small config (48 notes clips, 2 trials, C and G × one η0 plus unsteered,
 * one prompt, 1 s): every stage runs and the report is written; a second run finds every stage
 * complete and rewrites no file.
 */
class DemoJobTest {

    @TempDir
    static Path tmp;

    @AfterAll
    static void stop() {
        TestSpark.stopActive();
    }

    @Test
    void runsTheWholeLoopThenRecomputesNothing() throws Exception {
        SparkSession spark = TestSpark.local();
        Path out = tmp.resolve("demo");
        DemoConfig config = new DemoConfig(out.toString(), null, null, 48, 2, List.of("C", "G"), List.of(0.45),
                List.of("a calm piano melody"), 1.0, "/usr/share/sounds/sf2/TimGM6mb.sf2");

        DemoResult first = DemoJob.run(spark, config);
        assertThat(first.stages()).extracting(DemoResult.Stage::name).containsExactly("dataset", "model", "activations",
                "probes", "sweep", "clap", "evaluation", "report");
        assertThat(first.computed()).containsExactly("dataset", "model", "activations", "probes", "sweep", "clap",
                "evaluation", "report");
        Path index = out.resolve("report/index.html");
        assertThat(first.report()).isEqualTo(index.toString());
        String html = Files.readString(index);
        assertThat(html).contains("<audio").contains("notes");
        // 3 conditions (unsteered, C, G) × 1 prompt
        assertThat(spark.read().parquet(out.resolve("sweep/generations").toString()).count()).isEqualTo(3);
        assertThat(spark.read().parquet(out.resolve("sweep/errors").toString()).count()).isZero();
        assertThat(spark.read().parquet(out.resolve("evaluation/metrics").toString())
                .select("condition").distinct().count()).isEqualTo(3);
        Map<Path, FileTime> before = times(out);

        DemoResult second = DemoJob.run(spark, config);
        assertThat(second.computed()).isEmpty();
        assertThat(second.stages()).allMatch(DemoResult.Stage::skipped);
        assertThat(times(out)).isEqualTo(before);
    }

    /** Every file under {@code root} with its modification time. */
    private static Map<Path, FileTime> times(Path root) throws Exception {
        Map<Path, FileTime> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(root.relativize(p), Files.getLastModifiedTime(p));
            }
        }
        return m;
    }
}
