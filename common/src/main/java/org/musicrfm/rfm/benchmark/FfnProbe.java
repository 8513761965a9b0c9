package org.musicrfm.rfm.benchmark;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.SplittableRandom;
import org.musicrfm.rfm.ProbabilityMode;
import org.musicrfm.rfm.TuningMetric;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;
import org.musicrfm.rfm.probe.ProbeKind;
import org.musicrfm.rfm.probe.ProbeScores;
import org.musicrfm.rfm.probe.ProbeTargets;

/**
 * SynTheory's FFN probe (brown-palm/syntheory {@code probe/probes.py}: {@code SimpleMLP} and
 * {@code ProbeExperiment.train}), trained with DJL's training API on the PyTorch engine:
 * dropout → Linear(d, h) → ReLU → dropout → Linear(h, c) (dropout → Linear(d, c) without a hidden
 * layer), weights and biases initialised as PyTorch's {@code nn.Linear} (U(±1/√fan_in)); Adam
 * (β 0.9/0.999, ε 1e-8, {@link FfnConfig#weightDecay}); cross-entropy on the classes, or MSE on
 * the target min-max scaled to [0, 1] over the training clips (SynTheory scales over all clips);
 * each step a batch of {@link FfnConfig#batchSize} training clips drawn without replacement,
 * standardized with running statistics updated on that batch first; every
 * {@link FfnConfig#evalEvery} steps (from step 0) the validation accuracy (R² for regression) is
 * checked, and after {@link FfnConfig#boredom} checks without a strict improvement training stops
 * and the best checked state is used; otherwise it stops after {@link FfnConfig#maxEpochs} epochs
 * with the last state, as SynTheory's loop does. Two departures: the first check (step 0) uses
 * unstandardized inputs where SynTheory fits its scaler on the validation clips, and DJL's Adam adds
 * ε to the bias-uncorrected √v (PyTorch to the corrected one).
 *
 * <p>Deterministic under a seed: the PyTorch generator (initialisation and dropout) is seeded per
 * fit and fits in one JVM run one at a time; batches come from a {@link SplittableRandom} of the
 * same seed.
 */
public final class FfnProbe {

    /** A fitted probe's scores and how training ended. */
    public record Result(ProbeScores val, ProbeScores test, int steps, boolean stoppedEarly, double seconds) {}

    private static final Object TORCH_RNG = new Object();

    private FfnProbe() {}

    /** Trains on the train split and scores on validation and test (classes: multiclass targets). */
    public static Result fit(Mat xTrain, Mat xVal, Mat xTest, ProbeTargets t, FfnConfig cfg, long seed) {
        if (t.kind() == ProbeKind.BINARY) {
            throw new IllegalArgumentException("the FFN probe takes multiclass or regression targets, got " + t.kind());
        }
        long t0 = System.nanoTime();
        boolean regression = t.kind() == ProbeKind.REGRESSION;
        int n = xTrain.rows();
        int d = xTrain.cols();
        int outputs = regression ? 1 : t.train().cols();
        float[] x = toFloats(xTrain);
        float[] y = trainTargets(t, regression);
        double zMin = 0;
        double zSpan = 1;
        if (regression) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (float v : y) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            zMin = lo;
            zSpan = hi > lo ? hi - lo : 1;
            for (int i = 0; i < y.length; i++) {
                y[i] = (float) ((y[i] - zMin) / zSpan);
            }
        }
        TuningMetric metric = regression ? TuningMetric.R2 : TuningMetric.ACCURACY;
        Scaler scaler = new Scaler(d, cfg.standardize());
        SplittableRandom batches = new SplittableRandom(seed);
        synchronized (TORCH_RNG) {
            Engine engine = Engine.getEngine("PyTorch");
            engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
            Loss loss = regression ? Loss.l2Loss("mse", 1f) : Loss.softmaxCrossEntropyLoss("ce", 1f, -1, false, true);
            DefaultTrainingConfig tc = new DefaultTrainingConfig(loss)
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) cfg.learningRate()))
                            .optWeightDecays((float) cfg.weightDecay()).optBeta1(0.9f).optBeta2(0.999f)
                            .optEpsilon(1e-8f).build())
                    .optDevices(new Device[] {Device.cpu()});
            try (Model model = Model.newInstance("syntheory-ffn", Device.cpu(), "PyTorch")) {
                model.setBlock(block(d, outputs, cfg));
                try (Trainer trainer = model.newTrainer(tc)) {
                    trainer.initialize(new Shape(1, d));
                    NDManager root = trainer.getManager();
                    int batch = Math.min(cfg.batchSize(), n);
                    int step = 0;
                    double best = Double.NEGATIVE_INFINITY;
                    int bored = 0;
                    Mat bestVal = null;
                    Mat bestTest = null;
                    boolean early = false;
                    while (true) {
                        double epoch = (double) step * cfg.batchSize() / n;
                        if (epoch > cfg.maxEpochs()) {
                            break;
                        }
                        if (step % cfg.evalEvery() == 0) {
                            if (bored >= cfg.boredom()) {
                                early = true;
                                break;
                            }
                            Mat val = outputs(trainer, root, scaler, xVal, regression, zMin, zSpan);
                            double score = metric.score(val, t.val(), ProbabilityMode.SOFTMAX);
                            if (Double.isNaN(score)) {
                                throw new IllegalStateException("FFN probe: NaN validation score at step " + step);
                            }
                            if (score > best) {
                                best = score;
                                bored = 0;
                                bestVal = val;
                                bestTest = outputs(trainer, root, scaler, xTest, regression, zMin, zSpan);
                            } else {
                                bored++;
                            }
                        }
                        int[] idx = sample(batches, n, batch);
                        float[] xb = new float[batch * d];
                        float[] yb = new float[batch * outputs];
                        for (int b = 0; b < batch; b++) {
                            System.arraycopy(x, idx[b] * d, xb, b * d, d);
                            System.arraycopy(y, idx[b] * outputs, yb, b * outputs, outputs);
                        }
                        scaler.partialFit(xb, batch);
                        scaler.transform(xb, batch);
                        try (NDManager m = root.newSubManager()) {
                            NDArray in = m.create(xb, new Shape(batch, d));
                            NDArray target = m.create(yb, new Shape(batch, outputs));
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDArray out = trainer.forward(new NDList(in)).singletonOrThrow();
                                NDArray l = trainer.getLoss().evaluate(new NDList(target), new NDList(out));
                                gc.backward(l);
                            }
                            trainer.step();
                        }
                        step++;
                    }
                    Mat val;
                    Mat test;
                    if (early) {
                        val = bestVal;
                        test = bestTest;
                    } else {
                        val = outputs(trainer, root, scaler, xVal, regression, zMin, zSpan);
                        test = outputs(trainer, root, scaler, xTest, regression, zMin, zSpan);
                    }
                    return new Result(ProbeScores.of(t.kind(), val, t.val(), ProbabilityMode.SOFTMAX),
                            ProbeScores.of(t.kind(), test, t.test(), ProbabilityMode.SOFTMAX), step, early,
                            (System.nanoTime() - t0) / 1e9);
                }
            }
        }
    }

    private static SequentialBlock block(int d, int outputs, FfnConfig cfg) {
        SequentialBlock net = new SequentialBlock();
        net.add(Dropout.builder().optRate((float) cfg.dropout()).build());
        int in = d;
        if (cfg.hidden() > 0) {
            net.add(linear(in, cfg.hidden()));
            net.add(Activation::relu);
            net.add(Dropout.builder().optRate((float) cfg.dropout()).build());
            in = cfg.hidden();
        }
        net.add(linear(in, outputs));
        return net;
    }

    /** Linear(fanIn, units) initialised as PyTorch's nn.Linear: weight and bias U(±1/√fanIn). */
    private static Linear linear(int fanIn, int units) {
        Linear l = Linear.builder().setUnits(units).build();
        float bound = (float) (1.0 / Math.sqrt(fanIn));
        l.setInitializer(new UniformInitializer(bound), Parameter.Type.WEIGHT);
        l.setInitializer(new UniformInitializer(bound), Parameter.Type.BIAS);
        return l;
    }

    /** Outputs in the targets' encoding: logits for classes, z-scored values for regression. [n, d] -> [n, c] */
    private static Mat outputs(Trainer trainer, NDManager root, Scaler scaler, Mat x, boolean regression, double zMin,
                               double zSpan) {
        int n = x.rows();
        int d = x.cols();
        float[] xs = toFloats(x);
        scaler.transform(xs, n);
        try (NDManager m = root.newSubManager()) {
            NDArray out = trainer.evaluate(new NDList(m.create(xs, new Shape(n, d)))).singletonOrThrow();
            float[] o = out.toFloatArray();
            int c = (int) out.getShape().get(1);
            double[] v = new double[o.length];
            for (int i = 0; i < o.length; i++) {
                v[i] = regression ? o[i] * zSpan + zMin : o[i];
            }
            return Mat.fromRowMajor(n, c, v, Precision.FLOAT64);
        }
    }

    private static float[] trainTargets(ProbeTargets t, boolean regression) {
        double[] v = t.train().toRowMajor();
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    private static float[] toFloats(Mat m) {
        double[] v = m.toRowMajor();
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    /** {@code k} distinct indices of [0, n) (partial Fisher–Yates). */
    private static int[] sample(SplittableRandom r, int n, int k) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + r.nextInt(n - i);
            int tmp = all[i];
            all[i] = all[j];
            all[j] = tmp;
        }
        return java.util.Arrays.copyOf(all, k);
    }

    /**
     * sklearn's {@code StandardScaler(with_mean, with_std)} with {@code partial_fit}: running mean and
     * population variance merged batch by batch; a zero variance scales by 1; disabled, the identity.
     */
    static final class Scaler {
        private final boolean on;
        private final double[] mean;
        private final double[] m2;
        private long count;

        Scaler(int d, boolean on) {
            this.on = on;
            this.mean = new double[d];
            this.m2 = new double[d];
        }

        void partialFit(float[] x, int rows) {
            if (!on) {
                return;
            }
            int d = mean.length;
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int i = 0; i < rows; i++) {
                    s += x[i * d + j];
                }
                double bMean = s / rows;
                double bM2 = 0;
                for (int i = 0; i < rows; i++) {
                    double e = x[i * d + j] - bMean;
                    bM2 += e * e;
                }
                long total = count + rows;
                double delta = bMean - mean[j];
                mean[j] += delta * rows / total;
                m2[j] += bM2 + delta * delta * count * rows / total;
            }
            count += rows;
        }

        void transform(float[] x, int rows) {
            if (!on || count == 0) {
                return;
            }
            int d = mean.length;
            for (int j = 0; j < d; j++) {
                double var = m2[j] / count;
                double scale = var > 0 ? Math.sqrt(var) : 1;
                for (int i = 0; i < rows; i++) {
                    x[i * d + j] = (float) ((x[i * d + j] - mean[j]) / scale);
                }
            }
        }
    }
}
