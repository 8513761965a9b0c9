package org.musicrfm.rfm.linear;

/**
 * Limited-memory BFGS for smooth unconstrained minimization, with a backtracking (Armijo) line
 * search; pairs with non-positive curvature are skipped.
 */
final class Lbfgs {

    /** f and its gradient at w (the gradient is written into g). */
    interface Objective {
        double valueAndGradient(double[] w, double[] g);
    }

    /** Final point, value, gradient norm (max-abs) and iterations. */
    record Result(double[] w, double value, double gradNorm, int iterations) {}

    private Lbfgs() {}

    static Result minimize(Objective f, double[] start, int memory, int maxIter, double gradTol) {
        int n = start.length;
        double[] w = start.clone();
        double[] g = new double[n];
        double fx = f.valueAndGradient(w, g);
        double[][] s = new double[memory][];
        double[][] y = new double[memory][];
        double[] rho = new double[memory];
        int stored = 0;
        int head = 0;
        double[] dir = new double[n];
        double[] wNew = new double[n];
        double[] gNew = new double[n];
        int it = 0;
        while (it < maxIter && maxAbs(g) > gradTol) {
            it++;
            // two-loop recursion: dir = −H·g
            System.arraycopy(g, 0, dir, 0, n);
            double[] a = new double[memory];
            for (int k = 0; k < stored; k++) {
                int idx = Math.floorMod(head - 1 - k, memory);
                a[idx] = rho[idx] * dot(s[idx], dir);
                axpy(-a[idx], y[idx], dir);
            }
            if (stored > 0) {
                int last = Math.floorMod(head - 1, memory);
                scale(dir, dot(s[last], y[last]) / dot(y[last], y[last]));
            } else {
                scale(dir, 1.0 / Math.max(1.0, Math.sqrt(dot(g, g))));
            }
            for (int k = stored - 1; k >= 0; k--) {
                int idx = Math.floorMod(head - 1 - k, memory);
                double b = rho[idx] * dot(y[idx], dir);
                axpy(a[idx] - b, s[idx], dir);
            }
            scale(dir, -1.0);
            double slope = dot(g, dir);
            if (slope >= 0) { // not a descent direction: restart from steepest descent
                stored = 0;
                for (int i = 0; i < n; i++) {
                    dir[i] = -g[i];
                }
                slope = dot(g, dir);
            }
            double step = 1.0;
            double fNew = Double.NaN;
            for (int ls = 0; ls < 60; ls++) {
                for (int i = 0; i < n; i++) {
                    wNew[i] = w[i] + step * dir[i];
                }
                fNew = f.valueAndGradient(wNew, gNew);
                if (fNew <= fx + 1e-4 * step * slope) {
                    break;
                }
                step *= 0.5;
            }
            if (!(fNew <= fx)) {
                break; // no progress possible at working precision
            }
            double[] sk = new double[n];
            double[] yk = new double[n];
            for (int i = 0; i < n; i++) {
                sk[i] = wNew[i] - w[i];
                yk[i] = gNew[i] - g[i];
            }
            double sy = dot(sk, yk);
            if (sy > 1e-12 * Math.sqrt(dot(sk, sk) * dot(yk, yk))) {
                s[head] = sk;
                y[head] = yk;
                rho[head] = 1.0 / sy;
                head = (head + 1) % memory;
                stored = Math.min(stored + 1, memory);
            }
            double fOld = fx;
            System.arraycopy(wNew, 0, w, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            if (Math.abs(fOld - fx) <= 1e-15 * Math.max(1.0, Math.abs(fx))) {
                break;
            }
        }
        return new Result(w, fx, maxAbs(g), it);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += alpha * x[i];
        }
    }

    private static void scale(double[] x, double s) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= s;
        }
    }

    private static double maxAbs(double[] x) {
        double m = 0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
