package org.musicrfm.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.audio.SampleFormat;
import org.musicrfm.dataset.Concept;
import org.musicrfm.jobs.extract.ExtractJob;
import org.musicrfm.jobs.extract.ExtractJobConfig;
import org.musicrfm.jobs.syntheory.SynTheoryJob;
import org.musicrfm.jobs.syntheory.SynTheoryJobConfig;
import org.musicrfm.jobs.train.TrainJob;
import org.musicrfm.jobs.train.TrainJobConfig;

/**
 * Locations users give on clusters: a {@code file:} URI names the same folder as the plain path; a Hadoop URI
 * (here {@code other://}, the local file system registered under another scheme, which Spark itself reads and
 * writes) is refused by every job before any work, saying the path must be local or on a shared mount.
 */
class ClusterPathsTest {

    /** Hadoop's local file system under the scheme {@code other}: a non-default file system URI in one JVM. */
    public static final class OtherFileSystem extends RawLocalFileSystem {
        @Override
        public URI getUri() {
            return URI.create("other:///");
        }

        @Override
        public String getScheme() {
            return "other";
        }
    }

    @TempDir
    static Path tmp;

    @AfterAll
    static void stop() {
        TestSpark.stopActive();
    }

    static SynTheoryJobConfig notes(String out) {
        return new SynTheoryJobConfig(List.of(Concept.NOTES), 4, null, out, 32_000, 1, SampleFormat.PCM_16,
                "/usr/share/sounds/sf2/TimGM6mb.sf2", 3L, 2);
    }

    @Test
    void aFileUriNamesTheSameFolderAsThePlainPath() throws Exception {
        SparkSession spark = TestSpark.local();
        Path plain = tmp.resolve("plain");
        Path uri = tmp.resolve("uri");
        SynTheoryJob.run(spark, notes(plain.toString()));
        SynTheoryJob.run(spark, notes(uri.toUri().toString())); // file:///…/uri/
        assertThat(uri).isDirectory();
        assertThat(tmp.resolve("file:")).doesNotExist();
        List<Row> a = SynTheoryJobTest.sortedRows(spark, plain);
        assertThat(a).hasSize(4);
        assertThat(SynTheoryJobTest.sortedRows(spark, uri)).isEqualTo(a);
        List<Path> wavs = SynTheoryJobTest.wavs(plain);
        assertThat(wavs).hasSize(4);
        assertThat(SynTheoryJobTest.wavs(uri)).isEqualTo(wavs);
        for (Path w : wavs) {
            assertThat(Files.readAllBytes(uri.resolve(w))).as(w.toString()).isEqualTo(Files.readAllBytes(plain.resolve(w)));
        }
    }

    @Test
    void aHadoopUriIsRefusedBeforeAnyWorkNamingTheOption() throws Exception {
        SparkSession spark = TestSpark.local();
        spark.sparkContext().hadoopConfiguration().set("fs.other.impl", OtherFileSystem.class.getName());
        spark.sparkContext().hadoopConfiguration().setBoolean("fs.other.impl.disable.cache", true);
        // Spark reaches the location through Hadoop's FileSystem …
        String probe = "other://" + tmp.resolve("spark-table");
        spark.range(3).write().parquet(probe);
        assertThat(spark.read().parquet(probe).count()).isEqualTo(3);
        assertThat(tmp.resolve("spark-table")).isDirectory();

        // … the jobs, which publish by local renames and map model weights, refuse it up front
        String out = "other://" + tmp.resolve("syntheory-out");
        assertThatThrownBy(() -> SynTheoryJob.run(spark, notes(out)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--out " + out + ": must be a local path or one on a shared file system")
                .hasMessageContaining("other:// locations are not supported");
        assertThat(tmp.resolve("syntheory-out")).doesNotExist();

        String dataset = "hdfs:///datasets/syntheory/metadata";
        assertThatThrownBy(() -> ExtractJob.run(spark, ExtractJobConfig.defaults(dataset, tmp.resolve("m").toString(),
                        tmp.resolve("extract-out").toString())))
                .hasMessageStartingWith("--dataset " + dataset + ": must be a local path");
        assertThatThrownBy(() -> ExtractJob.run(spark, ExtractJobConfig.defaults(tmp.resolve("d").toString(),
                        "s3a://models/musicgen-small", tmp.resolve("extract-out").toString())))
                .hasMessageStartingWith("--model s3a://models/musicgen-small: must be a local path");
        assertThat(tmp.resolve("extract-out")).doesNotExist();

        String activations = "other://" + tmp.resolve("activations");
        assertThatThrownBy(() -> TrainJob.run(spark, new TrainJobConfig(activations, "notes", "root_note_pitch_class",
                        false, "mean", 3, 2, 2, 0L, 0L, tmp.resolve("train-out").toString(), false, false)))
                .hasMessageStartingWith("--activations " + activations + ": must be a local path");
        assertThat(tmp.resolve("train-out")).doesNotExist();
    }
}
