package org.musicrfm.eval;

import java.io.Serializable;

/**
 * A clip to evaluate: a generated clip with its prompt and steering target, or a reference clip
 * (only embedded).
 *
 * @param path      absolute WAV path
 * @param concept   the steered concept (null when unsteered)
 * @param target    the steering target's class label or BPM (null when unsteered)
 * @param reference true for a clip of an explicit reference set
 */
public record EvalClip(String unitId, String path, String prompt, String condition, String concept, String target,
                       double eta, boolean reference) implements Serializable {}
