package org.musicrfm.jobs.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.musicrfm.audio.Audio;
import org.musicrfm.audio.SampleFormat;
import org.musicrfm.audio.WavFiles;
import org.musicrfm.io.AtomicFiles;
import org.musicrfm.model.io.ModelIdentity;
import org.musicrfm.model.musicgen.Generation;
import org.musicrfm.model.musicgen.GenerationConfig;
import org.musicrfm.model.musicgen.MusicgenGenerator;
import org.musicrfm.model.musicgen.MusicgenModel;
import org.musicrfm.steering.SteeringPack;
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
 * model's identity. Everything is checked before the model loads, and files are written only once
 * every prompt is generated.
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
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            files.add(prompts.batchFile == null ? out : numbered(out, i));
        }
        long start = System.nanoTime();
        List<float[]> audio = new ArrayList<>();
        int frames;
        int rate;
        double stepsPerSecond;
        int steps;
        try (MusicgenModel m = gen.load(tok)) {
            MusicgenGenerator generator = new MusicgenGenerator(m);
            steps = generator.steps(config);
            int batches = (texts.size() + batchSize - 1) / batchSize;
            StepProgress progress = new StepProgress(err, "generate", (long) steps * batches);
            Generation g = null;
            for (int from = 0; from < texts.size(); from += batchSize) {
                List<String> chunk = texts.subList(from, Math.min(texts.size(), from + batchSize));
                g = generator.generate(config.toBuilder().prompts(chunk).firstPromptIndex(from).build(), null,
                        progress.next());
                audio.addAll(List.of(g.audio()));
            }
            frames = g.frames();
            rate = g.sampleRate();
            stepsPerSecond = progress.rate();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        for (int i = 0; i < files.size(); i++) {
            WavFiles.write(files.get(i), new Audio(audio.get(i), rate, 1), SampleFormat.PCM_16);
        }
        Path sidecar = SteerCommand.sidecar(out);
        JsonObject meta = new JsonObject();
        meta.addProperty("command", "generate");
        meta.addProperty("software_version", SteeringPack.softwareVersion());
        meta.add("model", gen.modelJson(identity));
        meta.add("settings", config.describe());
        meta.addProperty("batch_size", batchSize);
        meta.addProperty("decoding_steps", steps);
        meta.addProperty("frames", frames);
        meta.addProperty("sample_rate", rate);
        meta.addProperty("audio_samples", audio.get(0).length);
        JsonArray outputs = new JsonArray();
        for (int i = 0; i < files.size(); i++) {
            JsonObject o = new JsonObject();
            o.addProperty("prompt_index", i);
            o.addProperty("prompt", texts.get(i));
            o.addProperty("file", files.get(i).toAbsolutePath().toString());
            outputs.add(o);
        }
        meta.add("outputs", outputs);
        meta.addProperty("elapsed_seconds", elapsed);
        meta.addProperty("steps_per_second", stepsPerSecond);
        AtomicFiles.write(sidecar, new GsonBuilder().setPrettyPrinting().create().toJson(meta)
                .getBytes(StandardCharsets.UTF_8));
        stdout.printf(Locale.ROOT, "generate: %d prompt(s), %d frames (%.2f s) each, in %.1f s -> %s%s, %s%n", texts.size(),
                frames, audio.get(0).length / (double) rate, elapsed, files.get(0),
                files.size() > 1 ? " … " + files.get(files.size() - 1).getFileName() : "", sidecar.getFileName());
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

    /** {@code dir/name.wav} -> {@code dir/name-007.wav}. */
    static Path numbered(Path wav, int index) {
        String name = wav.getFileName().toString();
        return wav.resolveSibling(String.format(Locale.ROOT, "%s-%03d.wav", name.substring(0, name.length() - 4), index));
    }
}
