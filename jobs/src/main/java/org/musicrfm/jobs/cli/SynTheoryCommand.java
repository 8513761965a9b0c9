package org.musicrfm.jobs.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.musicrfm.audio.SampleFormat;
import org.musicrfm.dataset.Concept;
import org.musicrfm.jobs.SparkSessions;
import org.musicrfm.jobs.syntheory.SynTheoryJob;
import org.musicrfm.jobs.syntheory.SynTheoryJobConfig;
import org.musicrfm.jobs.syntheory.SynTheoryJobResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code musicrfm syntheory}: renders the SynTheory dataset (or a stratified subset) with Spark. */
@Command(name = "syntheory", mixinStandardHelpOptions = true,
        description = "Render SynTheory clips (MIDI -> Gervill + TimGM6mb) and write audio/ + metadata/ (Parquet).")
public final class SynTheoryCommand implements Callable<Integer> {

    @Option(names = "--concepts", split = ",", defaultValue = "notes,intervals,scales,chords,chord_progressions,tempos,time_signatures",
            description = "Comma-separated concepts (default: all seven).")
    List<String> concepts;

    @ArgGroup(exclusive = true)
    Subset subset;

    static final class Subset {
        @Option(names = "--subset-size", description = "Clips per concept, stratified on the probed label.")
        Integer size;
        @Option(names = "--subset-fraction", description = "Fraction of each concept in (0, 1].")
        Double fraction;
    }

    @Option(names = "--out", required = true, description = "Dataset folder.")
    String out;

    @Option(names = "--sample-rate", defaultValue = "32000", description = "Hz (default: ${DEFAULT-VALUE}).")
    int sampleRate;

    @Option(names = "--original-format",
            description = "SynTheory's own format: 44.1 kHz stereo 32-bit float (overrides --sample-rate).")
    boolean originalFormat;

    @Option(names = "--soundfont", defaultValue = "/usr/share/sounds/sf2/TimGM6mb.sf2",
            description = "SoundFont path (default: ${DEFAULT-VALUE}); 'builtin' opts in to the JDK's soundbank.")
    String soundfont;

    @Option(names = "--seed", defaultValue = "0", description = "Base seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--clips-per-task", defaultValue = "16", description = "Clips per Spark task (default: ${DEFAULT-VALUE}).")
    int clipsPerTask;

    @Option(names = "--overwrite",
            description = "Clear the folder's outputs first (needed to change the audio format or SoundFont of a dataset).")
    boolean overwrite;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() throws Exception {
        SynTheoryJobConfig config = config();
        SparkSession session = SparkSessions.getOrCreate("musicrfm syntheory", spark.master);
        SynTheoryJobResult r = SynTheoryJob.run(session, config, overwrite);
        System.out.println(summary(r));
        return 0;
    }

    SynTheoryJobConfig config() {
        List<Concept> parsed = concepts.stream().map(Concept::parse).toList();
        boolean original = originalFormat;
        return new SynTheoryJobConfig(parsed, subset == null ? null : subset.size,
                subset == null ? null : subset.fraction, out, original ? 44_100 : sampleRate, original ? 2 : 1,
                original ? SampleFormat.FLOAT_32 : SampleFormat.PCM_16, soundfont, seed, clipsPerTask);
    }

    static String summary(SynTheoryJobResult r) {
        StringBuilder s = new StringBuilder();
        s.append(r.skipped() ? "already complete, nothing to do: " : "wrote ").append(r.totalClips())
                .append(" clips (").append(r.rendered()).append(" rendered by this run) to ").append(r.output())
                .append('\n');
        r.clips().forEach((c, n) -> s.append(String.format("  %-20s %6d clips, %d silent%n", c, n,
                r.silent().getOrDefault(c, 0L))));
        s.append("  metadata: ").append(r.output()).append("/metadata (Parquet)");
        return s.toString();
    }
}
