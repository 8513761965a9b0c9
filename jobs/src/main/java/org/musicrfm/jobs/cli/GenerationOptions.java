package org.musicrfm.jobs.cli;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.musicrfm.model.ModelOptions;
import org.musicrfm.model.io.Checkpoint;
import org.musicrfm.model.io.ModelIdentity;
import org.musicrfm.model.musicgen.GenerationConfig;
import org.musicrfm.model.musicgen.MusicgenConfig;
import org.musicrfm.model.musicgen.MusicgenGenerator;
import org.musicrfm.model.musicgen.MusicgenModel;
import picocli.CommandLine.Option;

/**
 * Options of the commands that generate music ({@code generate}, {@code steer}): the model, the
 * length and the sampling settings, with audiocraft's defaults, checked before any weight is loaded.
 */
public final class GenerationOptions {

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "MusicGen checkpoint folder (HF layout).")
    Path model;

    @Option(names = "--tokenizer", paramLabel = "FILE", description = "tokenizer.json (default: DIR/tokenizer.json).")
    Path tokenizer;

    @Option(names = "--seconds", defaultValue = "10", paramLabel = "S",
            description = "Audio length in seconds, 50 frames per second (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--seed", defaultValue = "0",
            description = "Sampling seed; each draw depends on (seed, prompt index, step, codebook) (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--top-k", defaultValue = "250",
            description = "Top-k sampling; 1 is greedy (default: ${DEFAULT-VALUE}, audiocraft's).")
    int topK;

    @Option(names = "--temperature", defaultValue = "1.0",
            description = "Sampling temperature; 0 is greedy (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--guidance", defaultValue = "3.0",
            description = "Classifier-free guidance scale; 1 disables it (default: ${DEFAULT-VALUE}).")
    double guidance;

    @Option(names = "--greedy", description = "Argmax decoding (ignores --top-k, --temperature and --seed).")
    boolean greedy;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--dtype", defaultValue = "float32", description = "float32, or float16 on a GPU (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--no-cache", hidden = true, description = "Re-run the whole sequence every step (checks only).")
    boolean noCache;

    /** The settings for {@code prompts}; bad values are errors naming the option. */
    GenerationConfig config(List<String> prompts) {
        if (!(seconds > 0) || !Double.isFinite(seconds)) {
            throw new IllegalArgumentException("--seconds " + seconds + ": expected a length > 0");
        }
        return GenerationConfig.builder().prompts(prompts).seconds(seconds).guidance(guidance).topK(topK)
                .temperature(temperature).seed(seed).greedy(greedy).kvCache(!noCache).build();
    }

    /**
     * Checks the model folder, the tokenizer and the length against the model's positions (reads
     * {@code config.json} only); returns the tokenizer's path.
     */
    Path check(GenerationConfig config) throws IOException {
        checkFolder();
        try (Checkpoint c = Checkpoint.open(model)) {
            MusicgenGenerator.steps(MusicgenConfig.from(c.config()), config);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--seconds " + seconds + ": " + e.getMessage(), e);
        }
        Path tok = tokenizer != null ? tokenizer : model.resolve("tokenizer.json");
        if (!Files.isRegularFile(tok)) {
            throw new IllegalArgumentException("no tokenizer: " + tok + " does not exist (give --tokenizer)");
        }
        return tok;
    }

    /** Fails, naming the option, when the model folder does not exist. */
    void checkFolder() {
        if (!Files.isDirectory(model)) {
            throw new IllegalArgumentException("--model " + model + ": no such folder");
        }
    }

    ModelOptions modelOptions() {
        return ModelOptions.parse(device, dtype);
    }

    MusicgenModel load(Path tokenizerJson) throws IOException {
        return MusicgenModel.load(model, tokenizerJson, modelOptions());
    }

    /** The model block of a sidecar: folder, compatibility key, fingerprint, device, dtype. */
    JsonObject modelJson(ModelIdentity identity) {
        JsonObject m = new JsonObject();
        m.addProperty("folder", model.toAbsolutePath().toString());
        m.addProperty("compatibility_key", identity.compatibilityKey());
        m.addProperty("fingerprint", identity.fingerprint());
        m.addProperty("device", device);
        m.addProperty("dtype", dtype);
        return m;
    }
}
