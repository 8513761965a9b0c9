package org.musicrfm.jobs.extract;

/**
 * What a run of the {@code extract} job produced.
 *
 * @param chunks      chunks in the job
 * @param processed   chunks this run extracted (the rest were complete)
 * @param clips       clips with activations
 * @param errors      clips listed in the errors table (missing or corrupt audio)
 * @param skipped     true when the output was complete for this config and no work was done
 */
public record ExtractJobResult(String output, int chunks, int processed, long clips, long errors,
                               String modelFingerprint, boolean skipped) {

    public ExtractJobResult skippedCopy() {
        return new ExtractJobResult(output, chunks, 0, clips, errors, modelFingerprint, true);
    }
}
