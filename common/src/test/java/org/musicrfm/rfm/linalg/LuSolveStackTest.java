package org.musicrfm.rfm.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * LU solves from threads with a small stack. OpenBLAS's threaded getrf (taken for n·n ≥ 10,000
 * with more than one BLAS thread) recursed with ≈ 0.54 MB stack frames on the calling thread and
 * killed the JVM with SIGSEGV (exit 139, no crash report) on a 1 MB Java thread stack; this ran in
 * the chords probe search whenever Cholesky failed. The solve runs in a child JVM with two BLAS
 * threads (the test JVM pins OpenBLAS to one, which takes the single-threaded path).
 */
class LuSolveStackTest {

    private static final int N = 400;
    private static final int RHS = 12;

    /** A seeded non-symmetric, well-conditioned A (N × N) and X (N × RHS), both float32. */
    static Mat[] problem() {
        SplittableRandom r = new SplittableRandom(11);
        Mat a = Mat.zeros(N, N, Precision.FLOAT32);
        for (int k = 0; k < a.size(); k++) {
            a.put(k, r.nextDouble() - 0.5);
        }
        for (int i = 0; i < N; i++) {
            a.set(i, i, a.get(i, i) + N / 4.0);
        }
        Mat x = Mat.zeros(N, RHS, Precision.FLOAT32);
        for (int k = 0; k < x.size(); k++) {
            x.put(k, r.nextDouble() * 2 - 1);
        }
        return new Mat[] {a, x};
    }

    /** Solves problem() on a thread with a 1 MB stack and prints "max error E". */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Mat[] p = problem();
            Mat b = Blas.mul(false, p[0], false, p[1]);
            int[] info = new int[1];
            Thread t = new Thread(null, () -> info[0] = Blas.luSolve(p[0], b), "small-stack", 1L << 20);
            t.start();
            t.join();
            double err = 0;
            for (int k = 0; k < b.size(); k++) {
                err = Math.max(err, Math.abs(b.at(k) - p[1].at(k)));
            }
            System.out.println("info " + info[0] + " max error " + err);
        }
    }

    @Test
    void threadedLuOnASmallJavaStackSolvesInsteadOfCrashing() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder pb = new ProcessBuilder(java, "-Xss1m", "-cp", System.getProperty("java.class.path"),
                Child.class.getName());
        pb.environment().put("OPENBLAS_NUM_THREADS", "2");
        pb.redirectErrorStream(true);
        Process proc = pb.start();
        assertTrue(proc.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish in 120 s");
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, proc.exitValue(), "child JVM exit status (139 = SIGSEGV in getrf); output:\n" + out);
        String line = out.lines().filter(l -> l.startsWith("info ")).findFirst().orElseThrow();
        String[] f = line.split(" ");
        assertEquals("0", f[1], line);
        assertTrue(Double.parseDouble(f[4]) < 1e-4, line);
    }

    @Test
    void inProcessLuSolveMatchesAndCountsFlops() {
        Mat[] p = problem();
        Mat b = Blas.mul(false, p[0], false, p[1]);
        FlopCounter fc = new FlopCounter();
        int info;
        try (FlopCounter.Scope s = fc.open()) {
            info = Blas.luSolve(p[0], b);
        }
        assertEquals(0, info);
        double err = 0;
        for (int k = 0; k < b.size(); k++) {
            err = Math.max(err, Math.abs(b.at(k) - p[1].at(k)));
        }
        assertTrue(err < 1e-4, "max error " + err);
        // getrf 2n³/3 + getrs 2n²r, counted on the caller's thread though the solve runs on another
        assertEquals((long) (2.0 * N * N * N / 3.0 + 2.0 * N * N * RHS), fc.flops());
    }
}
