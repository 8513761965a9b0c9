package org.musicrfm.rfm.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.musicrfm.rfm.backend.KernelSpec;
import org.musicrfm.rfm.backend.CpuBackend;
import org.musicrfm.rfm.backend.KernelSystem;
import org.musicrfm.rfm.backend.Points;
import org.musicrfm.rfm.backend.SolveReport;
import org.musicrfm.rfm.backend.SymmetricEigen;
import org.musicrfm.rfm.linalg.Blas;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Parallel;
import org.musicrfm.rfm.linalg.Precision;

/** The libtorch backend (run on the CPU here) against the native CPU backend, case by case. */
class TorchBackendTest {

    private static TorchBackend torch;
    private final CpuBackend cpu = new CpuBackend(Precision.FLOAT64, Parallel.of(2));
    private final Random rnd = new Random(11);
    private final Mat x = gaussian(60, 7);
    private final Mat y = gaussian(60, 3);
    private final Mat q = gaussian(13, 7);

    @BeforeAll
    static void start() {
        torch = new TorchBackend(Precision.FLOAT64, Device.cpu());
    }

    @AfterAll
    static void stop() {
        torch.close();
    }

    private Mat gaussian(int r, int c) {
        Mat m = Mat.zeros(r, c, Precision.FLOAT64);
        for (int k = 0; k < m.size(); k++) {
            m.put(k, rnd.nextGaussian());
        }
        return m;
    }

    private void same(Mat m, KernelSpec spec, boolean center) {
        Points tp = torch.points(x);
        Points cp = cpu.points(x);
        try (KernelSystem t = torch.solve(tp, y, m, spec, 1e-2); KernelSystem c = cpu.solve(cp, y, m, spec, 1e-2)) {
            assertThat(t.report()).isEqualTo(c.report());
            assertThat(t.alpha().relativeError(c.alpha())).isLessThan(1e-12);
            assertThat(t.predict(torch.points(q)).relativeError(c.predict(cpu.points(q)))).isLessThan(1e-12);
            assertThat(t.agop(center).relativeError(c.agop(center))).isLessThan(1e-12);
            try (var detached = t.predictor()) {
                t.close();
                assertThat(detached.predict(torch.points(q)).relativeError(c.predict(cpu.points(q)))).isLessThan(1e-12);
            }
        }
    }

    @Test
    void matchesTheCpuBackendForEveryShapeOfM() {
        Mat a = gaussian(7, 7);
        Mat full = Blas.mul(true, a, false, a);
        full.scaleInPlace(1.0 / full.max());
        Mat diag = Mat.zeros(7, 1, Precision.FLOAT64);
        for (int i = 0; i < 7; i++) {
            diag.set(i, 0, 0.1 + 0.15 * i);
        }
        same(null, KernelSpec.mahalanobis(4.0, 1.0), false);
        same(full, KernelSpec.mahalanobis(3.0, 1.25), true);
        same(full, KernelSpec.mahalanobis(3.0, 0.8), false);
        same(diag, KernelSpec.mahalanobisDiagonal(2.0, 1.1), true);
    }

    @Test
    void identityCachesAndFallbacks() {
        Points tp = torch.points(x);
        Points tq = torch.points(q);
        Mat fresh;
        try (KernelSystem s = torch.solve(tp, y, null, KernelSpec.mahalanobis(4.0, 0.9), 1e-3)) {
            fresh = s.predict(tq);
        }
        tp.cacheIdentityDistances(tp);
        tq.cacheIdentityDistances(tp);
        try (KernelSystem s = torch.solve(tp, y, null, KernelSpec.mahalanobis(4.0, 0.9), 1e-3)) {
            assertThat(s.predict(tq).relativeError(fresh)).isLessThan(1e-13);
        }
        // Integer coordinates: the Gram expansion is exact, so duplicated rows give exactly equal
        // kernel rows and an exactly singular system on every CPU (rounding noise in the distances
        // would leave it merely ill-conditioned, and whether LU then fails depends on the BLAS kernels).
        Mat dup = Mat.zeros(60, 7, Precision.FLOAT64);
        for (int i = 0; i < 60; i++) {
            for (int k = 0; k < 7; k++) {
                dup.set(i, k, Math.rint(4 * x.get(i / 2, k)));
            }
        }
        try (KernelSystem t = torch.solve(torch.points(dup), y, null, KernelSpec.mahalanobis(3.0, 1.0), 0.0);
             KernelSystem c = cpu.solve(cpu.points(dup), y, null, KernelSpec.mahalanobis(3.0, 1.0), 0.0)) {
            assertThat(t.report().method()).isEqualTo(SolveReport.Method.SHIFTED_LU);
            assertThat(t.report().shift()).isEqualTo(c.report().shift(), org.assertj.core.data.Offset.offset(1e-12));
            assertThat(t.alpha().relativeError(c.alpha())).isLessThan(1e-7);
        }
    }

    @Test
    void eighAndUnsupportedKernel() {
        Mat a = gaussian(9, 9);
        Mat s = Blas.mul(true, a, false, a);
        SymmetricEigen t = torch.eigh(s);
        SymmetricEigen c = cpu.eigh(s);
        for (int k = 0; k < 9; k++) {
            assertThat(t.values()[k]).isCloseTo(c.values()[k], org.assertj.core.data.Offset.offset(1e-12));
            double dot = 0;
            for (int i = 0; i < 9; i++) {
                dot += t.vectors().get(i, k) * c.vectors().get(i, k);
            }
            assertThat(Math.abs(dot)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-10));
        }
        assertThatThrownBy(() -> torch.solve(torch.points(x), y, null, KernelSpec.lpq(2.0, 1.5, 1.0), 1e-3))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("CpuBackend");
    }
}
