package org.musicrfm.model.musicgen;

/**
 * MusicGen's delay pattern for teacher forcing: codebook {@code k} is shifted right by {@code k + 1},
 * the BOS id fills positions {@code 0..k} and the pad id the tail; {@code [B][K][T] -> [B][K][T + K]}.
 * (Both ids are 2048 in every released checkpoint.)
 */
public final class DelayPattern {

    private DelayPattern() {}

    public static long[][][] apply(long[][][] codes, long bosId, long padId) {
        long[][][] out = new long[codes.length][][];
        for (int b = 0; b < codes.length; b++) {
            int k = codes[b].length;
            out[b] = new long[k][];
            for (int c = 0; c < k; c++) {
                int t = codes[b][c].length;
                long[] row = new long[t + k];
                for (int j = 0; j < row.length; j++) {
                    if (j <= c) {
                        row[j] = bosId;
                    } else if (j <= c + t) {
                        row[j] = codes[b][c][j - c - 1];
                    } else {
                        row[j] = padId;
                    }
                }
                out[b][c] = row;
            }
        }
        return out;
    }
}
