package org.musicrfm.steering.sweep;

import java.io.Serializable;
import org.musicrfm.steering.SteeringSpec;

/**
 * One clip of a sweep: a condition (a steering plan) on one prompt with one seed. Its id is a
 * SHA-256 prefix of its identity (model, condition, prompt, seed, length, sampling settings), so it
 * is the same whatever else the spec holds and whatever order work runs in.
 *
 * @param unitId      hex id
 * @param condition   readable id of the knobs ({@code unsteered}, or e.g. {@code notes:C|eta=0.45|w=exp:0.95|s=constant|p=0.3|cfg=both})
 * @param steering    the plan as values
 * @param prompt      the text prompt
 * @param promptIndex index of the prompt in the spec's list
 * @param seedIndex   which of the prompt's seeds
 * @param seed        sampling and gate seed (from base seed, prompt and seed index)
 */
public record SweepUnit(String unitId, String condition, SteeringSpec steering, String prompt, int promptIndex,
                        int seedIndex, long seed) implements Serializable {

    /** The concept of the first direction, or null when unsteered. */
    public String concept() {
        return steering.isNone() ? null : steering.directions().get(0).pack();
    }

    /** The target of the first direction, or null when unsteered. */
    public String target() {
        return steering.isNone() ? null : steering.directions().get(0).target();
    }
}
