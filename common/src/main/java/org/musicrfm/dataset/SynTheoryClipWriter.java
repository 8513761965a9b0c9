package org.musicrfm.dataset;

import java.io.IOException;
import java.nio.file.Path;
import org.musicrfm.audio.Audio;
import org.musicrfm.audio.MidiClip;
import org.musicrfm.audio.MidiRenderer;
import org.musicrfm.audio.SampleFormat;
import org.musicrfm.audio.WavFiles;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;

/**
 * Renders SynTheory clips into a dataset folder, one WAV per clip, written atomically. A clip whose
 * WAV already exists is complete (files only appear by atomic rename) and is re-read, not rendered.
 */
public final class SynTheoryClipWriter {

    /** Clips whose written peak is below this (−80 dBFS) are flagged silent. */
    public static final float SILENCE_PEAK = Audio.SILENCE_PEAK;

    private final Location root;
    private final MidiRenderer renderer;
    private final SampleFormat format;
    private final long baseSeed;

    public SynTheoryClipWriter(Path root, MidiRenderer renderer, SampleFormat format, long baseSeed) {
        this(Location.of(root), renderer, format, baseSeed);
    }

    /** Writes under {@code root} on any file system {@link Storage} reaches. */
    public SynTheoryClipWriter(Location root, MidiRenderer renderer, SampleFormat format, long baseSeed) {
        this.root = root;
        this.renderer = renderer;
        this.format = format;
        this.baseSeed = baseSeed;
    }

    /** Where a clip's audio lives, relative to the dataset root. */
    public static String relativePath(ClipSpec spec) {
        return "audio/" + spec.concept().id() + "/" + spec.clipId().replaceAll("[^A-Za-z0-9._-]", "_") + ".wav";
    }

    /**
     * True when the clip's MIDI (hence its audio) is the same under two base seeds: seeds move the
     * crops of tempo and time-signature clips and leave tonal clips alone.
     */
    public static boolean sameUnderSeeds(ClipSpec spec, long baseSeedA, long baseSeedB) throws IOException {
        if (baseSeedA == baseSeedB) {
            return true;
        }
        ConceptGenerator g = SynTheory.generator(spec.concept());
        MidiClip a = g.midi(spec, ClipSeeds.seed(baseSeedA, spec.clipId()));
        MidiClip b = g.midi(spec, ClipSeeds.seed(baseSeedB, spec.clipId()));
        return a.startSeconds() == b.startSeconds() && a.durationSeconds() == b.durationSeconds()
                && java.util.Arrays.equals(midiBytes(a), midiBytes(b));
    }

    private static byte[] midiBytes(MidiClip clip) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int[] types = javax.sound.midi.MidiSystem.getMidiFileTypes(clip.sequence());
        javax.sound.midi.MidiSystem.write(clip.sequence(), types[types.length - 1], out);
        return out.toByteArray();
    }

    /** Renders the clip unless its file is already complete, and describes the file. */
    public RenderedClip write(ClipSpec spec) throws IOException {
        String rel = relativePath(spec);
        Location file = root.resolve(rel);
        Storage storage = Storage.get();
        long seed = ClipSeeds.seed(baseSeed, spec.clipId());
        MidiClip midi = SynTheory.generator(spec.concept()).midi(spec, seed);
        Audio onDisk;
        boolean rendered;
        if (storage.isFile(file)) {
            onDisk = WavFiles.read(file);
            rendered = false;
        } else {
            byte[] bytes = WavFiles.encode(renderer.render(midi), format);
            storage.write(file, bytes);
            onDisk = WavFiles.decode(bytes);
            rendered = true;
        }
        float peak = onDisk.peak();
        return new RenderedClip(spec, rel, midi.startSeconds(), onDisk.seconds(), onDisk.sampleRate(), onDisk.channels(), peak,
                peak < SILENCE_PEAK, seed, rendered);
    }
}
