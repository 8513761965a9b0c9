package org.musicrfm.jobs.evaluate;

/**
 * What a run of the {@code evaluate} job produced.
 *
 * @param clips      generated and reference clips in the job
 * @param evaluated  clips this run measured (the rest were up to date)
 * @param errors     clips listed in errors/
 * @param conditions rows of metrics/
 * @param inputs     digest of every clip's inputs (the resumption check)
 * @param skipped    true when the output was complete for these inputs and nothing was done
 */
public record EvaluateJobResult(String output, long clips, long evaluated, long errors, long conditions,
                                String inputs, boolean skipped) {

    public EvaluateJobResult skippedCopy() {
        return new EvaluateJobResult(output, clips, 0, errors, conditions, inputs, true);
    }
}
