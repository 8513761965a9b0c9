package org.musicrfm.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where MusicBench's files are: its JSON files by their own names, and the folder that the
 * {@code location}s resolve against. MusicBench.tar.gz unpacks to {@code datashare/data/…} and
 * {@code datashare/data_aug2/…} while the locations read {@code data/…}, so the audio root is
 * usually {@code <root>/datashare}; some copies are unpacked flat.
 */
public final class MusicBenchLayout {

    /** MusicBench's own file names, in the order they are read. */
    public static final List<String> FILES = List.of("MusicBench_train.json", "MusicBench_test_A.json",
            "MusicBench_test_B.json");

    private MusicBenchLayout() {}

    /** The files of {@link #FILES} present in {@code root}; a clear error when there is none. */
    public static List<Path> jsonFiles(Path root) {
        List<Path> out = new ArrayList<>();
        for (String name : FILES) {
            Path p = root.resolve(name);
            if (Files.isRegularFile(p)) {
                out.add(p);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no MusicBench JSON file in " + root.toAbsolutePath() + " (looked for "
                    + String.join(", ", FILES) + ")");
        }
        return out;
    }

    /**
     * The audio root among {@code <base>/datashare} and {@code <base>}: the first under which the
     * first readable line's location exists; else {@code datashare} when it is a folder, else base.
     */
    public static Path audioRoot(Path base, List<Path> jsonFiles) throws IOException {
        Path datashare = base.resolve("datashare");
        List<Path> candidates = Files.isDirectory(datashare) ? List.of(datashare, base) : List.of(base);
        String location = firstLocation(jsonFiles);
        if (location != null) {
            for (Path c : candidates) {
                if (Files.isRegularFile(c.resolve(location))) {
                    return c;
                }
            }
        }
        return candidates.get(0);
    }

    private static String firstLocation(List<Path> jsonFiles) throws IOException {
        for (Path f : jsonFiles) {
            if (!Files.isRegularFile(f)) {
                continue;
            }
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                int n = 0;
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    n++;
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        return MusicBenchReader.parse(line, f.toString(), n, "").location();
                    } catch (IllegalArgumentException e) {
                        // a malformed line: the job reports it; look at the next one
                    }
                }
            }
        }
        return null;
    }
}
