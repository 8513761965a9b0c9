package org.musicrfm.jobs.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.musicrfm.jobs.SparkSessions;
import org.musicrfm.jobs.sweep.SweepJob;
import org.musicrfm.jobs.sweep.SweepJobConfig;
import org.musicrfm.jobs.sweep.SweepJobResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code musicrfm sweep}: a steering sweep from a JSON spec, fanned out on Spark, resumable unit by unit. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Generate every clip of a steering sweep spec (conf/sweeps/*.json): WAVs plus generations/ and errors/ tables.")
public final class SweepCommand implements Callable<Integer> {

    @Option(names = "--spec", required = true, paramLabel = "FILE.json", description = "Sweep spec.")
    String specFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (resumed when it exists).")
    String out;

    @Option(names = "--model", paramLabel = "DIR", description = "Checkpoint folder (default: the spec's).")
    String model;

    @Option(names = "--pack", paramLabel = "NAME=FILE", description = "Pack file for a pack the spec names (repeatable).")
    List<String> packs = List.of();

    @Option(names = "--limit", defaultValue = "-1", paramLabel = "N", description = "Run at most N units (of the --sample subset).")
    int limit;

    @Option(names = "--sample", defaultValue = "1", paramLabel = "F", description = "Keep each unit with probability F (seeded).")
    double sample;

    @Option(names = "--sample-seed", defaultValue = "0", paramLabel = "N", description = "Seed of the --sample draw.")
    long sampleSeed;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--dtype", defaultValue = "float32", description = "float32, or float16 on GPU (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--threads", defaultValue = "0", description = "PyTorch threads per executor JVM (0: DJL default).")
    int threads;

    @Option(names = "--batch-size", defaultValue = "" + SweepJobConfig.DEFAULT_BATCH_SIZE, paramLabel = "N",
            description = "Units generated together (prompts of equal token count; plans may differ). A clip is the same "
                    + "whatever N (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Mixin
    SparkOptions spark;

    @Spec
    CommandSpec commandSpec;

    @Override
    public Integer call() throws Exception {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String p : packs) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                commandSpec.commandLine().getErr().println("sweep: --pack " + p + ": expected NAME=FILE");
                return 1;
            }
            overrides.put(p.substring(0, eq), p.substring(eq + 1));
        }
        SweepJobConfig config = new SweepJobConfig(specFile, out, model, overrides, limit, sample, sampleSeed, device, dtype,
                threads, -1, batchSize);
        try {
            SweepJobResult r = SweepJob.run(SparkSessions.getOrCreate("musicrfm sweep", spark.master), config);
            System.out.printf(Locale.ROOT, "sweep: %d units (%d generated, %d already done, %d removed, %d errors) in %.1f s -> %s%n",
                    r.units(), r.generated(), r.skipped(), r.removed(), r.errors(), r.seconds(), out);
            return r.errors() == 0 ? 0 : 1;
        } catch (IllegalArgumentException e) {
            commandSpec.commandLine().getErr().println("sweep: " + e.getMessage());
            return 1;
        }
    }
}
