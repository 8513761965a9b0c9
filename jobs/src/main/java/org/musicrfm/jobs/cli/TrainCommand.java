package org.musicrfm.jobs.cli;

import java.util.concurrent.Callable;
import org.musicrfm.dataset.DatasetColumns;
import org.musicrfm.jobs.SparkSessions;
import org.musicrfm.jobs.train.TrainJob;
import org.musicrfm.jobs.train.TrainJobConfig;
import org.musicrfm.jobs.train.TrainJobResult;
import org.musicrfm.rfm.backend.AgopPlan;
import org.musicrfm.rfm.search.HalvingSchedule;
import org.musicrfm.rfm.search.SearchMode;
import org.musicrfm.rfm.search.SearchPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code musicrfm train}: RFM probes for one concept on every layer, with the paper's random search. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train RFM probes (one-vs-rest per class + multiclass, or regression) on every layer of an activation table.")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--activations", required = true, description = "The extract job's output folder.")
    String activations;

    @Option(names = "--concept", required = true, description = "Concept partition to train on, e.g. notes.")
    String concept;

    @Option(names = "--label", description = "Label column (default: the SynTheory concept's probed label).")
    String label;

    @Option(names = "--regression", description = "Regression probe (default: on for the dataset's regression labels, e.g. bpm).")
    Boolean regression;

    @Option(names = "--pooling", defaultValue = "mean", description = "Pooling to train on (default: ${DEFAULT-VALUE}).")
    String pooling;

    @Option(names = "--trials", defaultValue = "100", description = "Random-search trials per target and layer (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--iters", defaultValue = "15", description = "RFM iterations (default: ${DEFAULT-VALUE}).")
    int iters;

    @Option(names = "--directions", defaultValue = "4", description = "AGOP eigenvectors kept per probe (default: ${DEFAULT-VALUE}).")
    int directions;

    @Option(names = "--split-seed", defaultValue = "0", description = "Seed of the 70/15/15 split (default: ${DEFAULT-VALUE}).")
    long splitSeed;

    @Option(names = "--seed", defaultValue = "0", description = "Base seed of the search (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Output folder: trials/, results/, probes/.")
    String out;

    @Option(names = "--driver-side", description = "Train on the driver instead of fanning layers out (small problems).")
    boolean driverSide;

    @Option(names = "--float64", description = "Fit in double precision (default: float32).")
    boolean float64;

    @Option(names = "--save-probes", defaultValue = "best", description = "Persist the multiclass (or regression) probe of the best layer, of all layers, or none, under probes/ (default: ${DEFAULT-VALUE}).")
    String saveProbes;

    @Option(names = "--search", defaultValue = "full", description = "full (every trial of every target to the end as "
            + "an independent fit), shared (the same search with the work a layer's targets share done once) or asha "
            + "(successive halving over AGOP iterations); all three draw trial t's hyperparameters per (concept, layer, "
            + "trial) (default: ${DEFAULT-VALUE}).")
    String search;

    @Option(names = "--rungs", description = "asha: AGOP iterations after which trials are compared, ending at --iters "
            + "(default: 0,1,3,7,<iters>).")
    String rungs;

    @Option(names = "--eta", description = "asha: reduction factor, the best 1/eta go on (default: the standard "
            + "schedule's).")
    Integer eta;

    @Option(names = "--keep", description = "asha: at least this many trials go on at every rung (default: the "
            + "standard schedule's).")
    Integer keep;

    @Option(names = "--ties", description = "asha: promote (trials tied with the last promoted one go on) or cut (by "
            + "trial number) (default: the standard schedule's).")
    String ties;

    @Option(names = "--pool", negatable = true, description = "asha: at rung 0 each target also keeps the trials "
            + "ranked best over all the layer's targets (--no-pool: only its own best) (default: the standard "
            + "schedule's).")
    Boolean pool;

    @Option(names = "--agop-sample", defaultValue = "0", description = "shared/asha: AGOP from this many seeded training "
            + "points (an approximation; 0 = all, exact) (default: ${DEFAULT-VALUE}).")
    int agopSample;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() throws Exception {
        String lbl = label != null ? label : TrainJob.defaultLabel(concept);
        if (lbl == null) {
            throw new IllegalArgumentException("'" + concept + "' is not a SynTheory concept: give --label");
        }
        boolean reg = regression != null ? regression : DatasetColumns.isRegression(lbl);
        TrainJobConfig config = new TrainJobConfig(activations, concept, lbl, reg, pooling, trials, iters, directions,
                splitSeed, seed, out, driverSide, float64,
                searchPlan(search, rungs, eta, keep, ties, pool, agopSample, iters), saveProbes);
        TrainJobResult r = TrainJob.run(SparkSessions.getOrCreate("musicrfm train", spark.master), config);
        System.out.println(summary(r));
        return 0;
    }

    static SearchPlan searchPlan(String mode, String rungs, Integer eta, Integer keep, String ties, Boolean pool,
                                 int agopSample, int iters) {
        SearchMode m = SearchMode.parse(mode);
        HalvingSchedule standard = HalvingSchedule.standard(iters);
        if (ties != null && !ties.equals("promote") && !ties.equals("cut")) {
            throw new IllegalArgumentException("--ties '" + ties + "': expected promote or cut");
        }
        HalvingSchedule schedule = HalvingSchedule.parse(rungs == null ? join(standard.rungs()) : rungs,
                        eta == null ? standard.eta() : eta, iters)
                .withKeep(keep == null ? standard.keep() : keep, ties == null ? standard.ties() : ties.equals("promote"))
                .withPool(pool == null ? standard.pool() : pool);
        if (m == SearchMode.FULL) {
            if (agopSample != 0) {
                throw new IllegalArgumentException("--agop-sample " + agopSample + " needs --search shared or asha");
            }
            return SearchPlan.full(iters);
        }
        return new SearchPlan(m, schedule, AgopPlan.Method.AUTO, agopSample);
    }

    private static String join(int[] values) {
        return java.util.Arrays.stream(values).mapToObj(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    }

    static String summary(TrainJobResult r) {
        return String.format(java.util.Locale.ROOT, "%s%s: %d targets × %d layers × %d trials, search %s (%.3g flops "
                        + "counted); best layer %d (%s val %.4f, test %.4f); tables in %s/{trials,results}%s",
                r.skipped() ? "already complete, nothing to do: " : "trained ", r.concept(), r.targets().size(),
                r.layers(), r.trials(), r.search(), (double) r.flops(), r.bestLayer(), r.metric(), r.bestValScore(),
                r.testScore(), r.output(), r.skipped() || r.trained() == r.units() ? ""
                        : String.format("; %d of %d units trained, %d reused", r.trained(), r.units(),
                                r.units() - r.trained()));
    }
}
