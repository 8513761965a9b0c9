package org.musicrfm.jobs.classify;

import java.util.List;

/**
 * What a {@code classify} run did.
 *
 * @param units    (concept, label, method) units in the run
 * @param reused   of those, units whose finished results (same identity) were reused
 * @param rows     rows of {@code classification/}
 * @param skipped  true when the whole output was already complete with the same identity
 */
public record ClassifyJobResult(String output, List<String> targets, List<String> methods, int units, int reused,
                                long rows, boolean skipped) {

    public ClassifyJobResult skippedCopy() {
        return new ClassifyJobResult(output, targets, methods, units, units, rows, true);
    }
}
