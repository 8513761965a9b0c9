package org.musicrfm.dataset;

import java.util.List;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.Sequence;

/**
 * SynTheory's MIDI conventions: one track at 480 ticks per beat that opens with a track name, a
 * time signature, a tempo (microseconds per quarter note, as for 4/4 whatever the meter) and a
 * program change; tonal notes on channel 2 (0-based) at velocity 64; click tracks with a reverb
 * controller (CC 91) and one click per beat unit.
 */
public final class SynTheoryMidi {

    public static final int TICKS_PER_BEAT = 480;
    /** Velocity of every tonal note-on and note-off. */
    public static final int VELOCITY = 64;
    /** 0-based channel of tonal notes (the third channel). */
    public static final int TONAL_CHANNEL = 2;
    /** Tempo of tonal clips. */
    public static final int TONAL_BPM = 120;
    /** Reverb send controller. */
    public static final int REVERB_CONTROLLER = 91;
    private static final int[] REVERB_VALUES = {0, 63, 127};

    private SynTheoryMidi() {}

    /** mido's {@code bpm2tempo}: microseconds per quarter note, rounded. */
    public static int microsPerQuarter(int bpm) {
        if (bpm <= 0) {
            throw new IllegalArgumentException("bpm " + bpm + ": expected > 0");
        }
        return (int) Math.round(60_000_000.0 / bpm);
    }

    /** CC 91 value of reverb level 0, 1 or 2: 0, 63, 127. */
    public static int reverbValue(int reverbLevel) {
        if (reverbLevel < 0 || reverbLevel >= REVERB_VALUES.length) {
            throw new IllegalArgumentException("reverb level " + reverbLevel + ": expected 0, 1 or 2");
        }
        return REVERB_VALUES[reverbLevel];
    }

    /** A one-note-at-a-time clip on an instrument at 120 BPM in 4/4 (notes, intervals, scales). */
    public static Sequence melody(MidiInstrument instrument, List<TimedNotes> notes) {
        Sequence seq = newSequence();
        TrackWriter w = startTrack(seq, TONAL_BPM, TimeSignature.COMMON, instrument.name(),
                instrument.program(), TONAL_CHANNEL);
        TimedNotes prev = null;
        for (TimedNotes step : notes) {
            rest(w, prev, step);
            for (int n : step.notes()) {
                w.noteOn(TONAL_CHANNEL, n, VELOCITY, 0);
                w.noteOff(TONAL_CHANNEL, n, VELOCITY, beatsToTicks(step.endBeat() - step.startBeat()));
            }
            prev = step;
        }
        return seq;
    }

    /**
     * A clip of chords (all notes on, then all off, the first note-off carrying the duration) on an
     * instrument at 120 BPM in 4/4 (chords, progressions, harmonic intervals).
     */
    public static Sequence chords(MidiInstrument instrument, List<TimedNotes> chords) {
        Sequence seq = newSequence();
        TrackWriter w = startTrack(seq, TONAL_BPM, TimeSignature.COMMON, instrument.name(),
                instrument.program(), TONAL_CHANNEL);
        TimedNotes prev = null;
        for (TimedNotes chord : chords) {
            rest(w, prev, chord);
            int[] ns = chord.notes();
            for (int n : ns) {
                w.noteOn(TONAL_CHANNEL, n, VELOCITY, 0);
            }
            for (int i = 0; i < ns.length; i++) {
                long delta = i == 0 ? beatsToTicks(chord.endBeat() - chord.startBeat()) : 0;
                w.noteOff(TONAL_CHANNEL, ns[i], VELOCITY, delta);
            }
            prev = chord;
        }
        return seq;
    }

    /**
     * A click track of {@code totalBeats + 1} clicks, each one beat unit long: an eighth in
     * compound meters, otherwise the denominator's note value (a half note in 2/2). The first
     * click of each bar ({@code numerator} clicks) is the downbeat.
     */
    public static Sequence clickTrack(int bpm, TimeSignature ts, int totalBeats, ClickConfig config,
            int reverbLevel) {
        Sequence seq = newSequence();
        TrackWriter w = startTrack(seq, bpm, ts, "click", config.program(), config.channel());
        w.controlChange(config.channel(), REVERB_CONTROLLER, reverbValue(reverbLevel));
        long unit = clickTicks(ts);
        for (int b = 0; b <= totalBeats; b++) {
            boolean down = b % ts.numerator() == 0;
            int note = down ? config.downbeatNote() : config.offbeatNote();
            int velocity = down ? config.downbeatVelocity() : config.offbeatVelocity();
            w.noteOn(config.channel(), note, velocity, 0);
            w.noteOff(config.channel(), note, velocity, unit);
        }
        return seq;
    }

    /** Ticks between clicks: 240 in compound meters, else 480 * 4 / denominator. */
    public static long clickTicks(TimeSignature ts) {
        return ts.isCompound() ? TICKS_PER_BEAT / 2 : (long) (TICKS_PER_BEAT / (ts.denominator() / 4.0));
    }

    /** Seconds from the start to the last event of a one-tempo sequence. */
    public static double endSeconds(Sequence seq, int bpm) {
        return seq.getTickLength() * (double) microsPerQuarter(bpm)
                / (seq.getResolution() * 1_000_000.0);
    }

    private static Sequence newSequence() {
        try {
            return new Sequence(Sequence.PPQ, TICKS_PER_BEAT);
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TrackWriter startTrack(Sequence seq, int bpm, TimeSignature ts, String name,
            int program, int channel) {
        TrackWriter w = new TrackWriter(seq.createTrack());
        w.trackName(name);
        w.timeSignature(ts);
        w.tempo(microsPerQuarter(bpm));
        w.programChange(channel, program);
        return w;
    }

    /**
     * SynTheory's rests: before the first step a silent note of (start - 1) beats if positive, and
     * between steps one of the gap's length. No SynTheory concept has either; kept for fidelity.
     */
    private static void rest(TrackWriter w, TimedNotes prev, TimedNotes next) {
        long rest = prev == null ? Math.max(beatsToTicks(next.startBeat() - 1), 0)
                : prev.endBeat() < next.startBeat() ? beatsToTicks(next.startBeat() - prev.endBeat()) : 0;
        if (rest > 0) {
            w.noteOn(TONAL_CHANNEL, 64, 0, 0);
            w.noteOff(TONAL_CHANNEL, 64, 0, rest);
        }
    }

    private static long beatsToTicks(int beats) {
        return (long) beats * TICKS_PER_BEAT;
    }
}
