package org.musicrfm.jobs.musicbench;

import java.io.Serializable;
import java.util.List;

/**
 * What the {@code musicbench} job reads and writes.
 *
 * @param jsonFiles      MusicBench JSON-lines files, read in this order (the first entry of an audio file wins)
 * @param audioRoot      folder that the files' {@code location}s resolve against
 * @param minKeyProb     key labels of clips whose {@code keyprob} is below this are left out (0: keep all)
 * @param skipMalformed  list malformed lines in {@code errors/} and go on, instead of failing before any output
 * @param output         dataset folder: {@code metadata/}, {@code errors/}
 * @param clipsPerTask   audio files probed per Spark task
 */
public record MusicBenchJobConfig(List<String> jsonFiles, String audioRoot, double minKeyProb, boolean skipMalformed,
                                  String output, int clipsPerTask) implements Serializable {

    public MusicBenchJobConfig {
        jsonFiles = List.copyOf(jsonFiles);
        if (jsonFiles.isEmpty()) {
            throw new IllegalArgumentException("no MusicBench JSON file given");
        }
        if (!(minKeyProb >= 0 && minKeyProb <= 1)) {
            throw new IllegalArgumentException("minimum keyprob must be in [0, 1], got " + minKeyProb);
        }
        if (clipsPerTask <= 0) {
            throw new IllegalArgumentException("clips per task must be positive, got " + clipsPerTask);
        }
    }

    public static MusicBenchJobConfig defaults(List<String> jsonFiles, String audioRoot, String output) {
        return new MusicBenchJobConfig(jsonFiles, audioRoot, 0.0, false, output, 64);
    }
}
