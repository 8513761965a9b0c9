package org.musicrfm.eval;

import java.io.Serializable;

/**
 * How clips are evaluated.
 *
 * @param embedding       the embedding FD and MMD compare
 * @param seconds         clip length fed to MusicGen (cut or zero-padded); NaN: each clip's own length
 * @param traceWidth      probe-trace window in frames
 * @param traceHop        probe-trace hop in frames
 * @param resamples       bootstrap resamples of the CLAP-score interval
 * @param confidence      confidence of that interval
 * @param seed            bootstrap seed
 * @param mmdBandwidth    fixed MMD bandwidth, NaN for the median heuristic
 * @param silencePeak     a clip whose absolute peak is at most this is silent (an error)
 */
public record EvalSettings(EmbeddingKind embedding, double seconds, int traceWidth, int traceHop, int resamples,
                           double confidence, long seed, double mmdBandwidth, double silencePeak)
        implements Serializable {

    public EvalSettings {
        if (traceWidth < 1 || traceHop < 1) {
            throw new IllegalArgumentException("trace width " + traceWidth + " and hop " + traceHop
                    + " must be positive frames");
        }
        if (!Double.isNaN(seconds) && !(seconds > 0)) {
            throw new IllegalArgumentException("seconds must be positive, got " + seconds);
        }
    }

    /** CLAP embeddings, each clip's own length, 25-frame windows every 5 frames, 1000 resamples, 95 %. */
    public static EvalSettings defaults() {
        return new EvalSettings(EmbeddingKind.CLAP, Double.NaN, 25, 5, 1000, 0.95, 0L, Double.NaN, 1e-4);
    }
}
