package org.musicrfm.jobs.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.musicrfm.dataset.MusicBenchLayout;
import org.musicrfm.io.Locations;
import org.musicrfm.jobs.SparkSessions;
import org.musicrfm.jobs.musicbench.MusicBenchJob;
import org.musicrfm.jobs.musicbench.MusicBenchJobConfig;
import org.musicrfm.jobs.musicbench.MusicBenchJobResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code musicrfm musicbench}: MusicBench's JSON-lines files and audio as a dataset table for extract and train. */
@Command(name = "musicbench", mixinStandardHelpOptions = true,
        description = "Read MusicBench (JSON lines + audio) and write a dataset table (metadata/, errors/) for extract.")
public final class MusicBenchCommand implements Callable<Integer> {

    @Option(names = "--root", description = "MusicBench folder holding the JSON files (and, by default, the audio).")
    String root;

    @Option(names = "--json", split = ",", description = "JSON-lines files to read (default: "
            + "MusicBench_train.json, MusicBench_test_A.json, MusicBench_test_B.json found in --root).")
    List<String> json;

    @Option(names = "--audio-root", description = "Folder the 'location's resolve against (default: <root>/datashare"
            + " or <root>, whichever holds the first line's audio; without --root, the first JSON file's folder).")
    String audioRoot;

    @Option(names = "--min-keyprob", defaultValue = "0", description = "Leave out key, tonic and mode labels of clips"
            + " whose keyprob is below this (default: ${DEFAULT-VALUE}: keep all).")
    double minKeyProb;

    @Option(names = "--skip-malformed", description = "List malformed lines in errors/ and go on (default: fail, writing nothing).")
    boolean skipMalformed;

    @Option(names = "--out", required = true, description = "Dataset folder: metadata/, errors/.")
    String out;

    @Option(names = "--clips-per-task", defaultValue = "64", description = "Audio files per Spark task (default: ${DEFAULT-VALUE}).")
    int clipsPerTask;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() throws Exception {
        MusicBenchJobConfig config = config();
        MusicBenchJobResult r = MusicBenchJob.run(SparkSessions.getOrCreate("musicrfm musicbench", spark.master),
                config);
        System.out.println(summary(r));
        return 0;
    }

    MusicBenchJobConfig config() throws IOException {
        if (json != null && !json.isEmpty() && audioRoot != null) { // any Hadoop URIs: the job reads them
            return new MusicBenchJobConfig(json.stream().map(MusicBenchCommand::absolute).toList(),
                    absolute(audioRoot), minKeyProb, skipMalformed, out, clipsPerTask);
        }
        List<Path> files;
        if (json != null && !json.isEmpty()) {
            files = json.stream().map(f -> Locations.local(f, "--json")).toList();
        } else if (root != null) {
            files = MusicBenchLayout.jsonFiles(Locations.local(root, "--root"));
        } else {
            throw new IllegalArgumentException("give --root (the MusicBench folder) or --json FILE[,FILE...]");
        }
        Path audio = audioRoot != null ? Locations.local(audioRoot, "--audio-root")
                : MusicBenchLayout.audioRoot(root != null ? Path.of(root) : files.get(0).getParent(), files);
        return new MusicBenchJobConfig(files.stream().map(Path::toString).toList(),
                audio.toAbsolutePath().toString(), minKeyProb, skipMalformed, out, clipsPerTask);
    }

    /** A plain path made absolute; a URI as given. */
    private static String absolute(String location) {
        return Locations.scheme(location) == null ? Path.of(location).toAbsolutePath().toString() : location;
    }

    static String summary(MusicBenchJobResult r) {
        return (r.skipped() ? "already complete, nothing to do: " : "wrote ") + r.clips() + " clips of " + r.sources()
                + " recordings (" + r.withKey() + " with a key label, " + r.withBpm() + " with a tempo; "
                + r.audioErrors() + " missing or unreadable audio, " + r.malformed() + " malformed lines, "
                + r.duplicates() + " duplicate lines) to " + r.output() + "/metadata (Parquet; errors: " + r.output()
                + "/errors)";
    }
}
