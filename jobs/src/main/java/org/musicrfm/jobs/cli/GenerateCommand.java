package org.musicrfm.jobs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.musicrfm.model.io.ModelIdentity;
import org.musicrfm.model.musicgen.BatchedGeneration;
import org.musicrfm.model.musicgen.GenerationConfig;
import org.musicrfm.model.musicgen.MusicgenGenerator;
import org.musicrfm.model.musicgen.MusicgenModel;
import org.musicrfm.steering.GeneratedOutputs;
import org.musicrfm.steering.GenerationSidecar;
import org.musicrfm.steering.SteeredOutput;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code musicrfm generate}: text-to-music with MusicGen (classifier-free guidance, top-k sampling, KV
 * cache). One prompt gives {@code FILE.wav}; a batch file gives {@code FILE-000.wav}, {@code FILE-001.wav},
 * … (one per prompt, in file order); {@code FILE.json} records every setting, each output and the
 * model's identity and each output's identity. Everything is checked before the model loads, and
 * files are written only once every prompt is generated. A re-run keeps the outputs whose identity
 * is unchanged (the sidecar says which), generates the others and removes numbered outputs of an
 * earlier run that no longer belong.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Generate music from text prompts with MusicGen; writes 32 kHz mono 16-bit WAV files and a JSON "
                + "sidecar of every setting.")
public final class GenerateCommand implements Callable<Integer> {

    /** Exit code for bad input (missing model or prompts, bad length or setting). */
    public static final int FAILED = 1;

    static final class Prompts {
        @Option(names = "--prompt", paramLabel = "TEXT", description = "Text prompt.")
        String prompt;

        @Option(names = "--batch-file", paramLabel = "PROMPTS.txt",
                description = "One prompt per line (blank lines skipped); writes FILE-000.wav, FILE-001.wav, ...")
        Path batchFile;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Prompts prompts;

    @Mixin
    GenerationOptions gen;

    @Option(names = "--out", required = true, paramLabel = "FILE.wav",
            description = "Output WAV (32 kHz mono, 16-bit); FILE.json beside it.")
    Path out;

    @Option(names = "--batch-size", defaultValue = "8", paramLabel = "N",
            description = "Prompts decoded together (default: ${DEFAULT-VALUE}); results do not depend on it.")
    int batchSize;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            run(spec.commandLine().getOut(), err);
            return 0;
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            err.println("generate: " + e.getMessage());
            err.flush();
            return FAILED;
        }
    }

    private void run(PrintWriter stdout, PrintWriter err) throws IOException {
        List<String> texts = prompts();
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav")) {
            throw new IllegalArgumentException("--out " + out + ": expected a .wav file name");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size " + batchSize + ": expected >= 1");
        }
        GenerationConfig config = gen.config(texts);
        gen.modelOptions(); // a bad --device or --dtype, or a GPU that is not there, fails before the model is read
        Path tok = gen.check(config);
        gen.warnConfigDefaults(err, "generate");
        ModelIdentity identity = ModelIdentity.of(gen.model);
        List<Path> files = GeneratedOutputs.files(out, texts.size(), prompts.batchFile != null);
        List<String> ids = GeneratedOutputs.identities(identity, gen.dtype, config);
        Path sidecar = SteeredOutput.sidecar(out);
        GeneratedOutputs previous = GeneratedOutputs.read(sidecar);
        List<Integer> todo = previous.missing(files, ids);
        GenerationSidecar meta = previous.keepOnly(files, ids, sidecar);
        long start = System.nanoTime();
        int frames = meta.frames();
        int rate = meta.sampleRate();
        double stepsPerSecond = 0;
        int steps = meta.decodingSteps() != null ? meta.decodingSteps() : 0;
        Double frameRate = meta.frameRate();
        List<float[]> audio = List.of();
        if (!todo.isEmpty()) {
            try (MusicgenModel m = gen.load(tok)) {
                MusicgenGenerator generator = new MusicgenGenerator(m);
                steps = generator.steps(config);
                frameRate = generator.frameRate();
                StepProgress progress = new StepProgress(err, "generate",
                        (long) steps * BatchedGeneration.batches(todo, batchSize).size());
                BatchedGeneration g = BatchedGeneration.of(generator, config, todo, batchSize, progress::next);
                audio = g.audio();
                frames = g.frames();
                rate = g.sampleRate();
                stepsPerSecond = progress.rate();
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        GeneratedOutputs.writeWavs(files, todo, audio, rate);
        int samples = todo.isEmpty() ? meta.audioSamples() : audio.get(todo.get(0)).length;
        GenerationSidecar.ofGenerate(gen.modelInfo(identity), config.describe(),
                prompts.batchFile == null ? texts.get(0) : null, gen.seconds, batchSize, steps, frameRate, frames, rate,
                samples, GeneratedOutputs.outputs(files, texts, ids), todo.size(), elapsed, stepsPerSecond)
                .write(sidecar);
        stdout.printf(Locale.ROOT, "generate: %d prompt(s), %d frames (%.2f s) each, in %.1f s -> %s%s, %s (%d generated, %d kept)%n",
                texts.size(), frames, samples / (double) rate, elapsed, files.get(0),
                files.size() > 1 ? " … " + files.get(files.size() - 1).getFileName() : "", sidecar.getFileName(),
                todo.size(), texts.size() - todo.size());
        stdout.flush();
    }

    /** The prompts of {@code --prompt} or of the batch file (non-blank lines, in order). */
    private List<String> prompts() throws IOException {
        if (prompts.batchFile == null) {
            if (prompts.prompt.isBlank()) {
                throw new IllegalArgumentException("--prompt is empty: expected a text");
            }
            return List.of(prompts.prompt);
        }
        if (!Files.isRegularFile(prompts.batchFile)) {
            throw new IllegalArgumentException("--batch-file " + prompts.batchFile + ": no such file");
        }
        List<String> texts = Files.readAllLines(prompts.batchFile, StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("--batch-file " + prompts.batchFile + ": no prompts (every line is blank)");
        }
        return texts;
    }
}
