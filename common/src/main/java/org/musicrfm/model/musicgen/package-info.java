/**
 * Port of Hugging Face's MusicGen ({@code modeling_musicgen.py}): the decoder stack with its
 * sinusoidal positions and per-codebook embeddings and heads, the full text-conditioned model, and
 * the façade {@link org.musicrfm.model.musicgen.MusicgenModel} that the jobs call (text and audio
 * encoding, teacher-forced forward, activation extraction).
 */
package org.musicrfm.model.musicgen;
