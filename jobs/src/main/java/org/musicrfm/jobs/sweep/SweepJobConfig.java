package org.musicrfm.jobs.sweep;

import java.io.Serializable;
import java.util.Map;

/**
 * Settings of a sweep run.
 *
 * @param spec          the sweep spec file (JSON)
 * @param output        output folder
 * @param model         checkpoint folder overriding the spec's (null: the spec's)
 * @param packs         pack files overriding the spec's, by name
 * @param limit         run at most this many units (-1: all)
 * @param sample        keep each unit with this probability (1: all), seeded by {@code sampleSeed}
 * @param sampleSeed    seed of the subset draw
 * @param device        cpu, gpu or gpu:N
 * @param dtype         float32 or float16
 * @param threads       PyTorch intra-op threads per executor (0: default)
 * @param failUnitOnce  testing: the first task attempt fails before its next batch once it has generated
 *                      this many units (-1: never)
 * @param batchSize     units generated together in one batch (same prompt token length; their steering
 *                      plans may differ); a clip is the same whatever the batch size
 */
public record SweepJobConfig(String spec, String output, String model, Map<String, String> packs, int limit, double sample,
                             long sampleSeed, String device, String dtype, int threads, int failUnitOnce, int batchSize)
        implements Serializable {

    /** Units per batch unless told otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 4;

    public SweepJobConfig {
        packs = packs == null ? Map.of() : Map.copyOf(packs);
    }

    /** Settings with the default batch size. */
    public SweepJobConfig(String spec, String output, String model, Map<String, String> packs, int limit, double sample,
                          long sampleSeed, String device, String dtype, int threads, int failUnitOnce) {
        this(spec, output, model, packs, limit, sample, sampleSeed, device, dtype, threads, failUnitOnce,
                DEFAULT_BATCH_SIZE);
    }

    public static SweepJobConfig of(String spec, String output) {
        return new SweepJobConfig(spec, output, null, Map.of(), -1, 1.0, 0L, "cpu", "float32", 0, -1);
    }

    /** This config with another batch size. */
    public SweepJobConfig withBatchSize(int size) {
        return new SweepJobConfig(spec, output, model, packs, limit, sample, sampleSeed, device, dtype, threads, failUnitOnce,
                size);
    }
}
