package org.musicrfm.model.musicgen;

/** Told after every decoding step of a generation (progress lines). */
@FunctionalInterface
public interface StepListener {

    StepListener NONE = (done, total) -> { };

    /** {@code done} of {@code total} decoding steps are finished. */
    void onStep(int done, int total);
}
