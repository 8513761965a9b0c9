package org.musicrfm.rfm.benchmark;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Settings of SynTheory's FFN probe (brown-palm/syntheory, {@code probe/probes.py} and
 * {@code probe/probe_config.py}).
 *
 * @param hidden        units of the hidden layer; 0 for none (a linear probe with input dropout)
 * @param standardize   standardize inputs with statistics updated on every training batch (sklearn's
 *                      {@code StandardScaler.partial_fit}, as SynTheory does)
 * @param batchSize     clips per step, drawn without replacement within the step
 * @param learningRate  Adam's step size
 * @param dropout       dropout rate on the input and after the hidden ReLU
 * @param weightDecay   Adam's L2 weight decay (0 for none)
 * @param maxEpochs     training stops once step × batch / n exceeds this
 * @param evalEvery     steps between validation evaluations for early stopping
 * @param boredom       evaluations without improvement before training stops (the best state is then used)
 */
public record FfnConfig(int hidden, boolean standardize, int batchSize, double learningRate, double dropout,
                        double weightDecay, int maxEpochs, int evalEvery, int boredom) implements Serializable {

    public FfnConfig {
        if (hidden < 0 || batchSize < 1 || !(learningRate > 0) || !(dropout >= 0 && dropout < 1) || weightDecay < 0
                || maxEpochs < 1 || evalEvery < 1 || boredom < 1) {
            throw new IllegalArgumentException("invalid FFN settings: " + this);
        }
    }

    /**
     * SynTheory's probe for the MusicGen decoder: one hidden layer of 512 units with ReLU, dropout
     * 0.5, input standardization, Adam with learning rate 1e-3 and no weight decay, batch 64, at most
     * 100 epochs, early stopping on the validation metric checked every 8 steps with patience 256
     * checks.
     */
    public static FfnConfig syntheory() {
        return new FfnConfig(512, true, 64, 1e-3, 0.5, 0.0, 100, 8, 256);
    }

    /** A copy with another epoch limit (benchmarks at reduced size). */
    public FfnConfig withMaxEpochs(int epochs) {
        return new FfnConfig(hidden, standardize, batchSize, learningRate, dropout, weightDecay, epochs, evalEvery,
                boredom);
    }

    /**
     * One draw from the Jukemir grid SynTheory sweeps for hand-crafted features (standardization
     * {off, on}, hidden {none, 512}, batch {64, 256}, learning rate {1e-5, 1e-4, 1e-3}, dropout
     * {0.25, 0.5, 0.75}, weight decay {none, 1e-4, 1e-3}), with this config's stopping rules.
     */
    public FfnConfig sample(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        boolean std = r.nextBoolean();
        int h = r.nextBoolean() ? 512 : 0;
        int batch = r.nextBoolean() ? 64 : 256;
        double lr = new double[] {1e-5, 1e-4, 1e-3}[r.nextInt(3)];
        double drop = new double[] {0.25, 0.5, 0.75}[r.nextInt(3)];
        double wd = new double[] {0.0, 1e-4, 1e-3}[r.nextInt(3)];
        return new FfnConfig(h, std, batch, lr, drop, wd, maxEpochs, evalEvery, boredom);
    }
}
