package org.musicrfm.eval;

import java.io.Serializable;

/**
 * Which embedding FD and MMD compare: CLAP audio embeddings ({@code clap}, the default), EnCodec
 * encoder latents averaged over time ({@code encodec}), or a MusicGen block's mean-pooled output
 * under the decoder-only reading ({@code musicgen_layer_<l>}, 0-based).
 *
 * @param layer the block of {@code musicgen_layer_<l>}, −1 otherwise
 */
public record EmbeddingKind(String label, int layer) implements Serializable {

    public static final EmbeddingKind CLAP = new EmbeddingKind("clap", -1);
    public static final EmbeddingKind ENCODEC = new EmbeddingKind("encodec", -1);
    private static final String LAYER_PREFIX = "musicgen_layer_";

    /** Parses {@code clap}, {@code encodec} or {@code musicgen_layer_<l>}. */
    public static EmbeddingKind parse(String s) {
        if (s.equals(CLAP.label)) {
            return CLAP;
        }
        if (s.equals(ENCODEC.label)) {
            return ENCODEC;
        }
        if (s.startsWith(LAYER_PREFIX)) {
            try {
                int l = Integer.parseInt(s.substring(LAYER_PREFIX.length()));
                if (l >= 0) {
                    return new EmbeddingKind(s, l);
                }
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw new IllegalArgumentException("unknown embedding '" + s + "': expected clap, encodec or musicgen_layer_<l>");
    }

    public boolean isMusicgenLayer() {
        return layer >= 0;
    }
}
