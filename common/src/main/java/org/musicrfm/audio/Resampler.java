package org.musicrfm.audio;

/**
 * Band-limited resampling by a rational ratio with a Kaiser-windowed sinc, as polyphase filters
 * (one per output phase) computed once per rate pair. Used for 44.1 → 32 kHz (MusicGen's input)
 * and 32 → 48 kHz (CLAP's). Samples outside the input are taken as zero.
 */
public final class Resampler {

    /** Zero crossings of the sinc on each side of the centre, at the cut-off frequency. */
    private static final int ZERO_CROSSINGS = 32;
    /** Cut-off as a fraction of the lower Nyquist frequency (leaves room for the transition band). */
    private static final double ROLLOFF = 0.945;
    /** Kaiser β for about 80 dB stop-band attenuation. */
    private static final double KAISER_BETA = 7.86;

    private final int inRate;
    private final int outRate;
    private final int up;
    private final int down;
    private final int halfTaps;
    private final float[][] phases;

    public Resampler(int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + inRate + " -> " + outRate);
        }
        int g = gcd(inRate, outRate);
        this.inRate = inRate;
        this.outRate = outRate;
        this.up = outRate / g;
        this.down = inRate / g;
        double cutoff = Math.min(1.0, up / (double) down) * ROLLOFF; // in cycles per input sample × 2
        double halfWidth = ZERO_CROSSINGS / cutoff;                   // in input samples
        this.halfTaps = (int) Math.ceil(halfWidth);
        this.phases = new float[up][2 * halfTaps];
        for (int p = 0; p < up; p++) {
            double frac = p / (double) up;
            for (int j = -halfTaps + 1; j <= halfTaps; j++) {
                double tau = frac - j; // distance from output instant to input sample base + j
                phases[p][j + halfTaps - 1] = (float) (cutoff * sinc(cutoff * tau) * kaiser(tau / halfWidth));
            }
        }
    }

    /** Resamples each channel of {@code audio} (which must be at this resampler's input rate). */
    public Audio apply(Audio audio) {
        if (audio.sampleRate() != inRate) {
            throw new IllegalArgumentException("audio is at " + audio.sampleRate() + " Hz, resampler expects " + inRate);
        }
        if (inRate == outRate) {
            return audio;
        }
        int ch = audio.channels();
        int inFrames = audio.frames();
        int outFrames = (int) ((long) inFrames * up / down);
        float[] in = audio.samples();
        float[] out = new float[outFrames * ch];
        for (int n = 0; n < outFrames; n++) {
            long pos = (long) n * down;
            int base = (int) (pos / up);
            float[] h = phases[(int) (pos % up)];
            int first = base - halfTaps + 1;
            for (int c = 0; c < ch; c++) {
                double acc = 0;
                int kStart = Math.max(0, -first);
                int kEnd = Math.min(h.length, inFrames - first);
                for (int k = kStart; k < kEnd; k++) {
                    acc += h[k] * in[(first + k) * ch + c];
                }
                out[n * ch + c] = (float) acc;
            }
        }
        return new Audio(out, outRate, ch);
    }

    /** Convenience: {@code audio} at {@code rate} (unchanged if already there). */
    public static Audio resample(Audio audio, int rate) {
        return audio.sampleRate() == rate ? audio : new Resampler(audio.sampleRate(), rate).apply(audio);
    }

    private static double sinc(double x) {
        return x == 0 ? 1.0 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    private static double kaiser(double x) {
        if (Math.abs(x) > 1) {
            return 0;
        }
        return besselI0(KAISER_BETA * Math.sqrt(1 - x * x)) / besselI0(KAISER_BETA);
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 50; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
