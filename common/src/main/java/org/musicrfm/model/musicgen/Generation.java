package org.musicrfm.model.musicgen;

/**
 * Result of a generation: codes {@code [rows][K][frames]} and the audio EnCodec decodes from them
 * ({@code [rows][frames · hop]} at {@code sampleRate}); rows are prompt-major (prompt 0's samples first).
 */
public record Generation(long[][][] codes, float[][] audio, int sampleRate) {

    public int rows() {
        return codes.length;
    }

    public int frames() {
        return codes[0][0].length;
    }

    /** Length of each clip in seconds. */
    public double seconds() {
        return audio[0].length / (double) sampleRate;
    }
}
