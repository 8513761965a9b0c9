package org.musicrfm.audio;

import javax.sound.midi.Sequence;

/**
 * A clip's MIDI and the window of its rendering to keep: tonal clips keep [0, end of MIDI);
 * tempo and time-signature clips keep a seeded 4 s crop starting at {@code startSeconds}.
 */
public record MidiClip(Sequence sequence, double startSeconds, double durationSeconds) {}
