package org.musicrfm.eval;

import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.musicrfm.activations.SourceModel;
import org.musicrfm.model.ModelOptions;
import org.musicrfm.model.clap.ClapEmbedder;
import org.musicrfm.model.musicgen.MusicgenModel;

/**
 * The models of an evaluation, loaded once per JVM and shared by its tasks: one MusicGen, one CLAP
 * and the probes, keyed by folder and device. A thread count is applied to PyTorch's intra-op pool
 * even if the engine started earlier, so that a local driver computes what executor JVMs compute.
 */
public final class ClipModels {

    /** The models a clip is evaluated with. */
    public record Loaded(MusicgenModel musicgen, SourceModel source, ClapEmbedder clap) {}

    private static final Map<String, Loaded> LOADED = new HashMap<>();
    private static final Map<String, Probe> PROBES = new HashMap<>();
    private static final Map<String, AggregateProbe> AGGREGATES = new HashMap<>();

    private ClipModels() {}

    /**
     * The JVM's models for these folders; {@code threads} &gt; 0 sets PyTorch's intra-op threads
     * (only before the first model of the JVM loads).
     */
    public static synchronized Loaded get(String musicgen, String clap, String device, String dtype, int threads)
            throws IOException {
        if (threads > 0 && System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        String key = musicgen + "|" + clap + "|" + device + "|" + dtype;
        Loaded m = LOADED.get(key);
        ModelOptions options = ModelOptions.parse(device, dtype);
        if (m == null) {
            MusicgenModel mg = MusicgenModel.load(Path.of(musicgen), options);
            ClapEmbedder ce = ClapEmbedder.shared(Path.of(clap), options, ClapEmbedder.Options.defaults());
            m = new Loaded(mg, SourceModel.of(Path.of(musicgen)), ce);
            LOADED.put(key, m);
        }
        if (threads > 0 && !options.device().isGpu() && JniUtils.getNumThreads() != threads) {
            // the engine may have started before (e.g. on a local driver): results depend on the thread count
            JniUtils.setNumThreads(threads);
        }
        return m;
    }

    /** The JVM's copy of a probe file. */
    public static synchronized Probe probe(String file) throws IOException {
        Probe p = PROBES.get(file);
        if (p == null) {
            p = Probe.load(org.musicrfm.io.Location.parse(file, "probe"));
            PROBES.put(file, p);
        }
        return p;
    }

    /** The JVM's copy of an aggregate model file. */
    public static synchronized AggregateProbe aggregate(String file) throws IOException {
        AggregateProbe a = AGGREGATES.get(file);
        if (a == null) {
            a = AggregateProbe.load(org.musicrfm.io.Location.parse(file, "aggregate model"));
            AGGREGATES.put(file, a);
        }
        return a;
    }
}
