package org.musicrfm.model.clap;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.musicrfm.audio.Audio;
import org.musicrfm.audio.Resampler;

/**
 * Transformers' {@code ClapFeatureExtractor} for {@code truncation = "rand_trunc"}: a mono clip at the
 * config's sampling rate is brought to exactly {@code max_length_s} seconds (a seeded random crop
 * when longer; {@code repeatpad}, {@code repeat} or zero {@code pad} when shorter), then turned into
 * a log-mel spectrogram: centred STFT (reflect padding by half a window), periodic Hann window of
 * {@code fft_window_size}, hop {@code hop_length}, power spectrum, Slaney-scale Slaney-normalized
 * mel filters over {@code [frequency_min, frequency_max]}, {@code 10 log10(max(1e-10, mel))}.
 * Everything runs in double precision and is rounded to float32 at the end, as transformers does.
 * Thread-safe.
 */
public final class ClapFeatureExtractor {

    private static final double MEL_FLOOR = 1e-10;

    /** Features of one clip: {@code [frames][mels]} row-major, and whether it was cropped. */
    public record Features(float[] values, int frames, int mels, boolean longer) {}

    private final ClapFeatureConfig config;
    private final double[][] melFilters; // [bins][mels]
    private final double[] window;

    public ClapFeatureExtractor(ClapFeatureConfig config) {
        this.config = config;
        this.melFilters = MelFilterBank.create(config.frequencyBins(), config.featureSize(), config.frequencyMin(),
                config.frequencyMax(), config.samplingRate(), true, MelFilterBank.Scale.SLANEY);
        int n = config.fftWindowSize();
        this.window = new double[n];
        for (int k = 0; k < n; k++) {
            window[k] = 0.5 - 0.5 * Math.cos(2 * Math.PI * k / n); // numpy.hanning(n + 1)[:-1]
        }
    }

    public ClapFeatureConfig config() {
        return config;
    }

    /** Resamples to the config's rate (the project's resampler), mixes to mono and extracts features. */
    public Features extract(Audio audio, long cropSeed) {
        Audio mono = Resampler.resample(audio.toMono(), config.samplingRate());
        return extract(mono.samples(), cropSeed);
    }

    /**
     * Features of a mono waveform already at {@code sampling_rate}; {@code cropSeed} picks the crop
     * of a clip longer than {@code max_length_s} (the same seed, the same crop).
     */
    public Features extract(float[] waveform, long cropSeed) {
        checkAudio(waveform);
        int max = config.maxSamples();
        boolean longer = waveform.length > max;
        float[] fitted = longer ? crop(waveform, cropOffset(waveform.length, cropSeed)) : pad(waveform);
        return new Features(logMel(fitted), config.frames(), config.featureSize(), longer);
    }

    /** The crop start {@code rand_trunc} uses for a clip of {@code length} samples: uniform in {@code [0, length - max]}. */
    public int cropOffset(int length, long cropSeed) {
        int overflow = length - config.maxSamples();
        return overflow <= 0 ? 0 : new SplittableRandom(cropSeed).nextInt(overflow + 1);
    }

    private float[] crop(float[] waveform, int offset) {
        return Arrays.copyOfRange(waveform, offset, offset + config.maxSamples());
    }

    /** {@code repeatpad}: whole repeats then zeros; {@code repeat}: repeats cut to length; {@code pad}: zeros. */
    float[] pad(float[] waveform) {
        int max = config.maxSamples();
        int len = waveform.length;
        if (len == max) {
            return waveform.clone();
        }
        float[] out = new float[max];
        int repeats = switch (config.padding()) {
            case "repeat" -> max / len + 1;
            case "repeatpad" -> max / len;
            default -> 1;
        };
        for (int r = 0, pos = 0; r < repeats && pos < max; r++, pos += len) {
            System.arraycopy(waveform, 0, out, pos, Math.min(len, max - pos));
        }
        return out;
    }

    /** Log-mel spectrogram {@code [frames][mels]} of a waveform of any length (at least half a window). */
    public float[] logMel(float[] waveform) {
        int n = config.fftWindowSize();
        int half = n / 2;
        if (waveform.length <= half) {
            throw new IllegalArgumentException("waveform of " + waveform.length + " samples is too short for reflect "
                    + "padding by " + half);
        }
        int len = waveform.length;
        double[] padded = new double[len + 2 * half];
        for (int i = 0; i < padded.length; i++) {
            int j = i - half;
            if (j < 0) {
                j = -j;
            } else if (j >= len) {
                j = 2 * (len - 1) - j;
            }
            padded[i] = waveform[j];
        }
        int hop = config.hopLength();
        int frames = 1 + (padded.length - n) / hop;
        int bins = config.frequencyBins();
        int mels = config.featureSize();
        RealFft fft = new RealFft(n);
        double[] frame = new double[n];
        double[] re = new double[n];
        double[] im = new double[n];
        double[] power = new double[bins];
        float[] out = new float[frames * mels];
        double[] acc = new double[mels];
        for (int t = 0; t < frames; t++) {
            int start = t * hop;
            for (int k = 0; k < n; k++) {
                frame[k] = padded[start + k] * window[k];
            }
            fft.power(frame, re, im, power);
            Arrays.fill(acc, 0);
            for (int f = 0; f < bins; f++) {
                double p = power[f];
                if (p == 0) {
                    continue;
                }
                double[] row = melFilters[f];
                for (int m = 0; m < mels; m++) {
                    acc[m] += p * row[m];
                }
            }
            for (int m = 0; m < mels; m++) {
                out[t * mels + m] = (float) (10.0 * Math.log10(Math.max(MEL_FLOOR, acc[m])));
            }
        }
        return out;
    }

    /** Refuses empty audio and audio with NaN or infinite samples. */
    static void checkAudio(float[] waveform) {
        if (waveform == null || waveform.length == 0) {
            throw new IllegalArgumentException("audio is empty");
        }
        for (int i = 0; i < waveform.length; i++) {
            if (!Float.isFinite(waveform[i])) {
                throw new IllegalArgumentException("audio sample " + i + " is " + waveform[i] + " (not finite)");
            }
        }
    }
}
