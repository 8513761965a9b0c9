package org.musicrfm.jobs.extract;

import java.io.Serializable;
import java.util.List;

/**
 * What the {@code extract} job reads and writes.
 *
 * @param dataset        a dataset table (Parquet) with {@code clip_id}, {@code path} and label columns
 * @param audioRoot      folder that relative {@code path}s resolve against (default: the table's parent)
 * @param model          Hugging Face MusicGen snapshot folder
 * @param reading        {@code decoder_only} (MusicRFM) or {@code empty_text} (SynTheory)
 * @param poolings       any of mean, last, max, meanstd
 * @param perFrame       also write the per-frame table {@code frames/} (mean-free, one row per frame)
 * @param layers         blocks to keep (0-based); empty for all
 * @param clipsPerChunk  clips per unit of work and of resumption (one Parquet file per layer)
 * @param seconds        clip length fed to the model (cut or zero-padded; SynTheory 4, MusicBench 10),
 *                       recorded in the table's {@code clip_seconds} column and in {@code model.json}
 * @param includeSilent  keep clips flagged {@code is_silent}
 * @param threads        PyTorch intra-op threads per task (0: spark.task.cpus)
 * @param failChunkOnce  testing only: chunk index whose first attempt fails (-1: none)
 */
public record ExtractJobConfig(String dataset, String audioRoot, String model, String reading, List<String> poolings,
                               boolean perFrame, List<Integer> layers, int batchSize, int clipsPerChunk,
                               double seconds, String device, String dtype, String output, boolean includeSilent,
                               int threads, int failChunkOnce) implements Serializable {

    public ExtractJobConfig {
        poolings = List.copyOf(poolings);
        layers = List.copyOf(layers);
        if (poolings.isEmpty()) {
            throw new IllegalArgumentException("no pooling given");
        }
        if (batchSize <= 0 || clipsPerChunk <= 0) {
            throw new IllegalArgumentException("batch size and clips per chunk must be positive");
        }
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("seconds must be positive, got " + seconds);
        }
    }

    /** Defaults: decoder-only reading, mean pooling, all layers, 4 s clips on CPU in float32. */
    public static ExtractJobConfig defaults(String dataset, String model, String output) {
        return new ExtractJobConfig(dataset, null, model, "decoder_only", List.of("mean"), false, List.of(), 8, 32,
                4.0, "cpu", "float32", output, false, 0, -1);
    }

    public ExtractJobConfig withFailChunkOnce(int chunk) {
        return new ExtractJobConfig(dataset, audioRoot, model, reading, poolings, perFrame, layers, batchSize,
                clipsPerChunk, seconds, device, dtype, output, includeSilent, threads, chunk);
    }

    public ExtractJobConfig withPerFrame(boolean on) {
        return new ExtractJobConfig(dataset, audioRoot, model, reading, poolings, on, layers, batchSize,
                clipsPerChunk, seconds, device, dtype, output, includeSilent, threads, failChunkOnce);
    }
}
