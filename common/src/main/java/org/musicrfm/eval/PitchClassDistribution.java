package org.musicrfm.eval;

import org.musicrfm.audio.Audio;
import org.musicrfm.audio.NoteSalience;

/**
 * A pitch-class distribution of a clip from its harmonic-aware note transcription
 * ({@link NoteSalience}: NNLS against harmonic templates on a tuned magnitude log-spectrum):
 * pᵢ = Σ_{n ≡ i mod 12} salience(n) / Σ_n salience(n), i = 0 (C) … 11 (B).
 *
 * @param shares p, summing to 1 (all 0 for silence)
 * @param tuning the transcription's tuning estimate in semitones
 */
public record PitchClassDistribution(double[] shares, double tuning) {

    public PitchClassDistribution {
        if (shares.length != 12) {
            throw new IllegalArgumentException("a pitch-class distribution has 12 entries, got " + shares.length);
        }
        shares = shares.clone();
    }

    public static PitchClassDistribution of(Audio audio) {
        NoteSalience.Result r = NoteSalience.of(audio);
        return new PitchClassDistribution(r.pitchClasses(), r.tuning());
    }

    /** Whether nothing was transcribed (silence). */
    public boolean silent() {
        for (double v : shares) {
            if (v > 0) {
                return false;
            }
        }
        return true;
    }

    /** p of pitch class pc. */
    public double share(int pc) {
        return shares[check(pc)];
    }

    /** 1 + the number of pitch classes with a strictly larger share (1 = the most prominent). */
    public int rank(int pc) {
        double v = shares[check(pc)];
        int r = 1;
        for (double s : shares) {
            if (s > v) {
                r++;
            }
        }
        return r;
    }

    /** The most prominent pitch class (lowest on ties), or −1 for silence. */
    public int top() {
        if (silent()) {
            return -1;
        }
        int best = 0;
        for (int i = 1; i < 12; i++) {
            if (shares[i] > shares[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int check(int pc) {
        if (pc < 0 || pc > 11) {
            throw new IllegalArgumentException("pitch class must be 0..11, got " + pc);
        }
        return pc;
    }
}
