package org.musicrfm.jobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.musicrfm.model.io.ConfigFile;
import org.musicrfm.model.ModelOptions;
import org.musicrfm.model.TorchThreads;
import org.musicrfm.model.io.Checkpoint;
import org.musicrfm.model.io.ModelIdentity;
import org.musicrfm.model.musicgen.GenerationConfig;
import org.musicrfm.model.musicgen.MusicgenConfig;
import org.musicrfm.model.musicgen.MusicgenGenerator;
import org.musicrfm.model.musicgen.MusicgenModel;
import org.musicrfm.steering.GenerationSidecar;
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
            description = "Audio length in seconds (default: ${DEFAULT-VALUE}); frames: the model's rate, 50/s for musicgen-small.")
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

    @Option(names = "--dtype", defaultValue = "float32", description = "float32 or float16 (bfloat16 is refused: DJL 0.33 aborts on BF16) (default: ${DEFAULT-VALUE}).")
    String dtype;

    /** Keys absent from config.json that took transformers' defaults (set by {@link #check}). */
    private List<String> configDefaults = List.of();

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "PyTorch intra-op threads (default: the CPUs this process may use; -Dai.djl.pytorch.num_threads wins).")
    int threads;

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
        MusicgenConfig modelConfig = checkModel();
        try {
            MusicgenGenerator.steps(modelConfig, config);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--seconds " + seconds + ": " + e.getMessage(), e);
        }
        Path tok = tokenizer != null ? tokenizer : model.resolve("tokenizer.json");
        if (!Files.isRegularFile(tok)) {
            throw new IllegalArgumentException("no tokenizer: " + tok + " does not exist (give --tokenizer)");
        }
        return tok;
    }

    /**
     * Opens the checkpoint and reads its config.json (errors name the file and key; absent keys that
     * take transformers' defaults are remembered for {@link #warnConfigDefaults} and the sidecar).
     */
    MusicgenConfig checkModel() throws IOException {
        checkFolder();
        ConfigFile configFile = ConfigFile.of(model.resolve("config.json"));
        MusicgenConfig modelConfig;
        try (Checkpoint c = Checkpoint.open(model)) {
            modelConfig = MusicgenConfig.from(c.config(), configFile);
        }
        configDefaults = configFile.defaulted();
        return modelConfig;
    }

    /**
     * Prints one warning listing the keys absent from config.json that took transformers' defaults
     * (known after {@link #checkModel}); they are also recorded in the sidecar.
     */
    void warnConfigDefaults(java.io.PrintWriter err, String command) {
        if (!configDefaults.isEmpty()) {
            err.println(command + ": warning: " + model.resolve("config.json").toAbsolutePath()
                    + " lacks keys; transformers' defaults used: " + String.join(", ", configDefaults));
            err.flush();
        }
    }

    /** Fails, naming the option, when the model folder does not exist. */
    void checkFolder() {
        if (!Files.isDirectory(model)) {
            throw new IllegalArgumentException("--model " + model + ": no such folder");
        }
    }

    /** The device and dtype; a GPU that is not there fails here, before anything is read. */
    ModelOptions modelOptions() {
        return ModelOptions.parse(device, dtype).requireAvailable();
    }

    MusicgenModel load(Path tokenizerJson) throws IOException {
        threadsInForce = TorchThreads.configure(threads > 0 ? threads : TorchThreads.processCpus());
        return MusicgenModel.load(model, tokenizerJson, modelOptions());
    }

    /** Intra-op threads the model ran with (set by {@link #load}). */
    private int threadsInForce;

    /** The model block of a sidecar: folder, compatibility key, fingerprint, device, dtype, threads, config defaults. */
    GenerationSidecar.ModelInfo modelInfo(ModelIdentity identity) {
        return new GenerationSidecar.ModelInfo(model.toAbsolutePath().toString(), identity.compatibilityKey(),
                identity.fingerprint(), device, dtype, threadsInForce, configDefaults);
    }
}
