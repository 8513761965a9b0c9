package org.musicrfm.dataset;

import java.util.List;

/**
 * A metronome sound: the channel and program it plays on, the notes of downbeats and other
 * beats, and their velocities. {@link #ALL} lists SynTheory's five, in its order.
 */
public record ClickConfig(String name, int channel, int program, int downbeatNote, int offbeatNote,
        int downbeatVelocity, int offbeatVelocity) {

    /** GM drum channel (9, 0-based), side stick / metronome notes 37 and 31. */
    public static final ClickConfig DEFAULT = new ClickConfig("default", 9, 0, 37, 31, 100, 75);
    public static final ClickConfig WOODBLOCK_DARK =
            new ClickConfig("woodblock_dark", 2, 115, 37, 31, 100, 75);
    public static final ClickConfig WOODBLOCK_LIGHT =
            new ClickConfig("woodblock_light", 2, 115, 52, 48, 100, 75);
    public static final ClickConfig TAIKO = new ClickConfig("taiko", 2, 116, 52, 48, 100, 75);
    public static final ClickConfig SYNTH_DRUM = new ClickConfig("synth_drum", 2, 118, 52, 48, 100, 75);

    /** SynTheory's click configurations, in its enumeration order. */
    public static final List<ClickConfig> ALL =
            List.of(DEFAULT, WOODBLOCK_DARK, WOODBLOCK_LIGHT, TAIKO, SYNTH_DRUM);
}
