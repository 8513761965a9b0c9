package org.musicrfm;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.musicrfm.model.musicgen.MusicgenConfig;
import org.musicrfm.model.musicgen.MusicgenDecoderConfig;

/**
 * Locates the reference fixtures in this module's test resources ({@code src/test/resources/fixtures},
 * with their README and the scripts that wrote them), so a clone runs the parity tests on its own.
 */
public final class Fixtures {

    private Fixtures() {}

    /** The {@code fixtures} folder on the test classpath. */
    public static Path root() {
        URL readme = Fixtures.class.getResource("/fixtures/README.md");
        if (readme == null) {
            throw new IllegalStateException("fixtures/README.md is not on the test classpath (src/test/resources/fixtures)");
        }
        try {
            Path root = Path.of(readme.toURI()).getParent();
            if (!Files.isDirectory(root.resolve("hf-tiny")) || !Files.isDirectory(root.resolve("rfm-xrfm"))) {
                throw new IllegalStateException("fixtures incomplete at " + root + ": hf-tiny/ and rfm-xrfm/ expected");
            }
            return root;
        } catch (URISyntaxException | java.nio.file.FileSystemNotFoundException e) {
            throw new IllegalStateException("fixtures must be a folder on the test classpath, found " + readme, e);
        }
    }

    public static Path hfTiny() {
        return root().resolve("hf-tiny");
    }

    public static Path rfm() {
        return root().resolve("rfm-xrfm");
    }

    /** The decoder section of {@code hf-tiny/musicgen/config.json}: tests read sizes from it instead of repeating them. */
    public static MusicgenDecoderConfig tinyDecoder() {
        Path config = hfTiny().resolve("musicgen").resolve("config.json");
        try (Reader r = Files.newBufferedReader(config)) {
            return MusicgenConfig.from(JsonParser.parseReader(r).getAsJsonObject()).decoder();
        } catch (IOException e) {
            throw new UncheckedIOException(config.toString(), e);
        }
    }
}
