package org.musicrfm.activations;

import java.io.IOException;
import java.io.Serializable;
import java.util.Iterator;
import org.apache.spark.TaskContext;
import org.apache.spark.util.LongAccumulator;
import org.musicrfm.io.Location;
import org.musicrfm.model.musicgen.MusicgenModel;
import org.musicrfm.runtime.ModelHolder;

/**
 * The executor side of an extraction: the JVM's model (one per executor, on the task's device),
 * then one chunk at a time its clips read by {@link ClipActivations} and its files written, then
 * its done marker.
 *
 * @param out           the extract output folder, on any file system {@link org.musicrfm.io.Storage} reaches
 * @param model         the MusicGen snapshot folder, read on the executor
 * @param threads       PyTorch intra-op threads per task (0: spark.task.cpus)
 * @param failChunkOnce testing only: chunk index whose first attempt fails (-1: none)
 * @param done          counts the clips read
 */
public record ChunkExtractor(Location out, String model, String device, String dtype, int threads,
                             ClipActivations clips, int failChunkOnce, LongAccumulator done) implements Serializable {

    public void run(Iterator<ExtractChunk> chunks) throws IOException {
        MusicgenModel m = ModelHolder.get(model, ModelHolder.assignedDevice(device), dtype, threads);
        while (chunks.hasNext()) {
            extract(m, chunks.next());
        }
    }

    private void extract(MusicgenModel m, ExtractChunk chunk) throws IOException {
        if (chunk.index() == failChunkOnce && TaskContext.get() != null && TaskContext.get().attemptNumber() == 0) {
            throw new IllegalStateException("injected failure in chunk " + chunk.name() + " (testing)");
        }
        ClipActivations.Rows rows = clips.extract(m, chunk.clips(), done::add);
        chunk.write(out, clips.layers(), rows);
    }
}
