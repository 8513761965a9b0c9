/** Audio: MIDI rendering with Gervill, WAV I/O, resampling and model-free label checks. */
package org.musicrfm.audio;
