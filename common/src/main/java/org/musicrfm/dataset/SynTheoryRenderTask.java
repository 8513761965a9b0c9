package org.musicrfm.dataset;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.sound.midi.Soundbank;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.musicrfm.audio.MidiRenderer;
import org.musicrfm.audio.SoundFonts;
import org.musicrfm.io.Location;

/**
 * The executor side of rendering SynTheory: a partition's clips with one synthesizer, written
 * atomically under {@code root}, yielding metadata rows ({@link SynTheoryMetadata#row}).
 *
 * @param done     counts every clip of the partition
 * @param rendered counts clips rendered (not kept from an earlier run)
 */
public record SynTheoryRenderTask(Location root, SynTheoryRendering rendering, List<String> labelColumns,
                                  LongAccumulator done, LongAccumulator rendered) implements Serializable {

    public SynTheoryRenderTask {
        labelColumns = new ArrayList<>(labelColumns); // List.subList views are not serializable
    }

    public Iterator<Row> apply(Iterator<SynTheoryClipIndex> clips) throws IOException {
        Soundbank soundbank = SoundFonts.loadShared(rendering.soundfont());
        MidiRenderer renderer = new MidiRenderer(soundbank, rendering.sampleRate(), rendering.channels());
        SynTheoryClipWriter writer = new SynTheoryClipWriter(root, renderer, rendering.format(), rendering.seed());
        List<Row> rows = new ArrayList<>();
        while (clips.hasNext()) {
            ClipSpec spec = clips.next().spec();
            RenderedClip clip;
            try {
                clip = writer.write(spec);
            } catch (IOException e) {
                throw new UncheckedIOException("clip " + spec.clipId() + ": " + e.getMessage(), e);
            }
            rows.add(SynTheoryMetadata.row(clip, labelColumns));
            done.add(1);
            if (clip.rendered()) {
                rendered.add(1);
            }
        }
        return rows.iterator();
    }
}
