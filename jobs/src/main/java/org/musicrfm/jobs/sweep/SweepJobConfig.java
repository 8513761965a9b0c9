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
 * @param failUnitOnce  testing: the first task attempt fails after generating this many units (-1: never)
 */
public record SweepJobConfig(String spec, String output, String model, Map<String, String> packs, int limit, double sample,
                             long sampleSeed, String device, String dtype, int threads, int failUnitOnce)
        implements Serializable {

    public SweepJobConfig {
        packs = packs == null ? Map.of() : Map.copyOf(packs);
    }

    public static SweepJobConfig of(String spec, String output) {
        return new SweepJobConfig(spec, output, null, Map.of(), -1, 1.0, 0L, "cpu", "float32", 0, -1);
    }
}
