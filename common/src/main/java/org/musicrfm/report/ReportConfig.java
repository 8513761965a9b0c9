package org.musicrfm.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What the report is built from and where it goes.
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
public record ReportConfig(Path sweep, Path eval, List<Path> train, Path out, int clipsPerCondition,
                           String embeddingKind, Path classification) {

    /** A report without the classification benchmark's table. */
    public ReportConfig(Path sweep, Path eval, List<Path> train, Path out, int clipsPerCondition, String embeddingKind) {
        this(sweep, eval, train, out, clipsPerCondition, embeddingKind, null);
    }

    public ReportConfig {
        train = List.copyOf(train);
        if (clipsPerCondition < 0) {
            throw new IllegalArgumentException("clips per condition must be >= 0, got " + clipsPerCondition);
        }
    }
}
