package org.musicrfm.model.clap;

/**
 * Triangular mel filters as transformers' {@code audio_utils.mel_filter_bank} builds them (HTK or
 * Slaney mel scale, optional Slaney area normalization), in double precision.
 */
public final class MelFilterBank {

    /** The mel scale of the filter centres. */
    public enum Scale { HTK, SLANEY }

    private MelFilterBank() {}

    static double hertzToMel(double hz, Scale scale) {
        if (scale == Scale.HTK) {
            return 2595.0 * Math.log10(1.0 + hz / 700.0);
        }
        double mel = 3.0 * hz / 200.0;
        if (hz >= 1000.0) {
            mel = 15.0 + Math.log(hz / 1000.0) * (27.0 / Math.log(6.4));
        }
        return mel;
    }

    static double melToHertz(double mel, Scale scale) {
        if (scale == Scale.HTK) {
            return 700.0 * (Math.pow(10, mel / 2595.0) - 1.0);
        }
        double hz = 200.0 * mel / 3.0;
        if (mel >= 15.0) {
            hz = 1000.0 * Math.exp(Math.log(6.4) / 27.0 * (mel - 15.0));
        }
        return hz;
    }

    /** {@code numpy.linspace(start, stop, num)} with the endpoint. */
    static double[] linspace(double start, double stop, int num) {
        double[] y = new double[num];
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            y[i] = i * step + start;
        }
        y[num - 1] = stop;
        return y;
    }

    /**
     * The filter matrix {@code [frequencyBins][melFilters]}.
     *
     * @param slaneyNorm divide each triangle by its width in Hz (times 2), as {@code norm="slaney"}
     */
    public static double[][] create(int frequencyBins, int melFilters, double minHz, double maxHz, int samplingRate,
                                    boolean slaneyNorm, Scale scale) {
        if (frequencyBins < 2) {
            throw new IllegalArgumentException("need at least 2 frequency bins, got " + frequencyBins);
        }
        double[] mels = linspace(hertzToMel(minHz, scale), hertzToMel(maxHz, scale), melFilters + 2);
        double[] centres = new double[mels.length];
        for (int i = 0; i < mels.length; i++) {
            centres[i] = melToHertz(mels[i], scale);
        }
        double[] fftFreqs = linspace(0, samplingRate / 2, frequencyBins);
        double[][] out = new double[frequencyBins][melFilters];
        for (int f = 0; f < frequencyBins; f++) {
            for (int m = 0; m < melFilters; m++) {
                double down = -(centres[m] - fftFreqs[f]) / (centres[m + 1] - centres[m]);
                double up = (centres[m + 2] - fftFreqs[f]) / (centres[m + 2] - centres[m + 1]);
                double w = Math.max(0.0, Math.min(down, up));
                if (slaneyNorm) {
                    w *= 2.0 / (centres[m + 2] - centres[m]);
                }
                out[f][m] = w;
            }
        }
        return out;
    }
}
