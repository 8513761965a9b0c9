package org.musicrfm.steering.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.musicrfm.model.io.Checkpoint;
import org.musicrfm.model.io.ModelIdentity;
import org.musicrfm.model.musicgen.GenerationConfig;
import org.musicrfm.model.musicgen.MusicgenConfig;
import org.musicrfm.model.musicgen.MusicgenGenerator;

/**
 * The checkpoint a sweep generates with, checked on the driver: a folder with a {@code tokenizer.json},
 * its identity (which packs fit it) and its config, on which the spec's clip length must fit.
 */
public record SweepModel(Path folder, ModelIdentity identity, MusicgenConfig config) {

    public static SweepModel open(String model, SweepSpec spec) throws IOException {
        Path modelDir = Path.of(model);
        if (!Files.isDirectory(modelDir)) {
            throw new IllegalArgumentException("model: no such folder " + modelDir);
        }
        if (!Files.isRegularFile(modelDir.resolve("tokenizer.json"))) {
            throw new IllegalArgumentException("model: no tokenizer.json in " + modelDir);
        }
        ModelIdentity identity = ModelIdentity.of(modelDir);
        MusicgenConfig modelConfig;
        try (Checkpoint c = Checkpoint.open(modelDir)) {
            modelConfig = MusicgenConfig.from(c.config());
            MusicgenGenerator.steps(modelConfig, GenerationConfig.builder().prompt("x").seconds(spec.seconds())
                    .guidance(spec.guidance()).topK(spec.topK()).temperature(spec.temperature()).seed(0).build());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("seconds: " + spec.seconds() + ": " + e.getMessage(), e);
        }
        return new SweepModel(modelDir, identity, modelConfig);
    }
}
