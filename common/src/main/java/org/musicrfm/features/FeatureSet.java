package org.musicrfm.features;

/**
 * Pooled descriptors of a clip's {@link SpectralFrames}, each a different view ("layer") of the
 * same audio for comparing probe searches.
 */
public enum FeatureSet {
    /** Mean and standard deviation of the log-mel frames over time. */
    MEL,
    /** Mean and standard deviation of the chroma frames, plus the mean log-mel. */
    CHROMA,
    /**
     * Normalized autocorrelation of the onset envelope at lags 1 … 2 s (tempo and meter), plus the
     * mean chroma and mean log-mel.
     */
    RHYTHM;

    /** Longest autocorrelation lag of {@link #RHYTHM}, seconds. */
    public static final double MAX_LAG_SECONDS = 2.0;

    /** The pooled vector of one clip. */
    public double[] pool(SpectralFrames f) {
        return switch (this) {
            case MEL -> concat(mean(f.logMel()), std(f.logMel()));
            case CHROMA -> concat(concat(mean(f.chroma()), std(f.chroma())), mean(f.logMel()));
            case RHYTHM -> concat(concat(autocorrelation(f.onset(), (int) Math.round(MAX_LAG_SECONDS
                    * f.framesPerSecond())), mean(f.chroma())), mean(f.logMel()));
        };
    }

    static double[] mean(double[][] x) {
        double[] m = new double[x[0].length];
        for (double[] row : x) {
            for (int j = 0; j < m.length; j++) {
                m[j] += row[j] / x.length;
            }
        }
        return m;
    }

    static double[] std(double[][] x) {
        double[] m = mean(x);
        double[] v = new double[m.length];
        for (double[] row : x) {
            for (int j = 0; j < m.length; j++) {
                double d = row[j] - m[j];
                v[j] += d * d / x.length;
            }
        }
        for (int j = 0; j < v.length; j++) {
            v[j] = Math.sqrt(v[j]);
        }
        return v;
    }

    /** r(k) / r(0) for k = 1 … maxLag of the mean-removed envelope (0 where the clip is shorter). */
    static double[] autocorrelation(double[] e, int maxLag) {
        double mu = 0;
        for (double v : e) {
            mu += v / e.length;
        }
        double r0 = 0;
        for (double v : e) {
            r0 += (v - mu) * (v - mu);
        }
        double[] r = new double[maxLag];
        for (int k = 1; k <= maxLag; k++) {
            double s = 0;
            for (int t = k; t < e.length; t++) {
                s += (e[t] - mu) * (e[t - k] - mu);
            }
            r[k - 1] = r0 > 0 ? s / r0 : 0;
        }
        return r;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
