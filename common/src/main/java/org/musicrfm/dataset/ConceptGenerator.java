package org.musicrfm.dataset;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.musicrfm.audio.MidiClip;

/**
 * The configuration space of one SynTheory concept, enumerated in a fixed order, and the MIDI of
 * each configuration. Implementations are stateless and thread-safe.
 */
public interface ConceptGenerator {

    Concept concept();

    /** Number of configurations (e.g. 9,936 for notes). */
    int count();

    /** Configuration {@code index} in [0, count()). */
    ClipSpec spec(int index);

    /** The MIDI of a configuration; {@code seed} drives its random choices (crop offsets). */
    MidiClip midi(ClipSpec spec, long seed);

    /** All configurations in enumeration order (index 0 first). */
    default Stream<ClipSpec> specs() {
        return IntStream.range(0, count()).mapToObj(this::spec);
    }
}
