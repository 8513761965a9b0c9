package org.musicrfm.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.musicrfm.jobs.SparkSessions;
import org.musicrfm.jobs.demo.DemoConfig;
import org.musicrfm.jobs.demo.DemoJob;
import org.musicrfm.jobs.demo.DemoResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code musicrfm demo}: the whole loop on its embedded default ({@link DemoJob}) — SynTheory notes,
 * a tiny random-weight MusicGen (or {@code --model}), activations, RFM probes and the notes pack, a
 * small sweep, its evaluation with a tiny random CLAP (or {@code --clap}) and the report. Every
 * stage is the same job users submit; re-running does no work.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole loop on an embedded default on local[*]: SynTheory notes -> activations ->"
                + " RFM probes -> steering pack -> sweep -> evaluate -> report; prints the report's path.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "musicrfm-demo", description = "Output folder (default: ${DEFAULT-VALUE}).")
    String out;

    @Option(names = "--model", description = "A MusicGen snapshot folder (e.g. facebook/musicgen-small);"
            + " default: a tiny random-weight checkpoint written to <out>/model.")
    String model;

    @Option(names = "--clap", description = "A CLAP snapshot folder (e.g. laion/larger_clap_music);"
            + " default: a tiny random-weight checkpoint written to <out>/clap.")
    String clap;

    @Option(names = "--clips", defaultValue = "60", description = "Notes clips (5 per pitch class at 60; default: ${DEFAULT-VALUE}).")
    int clips;

    @Option(names = "--trials", defaultValue = "8", description = "Search trials per probe and layer (paper: 100; default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--targets", defaultValue = "C,G", split = ",",
            description = "Notes to steer towards in the sweep (default: ${DEFAULT-VALUE}).")
    List<String> targets = new ArrayList<>();

    @Option(names = "--eta", defaultValue = "0.3,0.6", split = ",",
            description = "η0 values of the sweep (default: ${DEFAULT-VALUE}).")
    List<Double> etas = new ArrayList<>();

    @Option(names = "--prompt", description = "Sweep prompt (repeatable; default: \"a calm piano melody\","
            + " \"an upbeat jazz trio\").")
    List<String> prompts = new ArrayList<>();

    @Option(names = "--seconds", defaultValue = "4", description = "Length of the generated clips (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--soundfont", defaultValue = "/usr/share/sounds/sf2/TimGM6mb.sf2",
            description = "SoundFont path (default: ${DEFAULT-VALUE}); 'builtin' for the JDK's soundbank.")
    String soundfont;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() throws Exception {
        DemoConfig config = new DemoConfig(out, model, clap, clips, trials, targets, etas,
                prompts.isEmpty() ? DemoConfig.PROMPTS : prompts, seconds, soundfont);
        long t0 = System.nanoTime();
        DemoResult r = DemoJob.run(SparkSessions.getOrCreate("musicrfm demo", spark.master), config);
        System.out.println();
        System.out.println("MusicRFM demo finished in " + Math.round((System.nanoTime() - t0) / 1e9) + " s"
                + (r.computed().isEmpty() ? " (every stage found complete, nothing recomputed):" : ":"));
        DemoJob.summary(r).forEach(l -> System.out.println("  " + l));
        System.out.println("report: " + r.report());
        return 0;
    }
}
