package org.musicrfm.jobs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.musicrfm.model.io.ModelIdentity;
import org.musicrfm.model.musicgen.Generation;
import org.musicrfm.model.musicgen.GenerationConfig;
import org.musicrfm.model.musicgen.MusicgenConfig;
import org.musicrfm.model.musicgen.MusicgenGenerator;
import org.musicrfm.model.musicgen.MusicgenModel;
import org.musicrfm.steering.ChosenPacks;
import org.musicrfm.steering.GenerationSidecar;
import org.musicrfm.steering.SteeredOutput;
import org.musicrfm.steering.SteeredGenerator;
import org.musicrfm.steering.SteeringKnobs;
import org.musicrfm.steering.SteeringPlan;
import org.musicrfm.steering.SteeringSpec;
import org.musicrfm.steering.Steps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code musicrfm steer}: text-to-music with one or more steering packs. The options become a
 * {@link SteeringSpec}, validated before the model loads (times in seconds at the rate of the checkpoint's
 * config, {@link Steps#perSecond}); writes the WAV and a {@link GenerationSidecar}
 * ({@code FILE.json}) with every knob, seed and the model's identity. Options
 * that shape a direction ({@code --eta --weights --schedule --gate --gate-mode --cfg-rows --layers})
 * take one value for every pack or one per {@code --pack}, in order.
 */
@Command(name = "steer", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Generate music from a text prompt, steered by concept directions from steering packs.")
public final class SteerCommand implements Callable<Integer> {

    /** Exit code for bad input (missing files, incompatible pack, bad knob). */
    public static final int FAILED = 1;

    @Option(names = "--pack", paramLabel = "FILE[:class]",
            description = "Steering pack and class (the class may be left out when the pack has one). Repeatable.")
    List<String> packs = new ArrayList<>();

    @Option(names = "--eta", paramLabel = "η0", split = ",",
            description = "Global coefficient η0 (paper: 0.15-0.60). Default: 0.45.")
    List<Double> etas = new ArrayList<>();

    @Option(names = "--weights", paramLabel = "W",
            description = "Layer weighting: uniform | topk:K | linear | exp[:κ[,w0]] | explicit:l=w,... Default: exp:0.95.")
    List<String> weights = new ArrayList<>();

    @Option(names = "--schedule", paramLabel = "S",
            description = "Time schedule: constant | linear-rise[:T] | linear-decay[:T] | exp-decay[:r] | logistic-rise[:t0[,s]] "
                    + "| sine[:P] | points:t=v,... | fade-in:A..B | fade-out:A..B, optional @START[..STOP], products with '*'; "
                    + "times in steps or seconds (30s). Default: constant.")
    List<String> schedules = new ArrayList<>();

    @Option(names = "--gate", paramLabel = "P|seq:..",
            description = "Gate: probability p of adding a direction (paper: 0.3), or seq:1,0,... per step. Default: 1 (always).")
    List<String> gates = new ArrayList<>();

    @Option(names = "--gate-mode", paramLabel = "step|step-layer",
            description = "One draw per step (paper) or per step and layer (released code). Default: step.")
    List<String> gateModes = new ArrayList<>();

    @Option(names = "--gate-seed", paramLabel = "N", description = "Seed of the gate draws (default: --seed; shared by all packs).")
    Long gateSeed;

    @Option(names = "--cfg-rows", paramLabel = "both|cond|C,U",
            description = "CFG rows steered: both (reference), cond (conditional only) or separate multipliers C,U. Default: both.")
    List<String> cfgRows = new ArrayList<>();

    @Option(names = "--layers", paramLabel = "L", description = "Blocks to steer, e.g. 0-11,20 (default: every layer of the pack).")
    List<String> layers = new ArrayList<>();

    @Option(names = "--components", paramLabel = "I", split = ",",
            description = "Eigenvector components summed per layer (default: 0, the top one).")
    List<Integer> components = new ArrayList<>();

    @Option(names = "--cross-fade", paramLabel = "A..B",
            description = "With two packs: the first fades out and the second fades in linearly over A..B (steps or seconds).")
    String crossFade;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "Text prompt.")
    String prompt;

    @Option(names = "--out", required = true, paramLabel = "FILE.wav", description = "Output WAV (32 kHz mono, 16-bit); FILE.json beside it.")
    Path out;

    @Mixin
    GenerationOptions gen;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            run(stdout);
            return 0;
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            err.println("steer: " + e.getMessage());
            err.flush();
            return FAILED;
        }
    }

    private void run(PrintWriter stdout) throws IOException {
        if (prompt.isBlank()) {
            throw new IllegalArgumentException("--prompt is empty");
        }
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav")) {
            throw new IllegalArgumentException("--out " + out + ": expected a .wav file name");
        }
        GenerationConfig config = gen.config(List.of(prompt));
        gen.checkFolder();
        gen.modelOptions(); // a bad --device or --dtype fails before the packs are read
        MusicgenConfig modelConfig = gen.checkModel();
        gen.warnConfigDefaults(spec.commandLine().getErr(), "steer");
        ModelIdentity identity = ModelIdentity.of(gen.model);
        ChosenPacks chosen = ChosenPacks.read(packs, identity);
        SteeringSpec steering = steeringSpec(chosen.files(), chosen.labels());
        double stepsPerSecond = Steps.perSecond(modelConfig);
        steering.validate(chosen.byName(), SteeringSpec.MAX_ETA, "steer", stepsPerSecond);
        Path tok = gen.check(config);
        int steps = MusicgenGenerator.steps(modelConfig, config);
        SteeringPlan plan = steering.plan(chosen.byName(), gateSeed(), steps, stepsPerSecond);
        Path sidecar = SteeredOutput.sidecar(out);
        String outputIdentity = SteeredOutput.identity(identity, gen.dtype, config, chosen, plan, gateSeed(), crossFade,
                components);
        if (SteeredOutput.upToDate(out, outputIdentity)) {
            stdout.printf(Locale.ROOT, "steer: %s is up to date (same model, packs, prompt and settings); nothing to do%n", out);
            stdout.flush();
            return;
        }
        Files.deleteIfExists(sidecar); // it describes the WAV about to be replaced
        long start = System.nanoTime();
        Generation g;
        try (MusicgenModel m = gen.load(tok)) {
            MusicgenGenerator generator = new MusicgenGenerator(m);
            StepProgress progress = new StepProgress(spec.commandLine().getErr(), "steer", generator.steps(config));
            g = SteeredGenerator.generate(generator, config, plan, progress.next());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        SteeredOutput.writeWav(out, g);
        int samples = g.audio()[0].length;
        GenerationSidecar.ofSteer(gen.modelInfo(identity), config.describe(), prompt, gen.seconds, steps,
                stepsPerSecond, g.frames(), g.sampleRate(), samples, out, chosen, gateSeed(), crossFade, components,
                steering, plan, elapsed, outputIdentity).write(sidecar);
        stdout.printf(Locale.ROOT, "steer: %d frames (%.2f s) with %d direction(s) in %.1f s -> %s, %s%n", g.frames(),
                samples / (double) g.sampleRate(), plan.directions().size(), elapsed, out, sidecar.getFileName());
        stdout.flush();
    }

    /**
     * The typed steering of the options: one direction per {@code --pack} (named by its file), each
     * knob given once for all packs or once per pack, combined at once or as a cross-fade.
     */
    SteeringSpec steeringSpec(List<String> packNames, List<String> labels) {
        return new SteeringKnobs(etas, weights, schedules, gates, gateModes, cfgRows, layers, components, crossFade)
                .spec(packNames, labels);
    }

    private long gateSeed() {
        return gateSeed != null ? gateSeed : gen.seed;
    }

    /** {@code 0-11,20} -> {0..11, 20}. */
    static java.util.SortedSet<Integer> parseLayers(String text) {
        try {
            return SteeringSpec.parseLayers(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--layers " + e.getMessage(), e);
        }
    }
}
