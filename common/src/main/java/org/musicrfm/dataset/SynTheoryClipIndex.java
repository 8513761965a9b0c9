package org.musicrfm.dataset;

import java.io.Serializable;

/** One configuration to render: its concept and index in the concept's enumeration. */
public record SynTheoryClipIndex(Concept concept, int index) implements Serializable {

    public static SynTheoryClipIndex of(ClipSpec spec) {
        return new SynTheoryClipIndex(spec.concept(), spec.index());
    }

    /** The configuration, enumerated again (cheap, and deterministic). */
    public ClipSpec spec() {
        return SynTheory.generator(concept).spec(index);
    }
}
