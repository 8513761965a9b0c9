package org.musicrfm.rfm.bench;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.musicrfm.rfm.backend.KernelSpec;
import org.musicrfm.rfm.Rfm;
import org.musicrfm.rfm.RfmConfig;
import org.musicrfm.rfm.RfmModel;
import org.musicrfm.rfm.TuningMetric;
import org.musicrfm.rfm.backend.CpuBackend;
import org.musicrfm.rfm.linalg.Blas;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Parallel;
import org.musicrfm.rfm.linalg.Precision;

/**
 * Fit-time benchmark of the CPU RFM (not a test). For each (n, d): a seeded synthetic binary
 * problem with planted low-rank structure (as the parity fixtures), 15 iterations, bandwidth 10,
 * q = 1, reg 1e-3, MSE tuning, validation set of n/5 points. Optionally writes the data as raw
 * little-endian float32 so the public xRFM can be timed on identical inputs.
 *
 * <p>usage: RfmBenchmark [--precision FLOAT32|FLOAT64] [--dump DIR] [--iters 15] n:d ...
 */
public final class RfmBenchmark {

    private RfmBenchmark() {}

    public static void main(String[] args) throws IOException {
        Precision precision = Precision.FLOAT32;
        Path dump = null;
        int iters = 15;
        java.util.List<int[]> shapes = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--precision" -> precision = Precision.valueOf(args[++i]);
                case "--dump" -> dump = Path.of(args[++i]);
                case "--iters" -> iters = Integer.parseInt(args[++i]);
                default -> {
                    String[] nd = args[i].split(":");
                    shapes.add(new int[] {Integer.parseInt(nd[0]), Integer.parseInt(nd[1])});
                }
            }
        }
        if (shapes.isEmpty()) {
            shapes = java.util.List.of(new int[] {2000, 512}, new int[] {2000, 2048}, new int[] {7000, 512},
                    new int[] {7000, 2048});
        }
        Rfm rfm = new Rfm(new CpuBackend(precision, Parallel.shared()));
        System.out.println("# " + Blas.implementation() + ", " + precision + ", " + Parallel.shared().threads()
                + " threads, iters " + iters);
        // warm-up (JIT, native libraries)
        Problem warm = Problem.make(400, 64, 1);
        rfm.fit(warm.xTrain(precision), warm.yTrain, warm.xVal(precision), warm.yVal, config(2));
        for (int[] s : shapes) {
            Problem p = Problem.make(s[0], s[1], 42);
            if (dump != null) {
                p.write(dump.resolve("rfm_" + s[0] + "_" + s[1]));
            }
            Mat xTr = p.xTrain(precision);
            Mat xVa = p.xVal(precision);
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            RfmModel m = rfm.fit(xTr, p.yTrain, xVa, p.yVal, config(iters));
            double sec = (System.nanoTime() - t0) / 1e9;
            double cpu = (cpuNanos() - c0) / 1e9;
            System.out.printf(Locale.ROOT, "n=%d d=%d iters=%d fit_s=%.2f cpu_s=%.2f best_iter=%d val_mse=%.5f%n",
                    s[0], s[1], iters, sec, cpu, m.bestIter(), m.bestScore());
        }
    }

    /** CPU time of the whole process (all threads, native BLAS ones included). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static RfmConfig config(int iters) {
        return RfmConfig.of(KernelSpec.mahalanobis(10.0, 1.0), 1e-3, iters, false, TuningMetric.MSE).withBestAgop(false)
                .withHistory(false);
    }

    /** Seeded data: X ~ N(0, 1), y = 1[z0·z1 + 0.5·z2 > 0] with z = X·U, U ~ N(0, 1/d). */
    record Problem(int n, int nVal, int d, float[] x, Mat yTrain, Mat yVal) {

        static Problem make(int n, int d, long seed) {
            int nVal = n / 5;
            int rows = n + nVal;
            SplittableRandom r = new SplittableRandom(seed);
            float[] x = new float[rows * d]; // row-major
            for (int k = 0; k < x.length; k++) {
                x[k] = (float) gaussian(r);
            }
            double[][] u = new double[d][3];
            for (int k = 0; k < d; k++) {
                for (int c = 0; c < 3; c++) {
                    u[k][c] = gaussian(r) / Math.sqrt(d);
                }
            }
            double[] y = new double[rows];
            for (int i = 0; i < rows; i++) {
                double[] z = new double[3];
                for (int k = 0; k < d; k++) {
                    for (int c = 0; c < 3; c++) {
                        z[c] += x[i * d + k] * u[k][c];
                    }
                }
                y[i] = z[0] * z[1] + 0.5 * z[2] > 0 ? 1.0 : 0.0;
            }
            Mat yt = Mat.zeros(n, 1, Precision.FLOAT64);
            Mat yv = Mat.zeros(nVal, 1, Precision.FLOAT64);
            for (int i = 0; i < rows; i++) {
                (i < n ? yt : yv).set(i < n ? i : i - n, 0, y[i]);
            }
            return new Problem(n, nVal, d, x, yt, yv);
        }

        private static double gaussian(SplittableRandom r) {
            double u1 = r.nextDouble();
            double u2 = r.nextDouble();
            return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
        }

        Mat xTrain(Precision p) {
            return rowsAsMat(0, n, p);
        }

        Mat xVal(Precision p) {
            return rowsAsMat(n, nVal, p);
        }

        private Mat rowsAsMat(int from, int count, Precision p) {
            Mat m = Mat.zeros(count, d, p);
            for (int i = 0; i < count; i++) {
                for (int k = 0; k < d; k++) {
                    m.set(i, k, x[(from + i) * d + k]);
                }
            }
            return m;
        }

        /** DIR.x.f32 (row-major [n + nVal, d]), DIR.y.f32 ([n + nVal]), DIR.json (shape). */
        void write(Path base) throws IOException {
            Files.createDirectories(base.getParent());
            ByteBuffer bx = ByteBuffer.allocate(4 * x.length).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : x) {
                bx.putFloat(v);
            }
            Files.write(Path.of(base + ".x.f32"), bx.array());
            ByteBuffer by = ByteBuffer.allocate(4 * (n + nVal)).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                by.putFloat((float) yTrain.get(i, 0));
            }
            for (int i = 0; i < nVal; i++) {
                by.putFloat((float) yVal.get(i, 0));
            }
            Files.write(Path.of(base + ".y.f32"), by.array());
            try (OutputStream os = Files.newOutputStream(Path.of(base + ".json"));
                 DataOutputStream out = new DataOutputStream(os)) {
                out.write(String.format(Locale.ROOT, "{\"n\": %d, \"n_val\": %d, \"d\": %d}%n", n, nVal, d)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }
}
