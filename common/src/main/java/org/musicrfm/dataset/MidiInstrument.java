package org.musicrfm.dataset;

/** A General MIDI program as SynTheory labels it ({@code midi_program_num/name/category}). */
public record MidiInstrument(int program, String name, String category) {}
