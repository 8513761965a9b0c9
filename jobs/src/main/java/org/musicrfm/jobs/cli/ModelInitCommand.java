package org.musicrfm.jobs.cli;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.musicrfm.model.clap.ClapRandomCheckpoint;
import org.musicrfm.model.io.Dtype;
import org.musicrfm.model.io.ModelIdentity;
import org.musicrfm.model.io.RandomCheckpoint;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code model init}: writes a random-weight MusicGen or CLAP checkpoint in the Hugging Face layout
 * (marked synthetic, with a synthetic tokenizer) and prints its folder, compatibility key and
 * fingerprint. Refuses a non-empty output folder; the folder appears only once complete.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a random-weight MusicGen or CLAP checkpoint (HF layout, synthetic tokenizer) for demos, "
                + "tests and full-size benchmarks.")
public final class ModelInitCommand implements Callable<Integer> {

    /** Exit code when the checkpoint cannot be written (existing folder, bad config, I/O error). */
    public static final int FAILED = 1;

    static final class Source {
        @Option(names = "--size", paramLabel = "SIZE",
                description = "Named size. musicgen: tiny (the test fixture's), small, medium or large (real MusicGen "
                        + "shapes); clap: tiny or larger_clap_music.")
        String size;

        @Option(names = "--config", paramLabel = "FILE",
                description = "A config.json to take the sizes from (MusicGen, or CLAP with --arch clap).")
        Path config;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--arch", defaultValue = "musicgen", paramLabel = "musicgen|clap",
            description = "Architecture. Default: ${DEFAULT-VALUE}.")
    String arch;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (must not exist or be empty).")
    Path out;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (same seed, same bytes). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--dtype", defaultValue = "f32", paramLabel = "f32|f16|bf16",
            description = "Stored dtype of the weights. Default: ${DEFAULT-VALUE}.")
    String dtype;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Dtype type = switch (dtype.toLowerCase(Locale.ROOT)) {
                case "f32", "float32" -> Dtype.F32;
                case "f16", "float16" -> Dtype.F16;
                case "bf16", "bfloat16" -> Dtype.BF16;
                default -> throw new IllegalArgumentException("--dtype " + dtype + ": expected f32, f16 or bf16");
            };
            Path folder = switch (arch.toLowerCase(Locale.ROOT)) {
                case "musicgen" -> RandomCheckpoint.write(source.config != null
                        ? RandomCheckpoint.readConfig(source.config)
                        : RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.parse(source.size)), this.out, seed, type);
                case "clap" -> writeClap(type);
                default -> throw new IllegalArgumentException("--arch " + arch + ": expected musicgen or clap");
            };
            ModelIdentity id = ModelIdentity.of(folder);
            out.println("folder: " + folder);
            out.println("compatibility key: " + id.compatibilityKey());
            out.println("fingerprint: " + id.fingerprint());
            out.flush();
            return 0;
        } catch (FileAlreadyExistsException e) {
            err.println("model init: " + e.getFile() + ": " + e.getReason());
        } catch (IOException | IllegalArgumentException e) {
            err.println("model init: " + e.getMessage());
        }
        err.flush();
        return FAILED;
    }

    /** A CLAP preset, or a user config.json (with the larger_clap_music preprocessor settings). */
    private Path writeClap(Dtype type) throws IOException {
        JsonObject config;
        ClapRandomCheckpoint.Preset preset;
        if (source.config != null) {
            config = ClapRandomCheckpoint.readConfig(source.config);
            preset = ClapRandomCheckpoint.Preset.LARGER_CLAP_MUSIC;
        } else {
            preset = ClapRandomCheckpoint.Preset.parse(source.size);
            config = ClapRandomCheckpoint.presetConfig(preset);
        }
        return ClapRandomCheckpoint.write(config, ClapRandomCheckpoint.presetPreprocessor(preset), this.out, seed, type);
    }
}
