package org.musicrfm.jobs.syntheory;

import java.util.List;
import org.musicrfm.audio.SampleFormat;
import org.musicrfm.dataset.Concept;

/**
 * What the {@code syntheory} job renders and where.
 *
 * @param subsetSize     clips per concept (stratified on the probed label), or null for all
 * @param subsetFraction fraction of each concept in (0, 1], or null; at most one of size/fraction
 * @param output         dataset root: {@code audio/<concept>/*.wav}, {@code metadata/} (Parquet)
 * @param soundfont      SoundFont path, or {@code builtin} for the JDK's soundbank (explicit opt-in)
 * @param seed           base seed; each clip's seed derives from it and the clip id
 * @param clipsPerTask   clips per Spark task (granularity of progress and retries)
 */
public record SynTheoryJobConfig(List<Concept> concepts, Integer subsetSize, Double subsetFraction, String output,
                                 int sampleRate, int channels, SampleFormat format, String soundfont, long seed,
                                 int clipsPerTask) implements java.io.Serializable {

    public SynTheoryJobConfig {
        concepts = List.copyOf(concepts);
        if (concepts.isEmpty()) {
            throw new IllegalArgumentException("no concepts given");
        }
        if (subsetSize != null && subsetFraction != null) {
            throw new IllegalArgumentException("give a subset size or a fraction, not both");
        }
        if (subsetSize != null && subsetSize <= 0) {
            throw new IllegalArgumentException("subset size must be positive, got " + subsetSize);
        }
        if (subsetFraction != null && !(subsetFraction > 0 && subsetFraction <= 1)) {
            throw new IllegalArgumentException("subset fraction must be in (0, 1], got " + subsetFraction);
        }
        if (sampleRate < 8_000 || sampleRate > 192_000) {
            throw new IllegalArgumentException("sample rate out of range: " + sampleRate);
        }
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("channels must be 1 or 2, got " + channels);
        }
        if (clipsPerTask <= 0) {
            throw new IllegalArgumentException("clips per task must be positive, got " + clipsPerTask);
        }
    }

    /** 32 kHz mono 16-bit, what extraction consumes. */
    public static SynTheoryJobConfig defaults(List<Concept> concepts, String output) {
        return new SynTheoryJobConfig(concepts, null, null, output, 32_000, 1, SampleFormat.PCM_16,
                org.musicrfm.audio.SoundFonts.DEFAULT_PATH.toString(), 0L, 16);
    }
}
