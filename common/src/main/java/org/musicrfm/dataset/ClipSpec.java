package org.musicrfm.dataset;

import java.util.Map;

/**
 * One point of a concept's configuration space: its index in SynTheory's enumeration order, a
 * stable clip id, and its label columns (ordered; values are String, Integer or Boolean).
 */
public record ClipSpec(Concept concept, int index, String clipId, Map<String, Object> labels) {
    public ClipSpec {
        labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    }
}
