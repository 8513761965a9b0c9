package org.musicrfm.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResamplerTest {

    static Audio sine(double hz, int rate, double seconds) {
        float[] x = new float[(int) Math.round(rate * seconds)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return new Audio(x, rate, 1);
    }

    /** Largest deviation from the analytic sine, away from the zero-padded edges. */
    static double maxError(Audio a, double hz) {
        double max = 0;
        int margin = a.sampleRate() / 20;
        for (int i = margin; i < a.frames() - margin; i++) {
            double want = 0.5 * Math.sin(2 * Math.PI * hz * i / a.sampleRate());
            max = Math.max(max, Math.abs(a.samples()[i] - want));
        }
        return max;
    }

    static double rms(Audio a) {
        double s = 0;
        int margin = a.sampleRate() / 20;
        for (int i = margin; i < a.frames() - margin; i++) {
            s += a.samples()[i] * a.samples()[i];
        }
        return Math.sqrt(s / (a.frames() - 2 * margin));
    }

    @Test
    void downsamplesSinesToTheAnalyticResult() {
        for (double hz : new double[] {100, 1000, 4410, 12000}) {
            Audio out = new Resampler(44_100, 32_000).apply(sine(hz, 44_100, 1.0));
            assertThat(out.sampleRate()).isEqualTo(32_000);
            assertThat(out.frames()).isEqualTo(32_000);
            assertThat(maxError(out, hz)).as("%s Hz", hz).isLessThan(1e-3);
        }
    }

    @Test
    void upsamplesSinesToTheAnalyticResult() {
        for (double hz : new double[] {220, 3000, 14000}) {
            Audio out = new Resampler(32_000, 48_000).apply(sine(hz, 32_000, 1.0));
            assertThat(out.frames()).isEqualTo(48_000);
            assertThat(maxError(out, hz)).as("%s Hz", hz).isLessThan(1e-3);
        }
    }

    @Test
    void removesWhatTheNewRateCannotHold() {
        // 20 kHz is above 16 kHz, the Nyquist frequency at 32 kHz: it must not alias back in.
        Audio out = new Resampler(44_100, 32_000).apply(sine(20_000, 44_100, 1.0));
        assertThat(20 * Math.log10(rms(out) / (0.5 / Math.sqrt(2)))).isLessThan(-60);
    }

    @Test
    void keepsChannelsApartAndIdentityIsExact() {
        float[] st = new float[2 * 44_100];
        for (int i = 0; i < 44_100; i++) {
            st[2 * i] = (float) (0.5 * Math.sin(2 * Math.PI * 500 * i / 44_100.0));
            st[2 * i + 1] = 0;
        }
        Audio out = Resampler.resample(new Audio(st, 44_100, 2), 32_000);
        assertThat(out.channels()).isEqualTo(2);
        double right = 0;
        for (int i = 0; i < out.frames(); i++) {
            right = Math.max(right, Math.abs(out.samples()[2 * i + 1]));
        }
        assertThat(right).isZero();
        Audio a = sine(440, 32_000, 0.1);
        assertThat(Resampler.resample(a, 32_000)).isSameAs(a);
    }
}
