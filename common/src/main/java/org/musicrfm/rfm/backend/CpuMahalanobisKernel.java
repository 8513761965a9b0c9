package org.musicrfm.rfm.backend;

import org.musicrfm.rfm.linalg.FlopCounter;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Parallel;

/**
 * Element-wise kernel construction for exp(−‖x − z‖_M^q / L^q) on the CPU, from Gram entries
 * g = xᵀMz and squared norms: r² = max(‖x‖²_M − 2g + ‖z‖²_M, 0).
 *
 * <p>The training system is stored <em>packed</em> in one n×n array: the lower triangle holds
 * K + reg·I (what Cholesky reads), the strict upper triangle holds the gradient weights
 * W_ij = −(q/L^q)·K_ij·r_ij^{q−2} (what the AGOP reads; W is symmetric). Self-pairs have r = 0
 * exactly (K_ii = 1, W_ii = 0), as the closed form intends.
 */
final class CpuMahalanobisKernel {

    private static final int TILE = 64;

    private final LaplacePair pair;
    private final Parallel par;

    CpuMahalanobisKernel(KernelSpec spec, Parallel par) {
        this.pair = new LaplacePair(spec);
        this.par = par;
    }

    /**
     * Fills {@code dst} packed from the Gram entries in the upper triangle of {@code src}
     * ({@code src} may be {@code dst}: each tile reads (i, j) before writing (i, j) and (j, i)).
     */
    void fillPacked(Mat src, Mat dst, double[] norms, double reg) {
        int n = dst.rows();
        FlopCounter.addKernelEntries((long) n * (n - 1) / 2);
        int nt = (n + TILE - 1) / TILE;
        int pairs = nt * (nt + 1) / 2;
        int[] ti = new int[pairs];
        int[] tj = new int[pairs];
        int t = 0;
        for (int bj = 0; bj < nt; bj++) {
            for (int bi = 0; bi <= bj; bi++) {
                ti[t] = bi;
                tj[t] = bj;
                t++;
            }
        }
        par.forRange(pairs, 8, (from, to) -> {
            for (int p = from; p < to; p++) {
                if (dst.isF32()) {
                    tileF32(src.f32(), dst.f32(), n, ti[p], tj[p], norms, reg);
                } else {
                    tileF64(src.f64(), dst.f64(), n, ti[p], tj[p], norms, reg);
                }
            }
        });
    }

    private void tileF32(float[] g, float[] b, int n, int bi, int bj, double[] norms, double reg) {
        int i0 = bi * TILE;
        int i1 = Math.min(n, i0 + TILE);
        int j0 = bj * TILE;
        int j1 = Math.min(n, j0 + TILE);
        for (int j = j0; j < j1; j++) {
            int iEnd = bi == bj ? j : i1;
            double nj = norms[j];
            int col = j * n;
            for (int i = i0; i < iEnd; i++) {
                double r2 = Math.max(norms[i] + nj - 2.0 * g[i + col], 0.0);
                double rq = pair.powQ(r2);
                double k = pair.kernel(rq);
                b[i + col] = (float) pair.weight(r2, rq, k);
                b[j + i * n] = (float) k;
            }
            if (bi == bj) {
                b[j + col] = (float) (1.0 + reg);
            }
        }
    }

    private void tileF64(double[] g, double[] b, int n, int bi, int bj, double[] norms, double reg) {
        int i0 = bi * TILE;
        int i1 = Math.min(n, i0 + TILE);
        int j0 = bj * TILE;
        int j1 = Math.min(n, j0 + TILE);
        for (int j = j0; j < j1; j++) {
            int iEnd = bi == bj ? j : i1;
            double nj = norms[j];
            int col = j * n;
            for (int i = i0; i < iEnd; i++) {
                double r2 = Math.max(norms[i] + nj - 2.0 * g[i + col], 0.0);
                double rq = pair.powQ(r2);
                double k = pair.kernel(rq);
                b[i + col] = pair.weight(r2, rq, k);
                b[j + i * n] = k;
            }
            if (bi == bj) {
                b[j + col] = 1.0 + reg;
            }
        }
    }

    /**
     * Replaces the Gram block {@code g} (rows = queries, columns = training points, leading
     * dimension ld, starting at row offset r0 of the norms) with kernel values in place.
     */
    void crossInPlace(Mat g, int rowsUsed, double[] queryNorms, int r0, double[] trainNorms) {
        int n = trainNorms.length;
        FlopCounter.addKernelEntries((long) rowsUsed * n);
        par.forRange(n, 64, (from, to) -> {
            for (int j = from; j < to; j++) {
                double nj = trainNorms[j];
                int col = j * rowsUsed;
                if (g.isF32()) {
                    float[] a = g.f32();
                    for (int i = 0; i < rowsUsed; i++) {
                        double r2 = Math.max(queryNorms[r0 + i] + nj - 2.0 * a[col + i], 0.0);
                        a[col + i] = (float) pair.kernel(pair.powQ(r2));
                    }
                } else {
                    double[] a = g.f64();
                    for (int i = 0; i < rowsUsed; i++) {
                        double r2 = Math.max(queryNorms[r0 + i] + nj - 2.0 * a[col + i], 0.0);
                        a[col + i] = pair.kernel(pair.powQ(r2));
                    }
                }
            }
        });
    }

    /** Copies the strict lower triangle of a packed matrix onto its upper triangle (full K + reg·I). */
    static void lowerToUpper(Mat a) {
        int n = a.rows();
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < j; i++) {
                a.put(i + j * n, a.at(j + i * n));
            }
        }
    }
}
