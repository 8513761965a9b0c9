package org.musicrfm.jobs.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.musicrfm.audio.SampleFormat;
import org.musicrfm.dataset.Concept;
import org.musicrfm.jobs.SparkSessions;
import org.musicrfm.jobs.syntheory.SynTheoryJob;
import org.musicrfm.jobs.syntheory.SynTheoryJobConfig;
import org.musicrfm.jobs.syntheory.SynTheoryJobResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code musicrfm demo}: the main job on its embedded default. For now it renders a small
 * stratified SynTheory subset (notes and tempos) on local[*] and prints where it went.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the pipeline on an embedded default: a small SynTheory subset on local[*].")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "musicrfm-demo", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--clips", defaultValue = "24", description = "Clips per concept (default: ${DEFAULT-VALUE}).")
    int clips;

    @Option(names = "--soundfont", defaultValue = "/usr/share/sounds/sf2/TimGM6mb.sf2",
            description = "SoundFont path (default: ${DEFAULT-VALUE}); 'builtin' for the JDK's soundbank.")
    String soundfont;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() throws Exception {
        SynTheoryJobConfig config = new SynTheoryJobConfig(List.of(Concept.NOTES, Concept.TEMPOS), clips, null,
                out.resolve("syntheory").toAbsolutePath().toString(), 32_000, 1, SampleFormat.PCM_16, soundfont,
                0L, 8);
        SparkSession session = SparkSessions.getOrCreate("musicrfm demo", spark.master);
        SynTheoryJobResult r = SynTheoryJob.run(session, config);
        System.out.println(SynTheoryCommand.summary(r));
        System.out.println("demo output: " + out.toAbsolutePath());
        return 0;
    }
}
