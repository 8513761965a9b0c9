package org.musicrfm.jobs.syntheory;

import java.util.Map;

/**
 * What a run of the {@code syntheory} job produced.
 *
 * @param clips    clips in the metadata table, per concept
 * @param silent   clips flagged silent, per concept
 * @param rendered clips rendered by this run (the rest were already complete)
 * @param skipped  true when the output was already complete for this config and no work was done
 */
public record SynTheoryJobResult(String output, Map<String, Long> clips, Map<String, Long> silent, long rendered,
                                 boolean skipped) {

    /** The same result, marked as a run that found everything done. */
    public SynTheoryJobResult skippedCopy() {
        return new SynTheoryJobResult(output, clips, silent, 0, true);
    }

    public long totalClips() {
        return clips.values().stream().mapToLong(Long::longValue).sum();
    }
}
