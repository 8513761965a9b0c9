package org.musicrfm.model.musicgen;

/** The two published ways of reading MusicGen activations off raw EnCodec codes (MusicRFM's and SynTheory's). */
public enum Reading {
    /** MusicRFM: the decoder alone on the raw codes; no text, no cross attention, no delay pattern, no BOS. */
    DECODER_ONLY,
    /** SynTheory: the full model with an empty prompt (just {@code </s>}) and the same raw codes. */
    EMPTY_TEXT
}
