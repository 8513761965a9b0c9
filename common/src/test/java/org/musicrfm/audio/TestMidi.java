package org.musicrfm.audio;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

/** Small hand-built MIDI clips for audio tests. */
final class TestMidi {

    private TestMidi() {}

    /** One note held for {@code beats} at 120 BPM on channel 2 with a program change. */
    static MidiClip note(int program, int midi, int beats) throws InvalidMidiDataException {
        Sequence s = new Sequence(Sequence.PPQ, 480);
        Track t = s.createTrack();
        t.add(tempo(120, 0));
        t.add(new MidiEvent(new ShortMessage(ShortMessage.PROGRAM_CHANGE, 2, program, 0), 0));
        t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 2, midi, 64), 0));
        t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, 2, midi, 0), 480L * beats));
        return new MidiClip(s, 0, beats * 0.5);
    }

    /** A drum-channel click on every beat at {@code bpm}, {@code seconds} long. */
    static MidiClip clicks(double bpm, double seconds) throws InvalidMidiDataException {
        Sequence s = new Sequence(Sequence.PPQ, 480);
        Track t = s.createTrack();
        t.add(tempo(bpm, 0));
        int beats = (int) Math.ceil(seconds * bpm / 60) + 1;
        for (int b = 0; b < beats; b++) {
            int note = b % 4 == 0 ? 37 : 31;
            int velocity = b % 4 == 0 ? 100 : 75;
            t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 9, note, velocity), 480L * b));
            t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, 9, note, 0), 480L * b + 240));
        }
        return new MidiClip(s, 0, seconds);
    }

    static MidiEvent tempo(double bpm, long tick) throws InvalidMidiDataException {
        int mpq = (int) Math.round(60_000_000 / bpm);
        byte[] data = {(byte) (mpq >> 16), (byte) (mpq >> 8), (byte) mpq};
        return new MidiEvent(new MetaMessage(0x51, data, 3), tick);
    }
}
