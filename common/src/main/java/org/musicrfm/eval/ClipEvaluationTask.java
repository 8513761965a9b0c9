package org.musicrfm.eval;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.util.LongAccumulator;
import org.musicrfm.io.Location;

/**
 * The executor side of an evaluation: evaluates a partition's clips with the JVM's shared models
 * ({@link ClipModels}) and stores each result with its key ({@link ClipResultStore}).
 *
 * @param model   local MusicGen snapshot folder
 * @param clap    local CLAP snapshot folder
 * @param threads PyTorch intra-op threads per executor JVM (0: DJL's default)
 * @param keys    each clip's key by unit id
 */
public record ClipEvaluationTask(Location clipsDir, String model, String clap, String device, String dtype,
                                 int threads, EvalSettings settings, ProbeSet probes, Map<String, String> keys,
                                 LongAccumulator done) implements Serializable {

    public ClipEvaluationTask {
        keys = new LinkedHashMap<>(keys);
    }

    public void run(Iterator<EvalClip> clips) throws IOException {
        ClipModels.Loaded models = ClipModels.get(Path.of(model).toAbsolutePath().toString(),
                Path.of(clap).toAbsolutePath().toString(), device, dtype, threads);
        while (clips.hasNext()) {
            EvalClip c = clips.next();
            ClipResult r = ClipEvaluator.evaluate(c, models, probes, settings);
            ClipResultStore.write(clipsDir, c.unitId(), keys.get(c.unitId()), r);
            done.add(1);
        }
    }
}
