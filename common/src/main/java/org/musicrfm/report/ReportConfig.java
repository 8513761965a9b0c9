package org.musicrfm.report;

import java.nio.file.Path;
import java.util.List;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;

/**
 * What the report is built from and where it goes. Each folder is a path or a Hadoop URI ({@code hdfs://},
 * {@code s3a://}, …), read and written through {@link Storage}; the pages show them as given.
 *
 * @param sweep the sweep job's output folder ({@code generations/}, WAVs)
 * @param eval the evaluate job's output folder ({@code metrics/}, {@code clip_metrics/}, {@code traces/})
 * @param train train job output folders whose {@code results/} give layer-score charts (may be empty)
 * @param out the report folder, replaced as a whole
 * @param clipsPerCondition audio players shown per condition
 * @param embeddingKind the {@code metrics/} embedding kind whose FD/MMD the tables show (null: {@code clap}
 *     when present, else the first kind by name)
 * @param classification a classify job's output folder whose {@code classification/} table is shown (may be null)
 */
public record ReportConfig(String sweep, String eval, List<String> train, String out, int clipsPerCondition,
                           String embeddingKind, String classification) {

    /** A report of local folders. */
    public ReportConfig(Path sweep, Path eval, List<Path> train, Path out, int clipsPerCondition, String embeddingKind,
                        Path classification) {
        this(sweep.toString(), eval.toString(), train.stream().map(Path::toString).toList(), out.toString(),
                clipsPerCondition, embeddingKind, classification == null ? null : classification.toString());
    }

    /** A report of local folders without the classification benchmark's table. */
    public ReportConfig(Path sweep, Path eval, List<Path> train, Path out, int clipsPerCondition, String embeddingKind) {
        this(sweep, eval, train, out, clipsPerCondition, embeddingKind, null);
    }

    public ReportConfig {
        train = List.copyOf(train);
        if (clipsPerCondition < 0) {
            throw new IllegalArgumentException("clips per condition must be >= 0, got " + clipsPerCondition);
        }
    }

    /** Where the sweep's output is. */
    public Location sweepLocation() {
        return Storage.get().location(sweep, "--sweep");
    }

    /** Where the evaluation's output is. */
    public Location evalLocation() {
        return Storage.get().location(eval, "--eval");
    }

    /** Where the train outputs are. */
    public List<Location> trainLocations() {
        return train.stream().map(t -> Storage.get().location(t, "--train")).toList();
    }

    /** Where the report goes. */
    public Location outLocation() {
        return Storage.get().location(out, "--out");
    }

    /** Where the classify output is, or null. */
    public Location classificationLocation() {
        return classification == null ? null : Storage.get().location(classification, "--classification");
    }
}
