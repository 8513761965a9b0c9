/**
 * Port of Hugging Face's T5 encoder ({@code modeling_t5.py}) as MusicGen's text encoder uses it:
 * relative position buckets, RMS-style layer norm, ReLU feed-forward, no 1/sqrt(d) scaling.
 */
package org.musicrfm.model.t5;
