package org.musicrfm.jobs.evaluate;

import java.io.Serializable;

/**
 * What the {@code evaluate} job reads and writes.
 *
 * @param generations   generations table (Parquet) with at least unit_id, path, prompt, condition, concept,
 *                      target and eta
 * @param audioRoot     folder relative paths resolve against (default: the table's parent, the sweep's output)
 * @param reference     null: each condition against the unsteered clips of the same prompts and seeds; else an
 *                      audio table (Parquet with {@code path}) or a folder of WAV files serving every condition
 * @param probes        folder of probe files ({@code probes/} of train), or null for no probe metrics
 * @param model         MusicGen snapshot folder the probes were trained on
 * @param clap          CLAP snapshot folder
 * @param embedding     clap, encodec or musicgen_layer_&lt;l&gt;
 * @param seconds       clip length fed to MusicGen; 0: each clip's own length
 * @param clipsPerTask  clips per Spark task
 * @param threads       PyTorch intra-op threads per executor JVM (0: DJL's default)
 */
public record EvaluateJobConfig(String generations, String audioRoot, String reference, String probes, String model,
                                String clap, String embedding, double seconds, int traceWidth, int traceHop,
                                int resamples, double confidence, long seed, int clipsPerTask, String device,
                                String dtype, int threads, String output) implements Serializable {

    public EvaluateJobConfig {
        if (clipsPerTask < 1) {
            throw new IllegalArgumentException("clips per task must be positive, got " + clipsPerTask);
        }
        if (seconds < 0) {
            throw new IllegalArgumentException("seconds must be positive (or 0: each clip's length), got " + seconds);
        }
    }

    /** Defaults: unsteered reference, CLAP embeddings, clips' own length, 25-frame windows every 5, 1000 resamples. */
    public static EvaluateJobConfig defaults(String generations, String probes, String model, String clap,
                                             String output) {
        return new EvaluateJobConfig(generations, null, null, probes, model, clap, "clap", 0, 25, 5, 1000, 0.95, 0L, 4,
                "cpu", "float32", 0, output);
    }

    public EvaluateJobConfig withReference(String ref) {
        return new EvaluateJobConfig(generations, audioRoot, ref, probes, model, clap, embedding, seconds, traceWidth,
                traceHop, resamples, confidence, seed, clipsPerTask, device, dtype, threads, output);
    }

    public EvaluateJobConfig withEmbedding(String kind) {
        return new EvaluateJobConfig(generations, audioRoot, reference, probes, model, clap, kind, seconds, traceWidth,
                traceHop, resamples, confidence, seed, clipsPerTask, device, dtype, threads, output);
    }

    public EvaluateJobConfig withOutput(String out) {
        return new EvaluateJobConfig(generations, audioRoot, reference, probes, model, clap, embedding, seconds,
                traceWidth, traceHop, resamples, confidence, seed, clipsPerTask, device, dtype, threads, out);
    }

    public EvaluateJobConfig withThreads(int t) {
        return new EvaluateJobConfig(generations, audioRoot, reference, probes, model, clap, embedding, seconds,
                traceWidth, traceHop, resamples, confidence, seed, clipsPerTask, device, dtype, t, output);
    }
}
