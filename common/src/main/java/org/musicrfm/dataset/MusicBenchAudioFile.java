package org.musicrfm.dataset;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.util.LongAccumulator;
import org.musicrfm.audio.Audio;
import org.musicrfm.audio.WavFiles;
import org.musicrfm.io.Location;

/** A MusicBench clip's audio file to read: the clip and its absolute location. */
public record MusicBenchAudioFile(String clipId, Location location) implements Serializable {

    public String path() {
        return location.toString();
    }

    /**
     * What reading a clip's audio found: its format and peak, or why it could not be read.
     *
     * @param error null when the file was read
     */
    public record Facts(String clipId, String path, double durationSeconds, int sampleRate, int channels, float peak,
                        String error) implements Serializable {}

    /** Reads the file's facts; a missing, unreadable or empty file gives facts with an error. */
    public Facts read() {
        try {
            Audio a = WavFiles.read(location);
            if (a.frames() == 0) {
                throw new IOException("WAV file " + path() + " holds no samples");
            }
            return new Facts(clipId, path(), a.seconds(), a.sampleRate(), a.channels(), a.peak(), null);
        } catch (IOException | RuntimeException e) {
            return new Facts(clipId, path(), 0, 0, 0, 0f, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** The executor side: reads a partition's files, counting each in {@code done}. */
    public static Iterator<Facts> readAll(Iterator<MusicBenchAudioFile> files, LongAccumulator done) {
        List<Facts> out = new ArrayList<>();
        while (files.hasNext()) {
            out.add(files.next().read());
            done.add(1);
        }
        return out.iterator();
    }
}
