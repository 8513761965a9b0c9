package org.musicrfm.jobs.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.musicrfm.jobs.SparkSessions;
import org.musicrfm.jobs.classify.ClassifyJob;
import org.musicrfm.jobs.classify.ClassifyJobConfig;
import org.musicrfm.jobs.classify.ClassifyJobResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code musicrfm classify}: the classification benchmark (aggregate, RFM mean/last, linear, FFN) per concept. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Compare the layer-aggregation model, the RFM on mean-pooled and last-token activations, a "
                + "linear probe and SynTheory's FFN probe per concept, per layer and at the best layer.")
public final class ClassifyCommand implements Callable<Integer> {

    @Option(names = "--activations", required = true, description = "The extract job's output folder.")
    String activations;

    @Option(names = "--concept", required = true, split = ",",
            description = "concept or concept:label, repeatable (e.g. notes, tempos, musicbench:key, musicbench:bpm).")
    List<String> targets;

    @Option(names = "--methods", split = ",", defaultValue = "aggregate,rfm_mean,rfm_last,linear,ffn",
            description = "Methods to run (default: ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--trials", defaultValue = "20", description = "Search budget of every method: RFM trials per layer, aggregator trials, linear λ values, FFN configurations per layer (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--iters", defaultValue = "10", description = "RFM iterations (default: ${DEFAULT-VALUE}).")
    int iters;

    @Option(names = "--directions", defaultValue = "4", description = "Aggregator: AGOP eigenvectors per layer, k (default: ${DEFAULT-VALUE}).")
    int directions;

    @Option(names = "--top-layers", defaultValue = "0", description = "Aggregator: keep the K best layers on validation, 0 = all (default: ${DEFAULT-VALUE}).")
    int topLayers;

    @Option(names = "--split-seed", defaultValue = "0", description = "Seed of the train job's 70/15/15 split (default: ${DEFAULT-VALUE}).")
    long splitSeed;

    @Option(names = "--seed", defaultValue = "0", description = "Base seed of every search (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--float64", description = "Fit the per-layer RFMs in double precision (default: float32).")
    boolean float64;

    @Option(names = "--ffn-epochs", defaultValue = "100", description = "FFN epoch limit (SynTheory: ${DEFAULT-VALUE}).")
    int ffnEpochs;

    @Option(names = "--out", required = true, description = "Output folder: classification/ (Parquet), units/.")
    String out;

    @Option(names = "--driver-side", description = "Run the units on the driver one at a time (exact CPU times).")
    boolean driverSide;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() throws Exception {
        ClassifyJobConfig config = new ClassifyJobConfig(activations, targets, methods, trials, iters, directions,
                topLayers, splitSeed, seed, float64, ffnEpochs, out, driverSide);
        ClassifyJobResult r = ClassifyJob.run(SparkSessions.getOrCreate("musicrfm classify", spark.master), config);
        System.out.printf("%s%s × %s: %d units (%d reused), %d rows in %s/%s%n",
                r.skipped() ? "already complete, nothing to do: " : "classified ", r.targets(), r.methods(), r.units(),
                r.reused(), r.rows(), r.output(), ClassifyJob.TABLE);
        return 0;
    }
}
