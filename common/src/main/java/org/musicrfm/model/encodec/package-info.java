/**
 * Port of Hugging Face's EnCodec ({@code modeling_encodec.py}) as MusicGen uses it (32 kHz, mono,
 * no chunking, no normalization): SEANet encoder and decoder with weight-normed convolutions, the
 * "extra padding" rule and reflect padding, a two-layer LSTM with skip, and the residual vector
 * quantizer.
 */
package org.musicrfm.model.encodec;
