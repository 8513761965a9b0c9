package org.musicrfm.dataset;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.musicrfm.audio.SampleFormat;
import org.musicrfm.provenance.FolderManifest;
import org.musicrfm.provenance.UnitIdentity;

/**
 * How SynTheory clips are rendered: audio format, SoundFont and base seed.
 *
 * @param soundfont SoundFont path, or {@code builtin} for the JDK's soundbank
 * @param seed      base seed; each clip's seed derives from it and the clip id
 */
public record SynTheoryRendering(String soundfont, int sampleRate, int channels, SampleFormat format, long seed)
        implements Serializable {

    /** Manifest fields a re-run may not change in a folder that already holds audio. */
    public static final List<String> FIXED = List.of("sample_rate", "channels", "format", "soundfont_sha256");

    /** The folder-level identity: audio format, SoundFont content and base seed. */
    public FolderManifest manifest() throws IOException {
        String sha = "builtin".equals(soundfont) ? "builtin:" + System.getProperty("java.version")
                : UnitIdentity.sha256(Path.of(soundfont));
        return FolderManifest.of("syntheory", Map.of("sample_rate", Integer.toString(sampleRate),
                "channels", Integer.toString(channels), "format", format.name(),
                "soundfont_sha256", sha, "seed", Long.toString(seed)));
    }
}
