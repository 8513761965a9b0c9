package org.musicrfm.audio;

import com.sun.media.sound.AudioSynthesizer;
import com.sun.media.sound.SoftSynthesizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Soundbank;
import javax.sound.midi.Track;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;

/**
 * Renders MIDI offline with Gervill (the JDK's software synthesizer), faster than real time and
 * deterministically: the same clip and SoundFont give the same samples. Each call uses a fresh
 * synthesizer, so no reverb tail or controller state leaks between clips. One instance per thread.
 */
public final class MidiRenderer {

    private static final int TEMPO_META = 0x51;
    private static final int CHUNK_FRAMES = 1024;

    private final Soundbank soundbank;
    private final int sampleRate;
    private final int channels;

    /**
     * @param soundbank  from {@link SoundFonts#load}; null for the JDK's built-in soundbank
     * @param sampleRate output rate, e.g. 32,000 or 44,100
     * @param channels   1 (mono) or 2 (stereo)
     */
    public MidiRenderer(Soundbank soundbank, int sampleRate, int channels) {
        this.soundbank = soundbank;
        this.sampleRate = sampleRate;
        this.channels = channels;
    }

    /** Renders {@code [startSeconds, startSeconds + durationSeconds)} of the clip's MIDI. */
    public Audio render(MidiClip clip) throws IOException {
        long skipFrames = Math.round(clip.startSeconds() * sampleRate);
        long keepFrames = Math.round(clip.durationSeconds() * sampleRate);
        AudioFormat format = new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, sampleRate, 32, channels,
                4 * channels, sampleRate, false);
        AudioSynthesizer synth = new SoftSynthesizer();
        try {
            Map<String, Object> info = new HashMap<>();
            info.put("interpolation", "linear");
            info.put("reverb", true);
            info.put("chorus", true);
            info.put("max polyphony", 64);
            info.put("latency", 0L);
            AudioInputStream stream = synth.openStream(format, info);
            if (soundbank != null) {
                synth.unloadAllInstruments(synth.getDefaultSoundbank());
                synth.loadAllInstruments(soundbank);
            }
            Receiver receiver = synth.getReceiver();
            for (TimedMessage m : timedMessages(clip.sequence())) {
                receiver.send(m.message(), m.micros());
            }
            return new Audio(readFrames(stream, skipFrames, keepFrames), sampleRate, channels);
        } catch (MidiUnavailableException e) {
            throw new IOException("Gervill synthesizer unavailable: " + e.getMessage(), e);
        } finally {
            synth.close();
        }
    }

    private float[] readFrames(InputStream stream, long skipFrames, long keepFrames) throws IOException {
        int frameBytes = 4 * channels;
        byte[] chunk = new byte[CHUNK_FRAMES * frameBytes];
        long toSkip = skipFrames * frameBytes;
        while (toSkip > 0) {
            int n = stream.readNBytes(chunk, 0, (int) Math.min(chunk.length, toSkip));
            if (n <= 0) {
                throw new IOException("synthesizer stream ended early");
            }
            toSkip -= n;
        }
        byte[] kept = stream.readNBytes(Math.toIntExact(keepFrames * frameBytes));
        if (kept.length != keepFrames * frameBytes) {
            throw new IOException("synthesizer stream ended early");
        }
        float[] out = new float[(int) (keepFrames * channels)];
        ByteBuffer.wrap(kept).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** A short or meta message with its time in microseconds from the start of the sequence. */
    record TimedMessage(MidiMessage message, long tick, long micros) {}

    /** Every channel message of the sequence in time order, timed through its tempo map (PPQ only). */
    static List<TimedMessage> timedMessages(Sequence sequence) {
        if (sequence.getDivisionType() != Sequence.PPQ) {
            throw new IllegalArgumentException("only PPQ MIDI sequences are supported");
        }
        List<MidiEvent> events = new ArrayList<>();
        for (Track track : sequence.getTracks()) {
            for (int i = 0; i < track.size(); i++) {
                events.add(track.get(i));
            }
        }
        // Stable sort keeps each track's order for events on the same tick.
        events.sort(Comparator.comparingLong(MidiEvent::getTick));
        double ppq = sequence.getResolution();
        double microsPerQuarter = 500_000; // MIDI default: 120 BPM
        long lastTick = 0;
        double micros = 0;
        List<TimedMessage> out = new ArrayList<>();
        for (MidiEvent e : events) {
            micros += (e.getTick() - lastTick) * microsPerQuarter / ppq;
            lastTick = e.getTick();
            MidiMessage m = e.getMessage();
            if (m instanceof MetaMessage meta && meta.getType() == TEMPO_META && meta.getData().length == 3) {
                byte[] d = meta.getData();
                microsPerQuarter = ((d[0] & 0xFF) << 16) | ((d[1] & 0xFF) << 8) | (d[2] & 0xFF);
            } else if (m instanceof ShortMessage) {
                out.add(new TimedMessage(m, e.getTick(), Math.round(micros)));
            }
        }
        return out;
    }
}
