package org.musicrfm.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.musicrfm.audio.SampleFormat;
import org.musicrfm.dataset.Concept;
import org.musicrfm.jobs.SparkSessions;
import org.musicrfm.jobs.extract.ExtractJob;
import org.musicrfm.jobs.extract.ExtractJobConfig;
import org.musicrfm.jobs.extract.ExtractJobResult;
import org.musicrfm.jobs.syntheory.SynTheoryJob;
import org.musicrfm.jobs.syntheory.SynTheoryJobConfig;
import org.musicrfm.jobs.syntheory.SynTheoryJobResult;
import org.musicrfm.jobs.train.TrainJob;
import org.musicrfm.jobs.train.TrainJobConfig;
import org.musicrfm.jobs.train.TrainJobResult;
import org.musicrfm.model.io.Dtype;
import org.musicrfm.model.io.RandomCheckpoint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code musicrfm demo}: the whole pipeline on its embedded default — a stratified SynTheory notes
 * subset, a tiny random-weight MusicGen written by {@code model init} (or {@code --model}),
 * activation extraction, RFM probes with a small search, the notes steering pack, and one steered
 * and one unsteered clip. Every stage is the same job users submit; re-running does no work.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole pipeline on an embedded default on local[*]: SynTheory notes -> activations ->"
                + " RFM probes -> steering pack -> a steered and an unsteered clip.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "musicrfm-demo", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--model", description = "A MusicGen snapshot folder (e.g. facebook/musicgen-small);"
            + " default: a tiny random-weight checkpoint written to <out>/model.")
    Path model;

    @Option(names = "--clips", defaultValue = "60", description = "Notes clips (5 per pitch class at 60; default: ${DEFAULT-VALUE}).")
    int clips;

    @Option(names = "--trials", defaultValue = "8", description = "Search trials per probe and layer (paper: 100; default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--pitch-class", defaultValue = "C", description = "Note to steer towards (default: ${DEFAULT-VALUE}).")
    String pitchClass;

    @Option(names = "--seconds", defaultValue = "4", description = "Length of the generated clips (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--soundfont", defaultValue = "/usr/share/sounds/sf2/TimGM6mb.sf2",
            description = "SoundFont path (default: ${DEFAULT-VALUE}); 'builtin' for the JDK's soundbank.")
    String soundfont;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() throws Exception {
        Path root = out.toAbsolutePath();
        Files.createDirectories(root);
        long t0 = System.nanoTime();
        List<String> summary = new ArrayList<>();
        SparkSession session = SparkSessions.getOrCreate("musicrfm demo", spark.master);

        SynTheoryJobResult syn = SynTheoryJob.run(session, new SynTheoryJobConfig(List.of(Concept.NOTES), clips, null,
                root.resolve("syntheory").toString(), 32_000, 1, SampleFormat.PCM_16, soundfont, 0L, 8));
        summary.add(String.format(Locale.ROOT, "dataset     %d SynTheory notes clips     %s", syn.totalClips(),
                root.resolve("syntheory")));

        Path modelDir = model != null ? model.toAbsolutePath() : root.resolve("model");
        if (model == null && !Files.isRegularFile(modelDir.resolve("config.json"))) {
            RandomCheckpoint.write(RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY), modelDir, 0L, Dtype.F32);
        }
        summary.add(String.format(Locale.ROOT, "model       %s%s", modelDir,
                model == null ? "   (tiny, random weights: exercises the pipeline, makes no music)" : ""));

        ExtractJobConfig ed = ExtractJobConfig.defaults(root.resolve("syntheory/metadata").toString(), modelDir.toString(),
                root.resolve("activations").toString());
        ExtractJobResult ex = ExtractJob.run(session, ed);
        summary.add(String.format(Locale.ROOT, "activations %d clips × every layer, mean-pooled   %s/activations",
                ex.clips(), ex.output()));

        TrainJobResult tr = TrainJob.run(session, new TrainJobConfig(ex.output(), Concept.NOTES.id(),
                Concept.NOTES.probedLabel(), false, "mean", trials, 5, 2, 0L, 0L, root.resolve("probes").toString(),
                false, false));
        Path pack = root.resolve("probes").resolve(TrainJob.packFileName(Concept.NOTES.id()));
        summary.add(String.format(Locale.ROOT, "probes      %d layers × %d targets × %d trials; best layer %d (%s val %.3f)   %s",
                tr.layers(), tr.targets().size(), tr.trials(), tr.bestLayer(), tr.metric(), tr.bestValScore(), tr.output()));
        summary.add(String.format(Locale.ROOT, "pack        %s", pack));

        int pc = List.of("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B").indexOf(pitchClass);
        if (pc < 0) {
            throw new IllegalArgumentException("unknown pitch class '" + pitchClass + "'; expected C, C#, ..., B");
        }
        Path generated = root.resolve("generated");
        Files.createDirectories(generated);
        String prompt = "a calm piano melody";
        for (boolean steered : new boolean[] {false, true}) {
            Path wav = generated.resolve(steered ? "steered-" + pitchClass.replace("#", "sharp") + ".wav" : "unsteered.wav");
            if (!Files.exists(wav)) {
                int code = new CommandLine(new SteerCommand()).execute("--model", modelDir.toString(),
                        "--pack", pack + ":" + pitchClass, "--eta", steered ? "0.45" : "0", "--weights", "exp:0.95",
                        "--schedule", "exp-decay", "--gate", "0.3", "--prompt", prompt,
                        "--seconds", Double.toString(seconds), "--seed", "0", "--out", wav.toString());
                if (code != 0) {
                    throw new IllegalStateException("steered generation failed (exit " + code + ")");
                }
            }
            summary.add(String.format(Locale.ROOT, "%-11s %s   (+ .json sidecar)", steered ? "steered" : "unsteered", wav));
        }
        System.out.println();
        System.out.println("MusicRFM demo finished in " + Math.round((System.nanoTime() - t0) / 1e9) + " s:");
        summary.forEach(l -> System.out.println("  " + l));
        System.out.println("demo output: " + root);
        return 0;
    }
}
