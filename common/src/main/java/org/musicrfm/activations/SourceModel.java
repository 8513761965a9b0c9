package org.musicrfm.activations;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;
import org.musicrfm.model.io.Checkpoint;
import org.musicrfm.model.io.ModelIdentity;
import org.musicrfm.model.musicgen.MusicgenConfig;

/**
 * The model an activation table was read from ({@value #FILE} beside it): what probe training
 * needs to write steering packs that load only on compatible models, and the clip length the
 * model read ({@code clipSeconds}; null in tables written before it was recorded).
 */
public record SourceModel(String folder, String name, String compatibilityKey, String fingerprint, int hiddenSize,
                          int numLayers, Double clipSeconds) {

    public SourceModel(String folder, String name, String compatibilityKey, String fingerprint, int hiddenSize,
                       int numLayers) {
        this(folder, name, compatibilityKey, fingerprint, hiddenSize, numLayers, null);
    }

    /** The same model, recorded as having read clips of {@code seconds}. */
    public SourceModel withClipSeconds(double seconds) {
        return new SourceModel(folder, name, compatibilityKey, fingerprint, hiddenSize, numLayers, seconds);
    }

    public static final String FILE = "model.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /** Reads a checkpoint's identity and decoder shape. */
    public static SourceModel of(Path modelFolder) throws IOException {
        try (Checkpoint c = Checkpoint.open(modelFolder)) {
            ModelIdentity id = ModelIdentity.of(c);
            MusicgenConfig cfg = MusicgenConfig.from(c.config(),
                    org.musicrfm.model.io.ConfigFile.of(modelFolder.resolve("config.json")));
            String name = c.config().has("_name_or_path") ? c.config().get("_name_or_path").getAsString()
                    : modelFolder.toAbsolutePath().getFileName().toString();
            return new SourceModel(modelFolder.toAbsolutePath().toString(), name, id.compatibilityKey(),
                    id.fingerprint(), cfg.decoder().hiddenSize(), cfg.decoder().numHiddenLayers());
        }
    }

    public ModelIdentity identity() {
        return new ModelIdentity(compatibilityKey, fingerprint);
    }

    public void write(Path dir) throws IOException {
        write(Location.of(dir));
    }

    public void write(Location dir) throws IOException {
        Storage.get().write(dir.resolve(FILE), GSON.toJson(this).getBytes(StandardCharsets.UTF_8));
    }

    public static SourceModel read(Path dir) throws IOException {
        return read(Location.of(dir));
    }

    /** The model recorded beside an activation table on any file system {@link Storage} reaches. */
    public static SourceModel read(Location dir) throws IOException {
        Location f = dir.resolve(FILE);
        Storage storage = Storage.get();
        if (!storage.isFile(f)) {
            throw new IOException("no " + FILE + " in " + dir + ": not an extract job's output");
        }
        return GSON.fromJson(storage.readString(f), SourceModel.class);
    }
}
