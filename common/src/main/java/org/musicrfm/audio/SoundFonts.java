package org.musicrfm.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Soundbank;

/** Loads the SoundFont that MIDI is rendered with. */
public final class SoundFonts {

    /** Where Debian's {@code timgm6mb-soundfont} installs TimGM6mb, the SoundFont SynTheory used. */
    public static final Path DEFAULT_PATH = Path.of("/usr/share/sounds/sf2/TimGM6mb.sf2");

    /** Sentinel for {@link #load(String)}: the JDK's built-in (emergency) soundbank, by explicit opt-in only. */
    public static final String BUILTIN = "builtin";

    private static final java.util.Map<String, Soundbank> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private SoundFonts() {}

    /**
     * As {@link #load}, but each SoundFont is parsed once per JVM (an executor renders many tasks);
     * a loaded soundbank is only read by the synthesizers that share it.
     */
    public static Soundbank loadShared(String spec) throws IOException {
        if (BUILTIN.equals(spec)) {
            return null;
        }
        Soundbank cached = CACHE.get(spec);
        if (cached == null) {
            cached = load(spec);
            CACHE.putIfAbsent(spec, cached);
        }
        return cached;
    }

    /**
     * A SoundFont file, or the JDK's built-in soundbank when {@code spec} is {@value #BUILTIN}.
     * A missing file is a clear error that says how to get TimGM6mb.
     */
    public static Soundbank load(String spec) throws IOException {
        if (BUILTIN.equals(spec)) {
            return null; // Gervill falls back to its built-in emergency soundbank.
        }
        Path path = Path.of(spec);
        if (!Files.isRegularFile(path)) {
            throw new IOException("SoundFont not found: " + path + " (install Debian's timgm6mb-soundfont,"
                    + " pass --soundfont PATH, or --soundfont " + BUILTIN
                    + " to opt in to the JDK's built-in soundbank, which sounds different)");
        }
        try {
            return MidiSystem.getSoundbank(path.toFile());
        } catch (InvalidMidiDataException e) {
            throw new IOException("not a SoundFont/DLS file: " + path + " (" + e.getMessage() + ")", e);
        }
    }
}
