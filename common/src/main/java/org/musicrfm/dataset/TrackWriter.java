package org.musicrfm.dataset;

import java.nio.charset.StandardCharsets;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

/**
 * Appends messages to a {@link Track} with delta times, the way SynTheory (mido) writes them:
 * each message is placed {@code delta} ticks after the previous one.
 */
final class TrackWriter {

    private static final int META_TRACK_NAME = 0x03;
    private static final int META_TEMPO = 0x51;
    private static final int META_TIME_SIGNATURE = 0x58;

    private final Track track;
    private long tick;

    TrackWriter(Track track) {
        this.track = track;
    }

    long tick() {
        return tick;
    }

    void trackName(String name) {
        meta(META_TRACK_NAME, name.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Time signature meta event with 24 MIDI clocks per click and 8 32nd notes per beat. */
    void timeSignature(TimeSignature ts) {
        int log2Denominator = Integer.numberOfTrailingZeros(ts.denominator());
        meta(META_TIME_SIGNATURE, new byte[] {(byte) ts.numerator(), (byte) log2Denominator, 24, 8});
    }

    void tempo(int microsPerQuarter) {
        meta(META_TEMPO, new byte[] {
            (byte) (microsPerQuarter >>> 16), (byte) (microsPerQuarter >>> 8), (byte) microsPerQuarter});
    }

    void programChange(int channel, int program) {
        add(shortMessage(ShortMessage.PROGRAM_CHANGE, channel, program, 0), 0);
    }

    void controlChange(int channel, int controller, int value) {
        add(shortMessage(ShortMessage.CONTROL_CHANGE, channel, controller, value), 0);
    }

    void noteOn(int channel, int note, int velocity, long delta) {
        add(shortMessage(ShortMessage.NOTE_ON, channel, note, velocity), delta);
    }

    void noteOff(int channel, int note, int velocity, long delta) {
        add(shortMessage(ShortMessage.NOTE_OFF, channel, note, velocity), delta);
    }

    private void meta(int type, byte[] data) {
        try {
            add(new MetaMessage(type, data, data.length), 0);
        } catch (InvalidMidiDataException e) {
            throw new IllegalArgumentException("meta event 0x" + Integer.toHexString(type), e);
        }
    }

    private static ShortMessage shortMessage(int command, int channel, int data1, int data2) {
        try {
            return new ShortMessage(command, channel, data1, data2);
        } catch (InvalidMidiDataException e) {
            throw new IllegalArgumentException("MIDI message 0x" + Integer.toHexString(command)
                    + " channel " + channel + " data " + data1 + ", " + data2, e);
        }
    }

    private void add(MidiMessage message, long delta) {
        tick += delta;
        track.add(new MidiEvent(message, tick));
    }
}
