package org.musicrfm.jobs.musicbench;

/**
 * What a run of the {@code musicbench} job produced.
 *
 * @param clips       rows of the dataset table (readable audio)
 * @param sources     distinct recordings among them (augmented copies share one)
 * @param withKey     clips with a key label (after the keyprob threshold)
 * @param withBpm     clips with a tempo
 * @param audioErrors clips whose audio is missing or unreadable (in {@code errors/})
 * @param malformed   malformed JSON lines (in {@code errors/}; only with skipMalformed, else the job fails)
 * @param duplicates  lines naming an audio file an earlier line already named (dropped)
 * @param skipped     true when the output was complete for this config and no work was done
 */
public record MusicBenchJobResult(String output, long clips, long sources, long withKey, long withBpm,
                                  long audioErrors, long malformed, long duplicates, boolean skipped) {

    public MusicBenchJobResult skippedCopy() {
        return new MusicBenchJobResult(output, clips, sources, withKey, withBpm, audioErrors, malformed, duplicates,
                true);
    }
}
