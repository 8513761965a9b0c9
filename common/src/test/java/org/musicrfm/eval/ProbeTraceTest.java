package org.musicrfm.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.musicrfm.rfm.backend.KernelSpec;
import org.musicrfm.rfm.ProbabilityMode;
import org.musicrfm.rfm.Rfm;
import org.musicrfm.rfm.RfmConfig;
import org.musicrfm.rfm.RfmModel;
import org.musicrfm.rfm.Targets;
import org.musicrfm.rfm.TuningMetric;
import org.musicrfm.rfm.backend.CpuBackend;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;
import org.musicrfm.rfm.probe.ProbeKind;

class ProbeTraceTest {

    /** A 3-class probe on clusters centred at 3·e_c in 6 dimensions. */
    static Probe probe(String pooling) {
        Random rng = new Random(4);
        ProbeTest.Data train = ProbeTest.data(rng, 45, 6);
        ProbeTest.Data val = ProbeTest.data(rng, 15, 6);
        Mat x = Mat.fromRows(train.x(), Precision.FLOAT64);
        RfmModel m = new Rfm(CpuBackend.float64()).fit(x, Targets.oneHot(train.label(), 3),
                Mat.fromRows(val.x(), Precision.FLOAT64), Targets.oneHot(val.label(), 3),
                RfmConfig.of(KernelSpec.mahalanobis(5, 1), 1e-3, 1, false, TuningMetric.ACCURACY));
        ProbeProvenance p = new ProbeProvenance("tiny", "key-a", "fp-a", 6, 2, "decoder_only", pooling, "syn", "notes",
                "root_note_pitch_class", 0L, 0L, "test");
        return new Probe(p, 1, new Probe.Fit(ProbeKind.MULTICLASS, List.of("C", "D", "E"), Double.NaN, Double.NaN,
                m.config().kernel(), 1e-3, false, m.bestIter(), 0, 0L, x, m.predictor().coefficients(), m.m(), null, null,
                new TreeMap<>()));
    }

    static final ActivationSource FRAMES = new ActivationSource("key-a", "fp-a", "decoder_only", "frames", 1);

    /** 40 frames of class C (near 3·e_0) then 40 of class E (near 3·e_2). */
    static float[][] crossFade() {
        Random rng = new Random(8);
        float[][] x = new float[80][6];
        for (int t = 0; t < 80; t++) {
            for (int j = 0; j < 6; j++) {
                x[t][j] = (float) (rng.nextGaussian() * 0.3 + (j == (t < 40 ? 0 : 2) ? 3.0 : 0.0));
            }
        }
        return x;
    }

    @Test
    void classProbabilitiesFollowTheConceptOverTime() {
        Probe probe = probe("mean");
        float[][] x = crossFade();
        ProbeTrace.Trace tr = ProbeTrace.of(probe, FRAMES, x, 10, 5, 50.0, ProbabilityMode.SOFTMAX);
        assertThat(tr.startFrame()).hasSize(15); // (80 − 10) / 5 + 1
        assertThat(tr.seconds()[0]).isCloseTo(5 / 50.0, within(1e-15));
        assertThat(tr.seconds()[14]).isCloseTo((70 + 5) / 50.0, within(1e-15));
        for (int k = 0; k < 15; k++) {
            double[] p = tr.probabilities()[k];
            int end = tr.startFrame()[k] + 10;
            if (end <= 40) {
                assertThat(p[0]).as("window %d", k).isGreaterThan(p[1]).isGreaterThan(p[2]);
            } else if (tr.startFrame()[k] >= 40) {
                assertThat(p[2]).as("window %d", k).isGreaterThan(p[0]).isGreaterThan(p[1]);
            }
            assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-12));
        }
        // each window's probabilities are the probe's on the window's mean
        double[] mean = new double[6];
        for (int t = 35; t < 45; t++) {
            for (int j = 0; j < 6; j++) {
                mean[j] += x[t][j] / 10.0;
            }
        }
        double[] direct = probe.probabilities(new ActivationSource("key-a", "fp-a", "decoder_only", "mean", 1),
                Mat.fromRows(new double[][] {mean}, Precision.FLOAT64))[0];
        assertThat(tr.probabilities()[7]).containsExactly(direct, within(1e-12));
    }

    @Test
    void windowsPoolAsTheProbesTrainingDid() {
        float[][] x = {{1, 4}, {3, 0}, {2, 2}};
        assertThat(ProbeTrace.pool(x, 0, 3, "mean")).containsExactly(2, 2);
        assertThat(ProbeTrace.pool(x, 0, 3, "max")).containsExactly(3, 4);
        assertThat(ProbeTrace.pool(x, 1, 2, "last")).containsExactly(2, 2);
        // population std of {1, 3, 2} = √(2/3), of {4, 0, 2} = √(8/3)
        assertThat(ProbeTrace.pool(x, 0, 3, "meanstd")).containsExactly(new double[] {2, 2, Math.sqrt(2.0 / 3),
                Math.sqrt(8.0 / 3)}, within(1e-15));
    }

    @Test
    void badWindowsAndForeignFramesAreRefused() {
        Probe probe = probe("mean");
        float[][] x = crossFade();
        assertThatThrownBy(() -> ProbeTrace.of(probe, FRAMES, x, 100, 1, 50, ProbabilityMode.SOFTMAX))
                .hasMessageContaining("80 frames, fewer than the window width 100");
        assertThatThrownBy(() -> ProbeTrace.of(probe, FRAMES, x, 0, 1, 50, ProbabilityMode.SOFTMAX))
                .hasMessageContaining("width 0");
        assertThatThrownBy(() -> ProbeTrace.of(probe, new ActivationSource("key-a", "fp-a", "decoder_only", "frames", 0),
                x, 10, 1, 50, ProbabilityMode.SOFTMAX)).hasMessageContaining("block 0");
    }
}
