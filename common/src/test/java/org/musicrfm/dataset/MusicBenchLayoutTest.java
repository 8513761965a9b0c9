package org.musicrfm.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MusicBenchLayoutTest {

    @TempDir
    Path tmp;

    private Path json(Path root, String file, String... locations) throws Exception {
        Files.createDirectories(root);
        List<String> lines = new java.util.ArrayList<>(List.of("{broken"));
        for (String l : locations) {
            lines.add("{\"location\": \"" + l + "\"}");
        }
        return Files.write(root.resolve(file), lines);
    }

    private void touch(Path p) throws Exception {
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[] {0});
    }

    @Test
    void findsTheFilesInTheirOrderAndTheFolderHoldingTheAudio() throws Exception {
        Path root = tmp.resolve("tarball");
        Path testB = json(root, "MusicBench_test_B.json", "data/b.wav");
        Path train = json(root, "MusicBench_train.json", "data/a.wav");
        assertThat(MusicBenchLayout.jsonFiles(root)).containsExactly(train, testB);
        touch(root.resolve("datashare/data/a.wav"));
        assertThat(MusicBenchLayout.audioRoot(root, List.of(train))).isEqualTo(root.resolve("datashare"));

        Path flat = tmp.resolve("flat");
        Path flatTrain = json(flat, "MusicBench_train.json", "data/a.wav");
        touch(flat.resolve("data/a.wav"));
        assertThat(MusicBenchLayout.audioRoot(flat, List.of(flatTrain))).isEqualTo(flat);

        // Locations that already name datashare/ resolve against the root, even beside a datashare folder.
        Path named = tmp.resolve("named");
        Path namedTrain = json(named, "MusicBench_train.json", "datashare/data/a.wav");
        touch(named.resolve("datashare/data/a.wav"));
        assertThat(MusicBenchLayout.audioRoot(named, List.of(namedTrain))).isEqualTo(named);

        // Nothing found: datashare when it exists (the job then lists the missing audio).
        Path empty = tmp.resolve("empty");
        Path emptyTrain = json(empty, "MusicBench_train.json", "data/zzz.wav");
        Files.createDirectories(empty.resolve("datashare"));
        assertThat(MusicBenchLayout.audioRoot(empty, List.of(emptyTrain))).isEqualTo(empty.resolve("datashare"));
    }

    @Test
    void aFolderWithoutMusicBenchFilesIsAClearError() throws Exception {
        Files.createDirectories(tmp.resolve("none"));
        assertThatThrownBy(() -> MusicBenchLayout.jsonFiles(tmp.resolve("none")))
                .hasMessageContaining(tmp.resolve("none").toString()).hasMessageContaining("MusicBench_train.json");
    }
}
