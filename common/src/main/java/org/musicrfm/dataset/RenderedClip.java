package org.musicrfm.dataset;

/**
 * A clip that has been rendered to disk, with what the metadata table records about it.
 *
 * @param offsetSeconds where the kept window starts in the clip's MIDI (SynTheory's offset_time; 0 for tonal clips)
 * @param path    the WAV file relative to the dataset root, e.g. {@code audio/notes/notes_00042.wav}
 * @param isSilent peak below {@link SynTheoryClipWriter#SILENCE_PEAK} in the written file
 * @param rendered false when the file was already complete and was only re-read
 */
public record RenderedClip(ClipSpec spec, String path, double offsetSeconds, double durationSeconds, int sampleRate, int channels,
                           float peak, boolean isSilent, long seed, boolean rendered) {}
