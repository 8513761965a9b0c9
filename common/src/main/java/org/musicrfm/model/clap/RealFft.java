package org.musicrfm.model.clap;

/**
 * Power spectrum of a real frame, {@code |rfft(x)|^2} for bins {@code 0..n/2}, in double precision:
 * an iterative radix-2 FFT when {@code n} is a power of two, a direct DFT otherwise.
 */
final class RealFft {

    private final int n;
    private final boolean radix2;
    private final double[] cos;
    private final double[] sin;
    private final int[] bitReverse;

    RealFft(int n) {
        this.n = n;
        this.radix2 = Integer.bitCount(n) == 1;
        this.cos = new double[n];
        this.sin = new double[n];
        for (int k = 0; k < n; k++) {
            double a = -2 * Math.PI * k / n;
            cos[k] = Math.cos(a);
            sin[k] = Math.sin(a);
        }
        this.bitReverse = new int[n];
        if (radix2) {
            int bits = Integer.numberOfTrailingZeros(n);
            for (int i = 0; i < n; i++) {
                bitReverse[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
            }
        }
    }

    /**
     * Writes the power of bins {@code 0..n/2} of {@code frame} into {@code power}; the real and
     * imaginary parts are rounded to float32 first, as transformers stores the STFT as complex64.
     */
    void power(double[] frame, double[] re, double[] im, double[] power) {
        int bins = n / 2 + 1;
        if (radix2) {
            for (int i = 0; i < n; i++) {
                re[bitReverse[i]] = frame[i];
                im[bitReverse[i]] = 0;
            }
            for (int size = 2; size <= n; size <<= 1) {
                int half = size >> 1;
                int stride = n / size;
                for (int start = 0; start < n; start += size) {
                    for (int j = 0; j < half; j++) {
                        double wr = cos[j * stride];
                        double wi = sin[j * stride];
                        int a = start + j;
                        int b = a + half;
                        double tr = wr * re[b] - wi * im[b];
                        double ti = wr * im[b] + wi * re[b];
                        re[b] = re[a] - tr;
                        im[b] = im[a] - ti;
                        re[a] += tr;
                        im[a] += ti;
                    }
                }
            }
        } else {
            for (int k = 0; k < bins; k++) {
                double sr = 0;
                double si = 0;
                for (int t = 0; t < n; t++) {
                    int idx = (int) ((long) k * t % n);
                    sr += frame[t] * cos[idx];
                    si += frame[t] * sin[idx];
                }
                re[k] = sr;
                im[k] = si;
            }
        }
        for (int k = 0; k < bins; k++) {
            double r = (float) re[k];
            double i = (float) im[k];
            power[k] = r * r + i * i;
        }
    }
}
