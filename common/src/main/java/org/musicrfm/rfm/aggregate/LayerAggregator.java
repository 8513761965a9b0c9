package org.musicrfm.rfm.aggregate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.musicrfm.rfm.backend.KernelSpec;
import org.musicrfm.rfm.ProbabilityMode;
import org.musicrfm.rfm.Rfm;
import org.musicrfm.rfm.RfmConfig;
import org.musicrfm.rfm.RfmModel;
import org.musicrfm.rfm.TuningMetric;
import org.musicrfm.rfm.backend.Points;
import org.musicrfm.rfm.backend.RfmBackend;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.probe.ProbeKind;
import org.musicrfm.rfm.probe.ProbeScores;
import org.musicrfm.rfm.probe.ProbeTargets;
import org.musicrfm.rfm.search.ProbeTask;

/**
 * Fits the layer-aggregation model: selects layers (all, or the top K by their probes' validation
 * scores), projects each on its probe's top-k directions, concatenates, and runs the seeded random
 * search of K_{p,q} RFMs on the result, keeping the trial with the best validation metric
 * (accuracy for classes, MSE for regression, unless configured). Trial t's parameters depend only
 * on (seed, t), so the result does not depend on how the trials are scheduled.
 */
public final class LayerAggregator {

    private final RfmBackend backend;

    /** The backend must support the K_{p,q} kernel (the CPU backend does). */
    public LayerAggregator(RfmBackend backend) {
        this.backend = backend;
    }

    /** The layers the model uses: all probes' layers, or the top K by validation score (ties: lower layer). */
    public static List<LayerProbe> select(List<LayerProbe> probes, int topLayers) {
        if (probes.isEmpty()) {
            throw new IllegalArgumentException("no layer probes to aggregate");
        }
        if (topLayers == 0 || topLayers >= probes.size()) {
            return probes.stream().sorted(Comparator.comparingInt(LayerProbe::layer)).toList();
        }
        List<LayerProbe> ranked = new ArrayList<>(probes);
        ranked.sort((a, b) -> {
            if (a.scoreMetric().better(a.valScore(), b.valScore())) {
                return -1;
            }
            if (a.scoreMetric().better(b.valScore(), a.valScore())) {
                return 1;
            }
            return Integer.compare(a.layer(), b.layer());
        });
        return ranked.subList(0, topLayers).stream().sorted(Comparator.comparingInt(LayerProbe::layer)).toList();
    }

    /**
     * Runs the search and returns the best trial's model with its test scores.
     *
     * @param probes  one probe per layer (its directions and validation score)
     * @param data    per layer, the activations of the train/validation/test clips
     * @param targets encoded targets of those clips (as the layer probes use them)
     */
    public AggregateModel fit(List<LayerProbe> probes, List<LayerSplits> data, ProbeTargets targets,
                              AggregateConfig config) {
        Map<Integer, LayerSplits> byLayer = new HashMap<>();
        data.forEach(d -> byLayer.put(d.layer(), d));
        List<LayerProbe> selected = select(probes, config.topLayers());
        LayerProjection projection = LayerProjection.of(selected, config.directionsPerLayer());
        Map<Integer, Mat> train = new LinkedHashMap<>();
        Map<Integer, Mat> val = new LinkedHashMap<>();
        Map<Integer, Mat> test = new LinkedHashMap<>();
        for (LayerProbe p : selected) {
            LayerSplits d = byLayer.get(p.layer());
            if (d == null) {
                throw new IllegalArgumentException("no activations for layer " + p.layer() + " (have "
                        + byLayer.keySet() + ")");
            }
            train.put(p.layer(), d.train());
            val.put(p.layer(), d.val());
            test.put(p.layer(), d.test());
        }
        Mat trainFeatures = projection.features(train);
        Points xTrain = backend.points(trainFeatures);
        Points xVal = backend.points(projection.features(val));
        Points xTest = backend.points(projection.features(test));
        TuningMetric metric = config.metric() != null ? config.metric()
                : targets.kind() == ProbeKind.REGRESSION ? TuningMetric.MSE : TuningMetric.ACCURACY;

        Rfm rfm = new Rfm(backend);
        List<AggregateTrial> trials = new ArrayList<>(config.trials());
        RfmModel bestModel = null;
        AggregateTrial best = null;
        for (int t = 0; t < config.trials(); t++) {
            long seed = ProbeTask.deriveSeed(config.seed(), "aggregate", "", 0, t);
            AggregateParams params = config.space().sample(seed);
            long t0 = System.nanoTime();
            RfmModel model = rfm.fit(xTrain, targets.train(), xVal, targets.val(), rfmConfig(params, config, metric));
            ProbeScores scores = ProbeScores.of(targets.kind(), model.predict(xVal), targets.val(),
                    ProbabilityMode.SOFTMAX);
            AggregateTrial trial = new AggregateTrial(t, seed, params, model.bestIter(), scores,
                    (System.nanoTime() - t0) / 1e9);
            trials.add(trial);
            if (best == null || metric.better(scores.get(metric), best.val().get(metric))) {
                if (bestModel != null) {
                    bestModel.close();
                }
                bestModel = model;
                best = trial;
            } else {
                model.close();
            }
        }
        ProbeScores testScores = ProbeScores.of(targets.kind(), bestModel.predict(xTest), targets.test(),
                ProbabilityMode.SOFTMAX);
        return new AggregateModel(targets.kind(), projection, bestModel, trainFeatures, best, testScores, List.copyOf(trials));
    }

    static RfmConfig rfmConfig(AggregateParams p, AggregateConfig config, TuningMetric metric) {
        return RfmConfig.of(KernelSpec.lpq(p.bandwidth(), p.p(), p.q()), p.reg(), config.iters(), p.centerGrads(),
                        metric)
                .withProbabilityMode(ProbabilityMode.SOFTMAX)
                .withEarlyStop(config.earlyStop(), 1.1)
                .withHistory(false)
                .withBestAgop(false);
    }
}
