package org.musicrfm.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

/** Reads a one-track sequence back into plain events for assertions. */
record MidiEvents(List<Short> shorts, List<Meta> metas) {

    record Short(long tick, int command, int channel, int data1, int data2) {}

    record Meta(long tick, int type, byte[] data) {}

    static MidiEvents of(Sequence sequence) {
        Track[] tracks = sequence.getTracks();
        if (tracks.length != 1) {
            throw new AssertionError("expected one track, got " + tracks.length);
        }
        List<Short> shorts = new ArrayList<>();
        List<Meta> metas = new ArrayList<>();
        for (int i = 0; i < tracks[0].size(); i++) {
            MidiEvent e = tracks[0].get(i);
            if (e.getMessage() instanceof ShortMessage m) {
                shorts.add(new Short(e.getTick(), m.getCommand(), m.getChannel(), m.getData1(), m.getData2()));
            } else if (e.getMessage() instanceof MetaMessage m) {
                metas.add(new Meta(e.getTick(), m.getType(), m.getData()));
            }
        }
        return new MidiEvents(shorts, metas);
    }

    List<Short> commands(int command) {
        return shorts.stream().filter(s -> s.command() == command).toList();
    }

    /** Note-ons with velocity > 0, grouped by tick, notes in writing order. */
    Map<Long, List<Integer>> onsByTick() {
        Map<Long, List<Integer>> byTick = new TreeMap<>();
        for (Short s : commands(ShortMessage.NOTE_ON)) {
            if (s.data2() > 0) {
                byTick.computeIfAbsent(s.tick(), t -> new ArrayList<>()).add(s.data1());
            }
        }
        return byTick;
    }

    /** Note-offs grouped by tick. */
    Map<Long, List<Integer>> offsByTick() {
        Map<Long, List<Integer>> byTick = new TreeMap<>();
        for (Short s : commands(ShortMessage.NOTE_OFF)) {
            byTick.computeIfAbsent(s.tick(), t -> new ArrayList<>()).add(s.data1());
        }
        return byTick;
    }

    /** The tempo meta event's microseconds per quarter note. */
    int tempo() {
        byte[] d = meta(0x51).data();
        return ((d[0] & 0xff) << 16) | ((d[1] & 0xff) << 8) | (d[2] & 0xff);
    }

    Meta meta(int type) {
        return metas.stream().filter(m -> m.type() == type).findFirst()
                .orElseThrow(() -> new AssertionError("no meta event 0x" + Integer.toHexString(type)));
    }
}
