package org.musicrfm.rfm.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import org.musicrfm.io.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.musicrfm.rfm.ConceptDirections;
import org.musicrfm.rfm.Directions;
import org.musicrfm.rfm.ProbabilityMode;
import org.musicrfm.rfm.RfmModel;
import org.musicrfm.rfm.TuningMetric;
import org.musicrfm.rfm.aggregate.AggregateConfig;
import org.musicrfm.rfm.aggregate.AggregateModel;
import org.musicrfm.rfm.aggregate.AggregateSpace;
import org.musicrfm.rfm.aggregate.AggregateTrial;
import org.musicrfm.rfm.aggregate.LayerAggregator;
import org.musicrfm.rfm.aggregate.LayerProbe;
import org.musicrfm.rfm.aggregate.LayerSplits;
import org.musicrfm.rfm.backend.CpuBackend;
import org.musicrfm.rfm.backend.RfmBackend;
import org.musicrfm.rfm.linalg.FlopCounter;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;
import org.musicrfm.rfm.linear.LinearProbes;
import org.musicrfm.rfm.search.LayerData;
import org.musicrfm.rfm.probe.ProbeKind;
import org.musicrfm.rfm.probe.ProbeScores;
import org.musicrfm.rfm.search.ProbeSearch;
import org.musicrfm.rfm.search.ProbeTask;
import org.musicrfm.rfm.search.SearchSpace;
import org.musicrfm.rfm.search.TrialResult;

/**
 * Runs one method of the benchmark on one concept: every layer of the activation table on the shared
 * split, each with the same budget of {@link BenchmarkSettings#trials} configurations chosen on
 * validation, and the layer best on validation. The aggregator takes the mean-pooled RFM probes'
 * directions (the {@link BenchmarkMethod#RFM_MEAN} result) and searches its K_{p,q} RFM over them.
 */
public final class ClassifyBenchmark {

    /** The multiclass probe's target name in seeds (as the train job names it). */
    static final String MULTICLASS = "*";

    private final Location table;
    private final String concept;
    private final String label;
    private final BenchmarkSplit split;
    private final BenchmarkSettings settings;

    public ClassifyBenchmark(Location table, String concept, String label, BenchmarkSplit split,
                             BenchmarkSettings settings) {
        this.table = table;
        this.concept = concept;
        this.label = label;
        this.split = split;
        this.settings = settings;
    }

    /** The headline metric: accuracy for classes, R² or normalized MSE for regression. */
    public String metric() {
        return split.regression() ? settings.regressionMetric() : "accuracy";
    }

    /** The headline value of scores. */
    public static double value(String metric, ProbeScores s) {
        return switch (metric) {
            case "accuracy" -> s.accuracy();
            case "r2" -> s.r2();
            case "nmse" -> s.mse();
            default -> throw new IllegalArgumentException("unknown metric " + metric);
        };
    }

    /** True when higher values of the metric are better. */
    public static boolean higherIsBetter(String metric) {
        return !metric.equals("nmse");
    }

    /** Runs a per-layer method ({@link BenchmarkMethod#AGGREGATE} needs {@link #aggregate}). */
    public MethodResult run(BenchmarkMethod method) throws IOException {
        if (method == BenchmarkMethod.AGGREGATE) {
            throw new IllegalArgumentException("the aggregator runs on the mean-pooled RFM's result: call aggregate()");
        }
        Clock unit = Clock.start();
        List<LayerScore> scores = new ArrayList<>();
        List<MethodResult.LayerDirections> directions = new ArrayList<>();
        int[] sizes = null;
        for (int layer : ConceptTable.layers(table, concept)) {
            BenchmarkSplit.Parts p = parts(layer, method.pooling());
            sizes = new int[] {p.train().rows(), p.val().rows(), p.test().rows()};
            Clock c = Clock.start();
            FlopCounter fc = new FlopCounter();
            LayerScore s;
            try (FlopCounter.Scope scope = fc.open()) {
                s = switch (method) {
                    case RFM_MEAN, RFM_LAST -> rfm(layer, p, method == BenchmarkMethod.RFM_MEAN ? directions : null, c, fc);
                    case LINEAR -> linear(layer, p, c, fc);
                    case FFN -> ffn(layer, p, c);
                    default -> throw new IllegalStateException(method.id());
                };
            }
            scores.add(s);
        }
        String metric = metric();
        LayerScore best = null;
        for (LayerScore s : scores) {
            if (best == null || better(metric, value(metric, s.val()), value(metric, best.val()))) {
                best = s;
            }
        }
        long flops = scores.stream().mapToLong(LayerScore::flops).sum();
        return new MethodResult(concept, label, method, metric, List.copyOf(scores), best.layer(), sizes[0], sizes[1],
                sizes[2], unit.seconds(), unit.cpuSeconds(), flops, List.copyOf(directions));
    }

    /** The layer-aggregation model on the mean-pooled RFM probes of {@code rfmMean}. */
    public MethodResult aggregate(MethodResult rfmMean) throws IOException {
        return aggregate(rfmMean, null);
    }

    /** Receives the fitted aggregate model before it is released (e.g. to persist it). */
    public interface AggregateSink {
        void accept(AggregateModel model, List<String> classes) throws IOException;
    }

    /**
     * The layer-aggregation model on the mean-pooled RFM probes of {@code rfmMean}; {@code sink}
     * (may be null) gets the fitted model with the split's class names.
     */
    public MethodResult aggregate(MethodResult rfmMean, AggregateSink sink) throws IOException {
        if (rfmMean.method() != BenchmarkMethod.RFM_MEAN || rfmMean.directions().isEmpty()) {
            throw new IllegalArgumentException("the aggregator needs the rfm_mean result with its directions");
        }
        Clock unit = Clock.start();
        TuningMetric scoreMetric = split.regression() ? TuningMetric.MSE : TuningMetric.ACCURACY;
        List<LayerProbe> probes = new ArrayList<>();
        List<LayerSplits> data = new ArrayList<>();
        BenchmarkSplit.Parts any = null;
        for (MethodResult.LayerDirections d : rfmMean.directions()) {
            BenchmarkSplit.Parts p = parts(d.layer(), "mean");
            any = p;
            probes.add(new LayerProbe(d.layer(), Mat.fromRowMajor(d.rows(), d.cols(), d.values(), Precision.FLOAT64),
                    d.valScore(), scoreMetric));
            data.add(new LayerSplits(d.layer(), p.train().to(Precision.FLOAT64), p.val().to(Precision.FLOAT64),
                    p.test().to(Precision.FLOAT64)));
        }
        AggregateConfig config = new AggregateConfig(settings.directions(), settings.topLayers(), settings.trials(),
                settings.iters(), true, settings.seed(), AggregateSpace.paper(), null);
        FlopCounter fc = new FlopCounter();
        LayerScore s;
        try (FlopCounter.Scope scope = fc.open();
             AggregateModel model = new LayerAggregator(CpuBackend.float64()).fit(probes, data, any.targets(), config)) {
            scope.close();
            AggregateTrial b = model.best();
            String params = String.format(Locale.ROOT, "layers=%s;k=%d;bandwidth=%.6g;reg=%.6g;center_grads=%b;q=%.4f;"
                            + "p=%.4f;best_iter=%d;trial=%d", model.projection().layers(), settings.directions(),
                    b.params().bandwidth(), b.params().reg(), b.params().centerGrads(), b.params().q(), b.params().p(),
                    b.bestIter(), b.trial());
            s = new LayerScore(-1, b.val(), model.test(), params, unit.seconds(), unit.cpuSeconds(), fc.flops());
            if (sink != null) {
                sink.accept(model, split.classes());
            }
        }
        return new MethodResult(concept, label, BenchmarkMethod.AGGREGATE, metric(), List.of(s), -1,
                any.train().rows(), any.val().rows(), any.test().rows(), unit.seconds(), unit.cpuSeconds(), fc.flops(),
                List.of());
    }

    private BenchmarkSplit.Parts parts(int layer, String pooling) throws IOException {
        ConceptTable.Layer rows = ConceptTable.load(table, concept, layer, pooling, label);
        return split.parts(rows, settings.float64() ? Precision.FLOAT64 : Precision.FLOAT32,
                "concept " + concept + ", pooling " + pooling);
    }

    private LayerScore rfm(int layer, BenchmarkSplit.Parts p, List<MethodResult.LayerDirections> directions, Clock c,
                           FlopCounter fc) {
        RfmBackend backend = settings.float64() ? CpuBackend.float64() : CpuBackend.float32();
        LayerData data = LayerData.prepare(backend, p.train(), p.val(), p.test(), true);
        ProbeSearch search = new ProbeSearch(backend, new ProbeSearch.Settings(settings.iters(), null,
                ProbabilityMode.SOFTMAX, false, false));
        String target = split.regression() ? label : MULTICLASS;
        List<TrialResult> trials = search.search(settings.seed(), concept, target, layer, settings.trials(),
                SearchSpace.paper(), data, p.targets());
        TrialResult best = search.best(trials, p.targets().kind());
        if (directions != null) {
            try (RfmModel m = search.fit(best.task(), data, p.targets(), true)) {
                int k = Math.min(settings.directions(), p.train().cols());
                double[] target1 = split.regression() ? p.targets().train().toDoubles() : null;
                Directions dirs = ConceptDirections.compute(m, k, p.train(), target1);
                TuningMetric scoreMetric = split.regression() ? TuningMetric.MSE : TuningMetric.ACCURACY;
                directions.add(new MethodResult.LayerDirections(layer, dirs.vectors().rows(), dirs.vectors().cols(),
                        dirs.vectors().toRowMajor(), best.val().get(scoreMetric)));
            }
        }
        var t = best.task().params();
        String params = String.format(Locale.ROOT, "bandwidth=%.6g;reg=%.6g;center_grads=%b;exponent=%.4f;best_iter=%d;"
                + "trial=%d", t.bandwidth(), t.reg(), t.centerGrads(), t.exponent(), best.bestIter(), best.task().trial());
        return new LayerScore(layer, best.val(), best.test(), params, c.seconds(), c.cpuSeconds(), fc.flops());
    }

    private LayerScore linear(int layer, BenchmarkSplit.Parts p, Clock c, FlopCounter fc) {
        Mat tr = p.train().to(Precision.FLOAT64);
        Mat va = p.val().to(Precision.FLOAT64);
        Mat te = p.test().to(Precision.FLOAT64);
        LinearProbes.Result r = p.targets().kind() == ProbeKind.REGRESSION
                ? LinearProbes.ridge(tr, va, te, p.targets(), settings.lambdas(), null, ProbabilityMode.SOFTMAX)
                : LinearProbes.logistic(tr, va, te, p.targets(), settings.lambdas(), null);
        String params = String.format(Locale.ROOT, "method=%s;lambda=%.6g", r.method(), r.lambda());
        return new LayerScore(layer, r.val(), r.test(), params, c.seconds(), c.cpuSeconds(), fc.flops());
    }

    private LayerScore ffn(int layer, BenchmarkSplit.Parts p, Clock c) {
        String metric = metric();
        FfnProbe.Result best = null;
        FfnConfig bestCfg = null;
        int bestTrial = -1;
        for (int t = 0; t < settings.trials(); t++) {
            long seed = ProbeTask.deriveSeed(settings.seed(), concept, "ffn", layer, t);
            FfnConfig cfg = t == 0 ? settings.ffn() : settings.ffn().sample(seed);
            FfnProbe.Result r = FfnProbe.fit(p.train(), p.val(), p.test(), p.targets(), cfg, seed);
            if (best == null || better(metric, value(metric, r.val()), value(metric, best.val()))) {
                best = r;
                bestCfg = cfg;
                bestTrial = t;
            }
        }
        String params = String.format(Locale.ROOT, "hidden=%d;standardize=%b;batch=%d;lr=%.0e;dropout=%.2f;"
                        + "weight_decay=%.0e;steps=%d;early_stop=%b;trial=%d", bestCfg.hidden(), bestCfg.standardize(),
                bestCfg.batchSize(), bestCfg.learningRate(), bestCfg.dropout(), bestCfg.weightDecay(), best.steps(),
                best.stoppedEarly(), bestTrial);
        return new LayerScore(layer, best.val(), best.test(), params, c.seconds(), c.cpuSeconds(), 0L);
    }

    static boolean better(String metric, double a, double b) {
        return higherIsBetter(metric) ? a > b : a < b;
    }

    /** Wall and process CPU time since a start. */
    record Clock(long wall, long cpu) {
        static Clock start() {
            return new Clock(System.nanoTime(), processCpu());
        }

        double seconds() {
            return (System.nanoTime() - wall) / 1e9;
        }

        double cpuSeconds() {
            return (processCpu() - cpu) / 1e9;
        }

        static long processCpu() {
            var os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
                return sun.getProcessCpuTime();
            }
            return 0L;
        }
    }
}
