package org.musicrfm.rfm.search;

import org.musicrfm.rfm.probe.ProbeKind;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * One unit of search work: a trial of one probe (concept, target, layer). Its parameters are a
 * pure function of (baseSeed, concept, target, layer, trial), so a Spark job can create and fan
 * out tasks in any order and partitioning and get the same results.
 *
 * @param target what the probe predicts within the concept (a class for one-vs-rest probes,
 *               e.g. "C#"; {@link ProbeKind#MULTICLASS_TARGET} for the multiclass probe; a label column for regression)
 * @param seed   the derived seed the parameters were drawn with
 */
public record ProbeTask(String concept, String target, int layer, int trial, long seed, TrialParams params)
        implements Serializable {

    /** The task of trial {@code trial}, its parameters drawn from {@code space}. */
    public static ProbeTask of(long baseSeed, String concept, String target, int layer, int trial, SearchSpace space) {
        long seed = deriveSeed(baseSeed, concept, target, layer, trial);
        return new ProbeTask(concept, target, layer, trial, seed, space.sample(seed));
    }

    /** A task with given parameters (e.g. a baseline or a refit of the chosen trial). */
    public static ProbeTask fixed(String concept, String target, int layer, int trial, TrialParams params) {
        return new ProbeTask(concept, target, layer, trial, 0L, params);
    }

    /**
     * 64-bit seed from the identity of a trial: SplitMix64 steps over the base seed, the UTF-8
     * bytes of concept and target (length-prefixed), the layer and the trial.
     */
    public static long deriveSeed(long baseSeed, String concept, String target, int layer, int trial) {
        long h = mix(baseSeed ^ 0x6A09E667F3BCC909L);
        h = mixString(h, concept);
        h = mixString(h, target);
        h = mix(h ^ layer);
        h = mix(h ^ ((long) trial << 32 | 0x5bd1e995L));
        return h;
    }

    private static long mixString(long h, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        h = mix(h ^ b.length);
        for (byte x : b) {
            h = mix(h ^ (x & 0xff));
        }
        return h;
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
