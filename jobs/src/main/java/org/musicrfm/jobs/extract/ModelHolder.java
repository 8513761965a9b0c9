package org.musicrfm.jobs.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.musicrfm.model.ModelOptions;
import org.musicrfm.model.musicgen.MusicgenModel;

/** One loaded model per executor JVM, shared by its tasks (loading a checkpoint costs seconds to minutes). */
public final class ModelHolder {

    private static final Map<String, MusicgenModel> MODELS = new HashMap<>();

    private ModelHolder() {}

    public static synchronized MusicgenModel get(String folder, String device, String dtype, int threads) throws IOException {
        if (threads > 0 && System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        String key = folder + "|" + device + "|" + dtype;
        MusicgenModel m = MODELS.get(key);
        if (m == null) {
            m = MusicgenModel.load(Path.of(folder), ModelOptions.parse(device, dtype));
            MODELS.put(key, m);
        }
        return m;
    }
}
