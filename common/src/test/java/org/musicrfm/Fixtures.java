package org.musicrfm;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates {@code shared/fixtures}, the reference outputs that sit beside the repository. */
public final class Fixtures {

    private Fixtures() {}

    /** {@code ../shared/fixtures} relative to the repository root, found by walking up from the working directory. */
    public static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            Path inside = p.resolve("shared").resolve("fixtures");
            if (Files.isDirectory(inside)) {
                return inside;
            }
        }
        throw new IllegalStateException("shared/fixtures not found beside the repository (from "
                + Path.of("").toAbsolutePath() + ")");
    }

    public static Path hfTiny() {
        return root().resolve("hf-tiny");
    }

    public static Path rfm() {
        return root().resolve("rfm-xrfm");
    }
}
