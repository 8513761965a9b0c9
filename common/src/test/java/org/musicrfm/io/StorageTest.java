package org.musicrfm.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files through Hadoop's file systems: the local disk (no checksum sidecars, plain paths printed) and the
 * local disk under another scheme, which only Hadoop can reach; atomic writes leave nothing on failure.
 */
class StorageTest {

    @TempDir
    Path tmp;

    static Storage storage() {
        Configuration conf = new Configuration();
        conf.set("fs." + LocalUnderScheme.SCHEME + ".impl", LocalUnderScheme.class.getName());
        return Storage.of(conf);
    }

    static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void locationsParsePlainPathsFileUrisAndHadoopUris() {
        assertThat(Location.parse("/data/out", "--out").toString()).isEqualTo("/data/out");
        assertThat(Location.parse("file:///data/out/", "--out")).isEqualTo(Location.of(Path.of("/data/out")));
        assertThat(Location.parse("out", "--out").localPath()).isEqualTo(Path.of("out").toAbsolutePath());
        Location h = Location.parse("hdfs://nn:8020/data/out", "--out");
        assertThat(h.isLocal()).isFalse();
        assertThat(h.toString()).isEqualTo("hdfs://nn:8020/data/out");
        assertThat(h.resolve("audio/notes/a.wav").toString()).isEqualTo("hdfs://nn:8020/data/out/audio/notes/a.wav");
        assertThat(h.resolve("audio/notes/a.wav").parent().parent().parent()).isEqualTo(h);
        assertThat(h.resolve("concept=notes").name()).isEqualTo("concept=notes");
        assertThat(Location.parse("S3A://bucket/x", "--dataset").toString()).isEqualTo("s3a://bucket/x");
        assertThat(h.contains(h.resolve("a"))).isTrue();
        assertThat(h.contains(Location.parse("hdfs://nn:8020/data/outer", "--out"))).isFalse();
        assertThatThrownBy(() -> Location.parse("hdfs:data/out", "--out"))
                .hasMessage("--out hdfs:data/out: give an absolute URI, e.g. hdfs:///data/out or hdfs://host/data/out");
        assertThatThrownBy(() -> Location.parse(" ", "--dataset")).hasMessage("--dataset is empty: give a folder");
    }

    @Test
    void aSchemeWithoutFileSystemIsRefusedNamingOptionValueAndSetting() {
        Storage s = storage();
        assertThatThrownBy(() -> s.location("nosuchfs:///data/out", "--out"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--out nosuchfs:/data/out: no Hadoop file system is configured for nosuchfs://; add its "
                        + "client to the classpath or set --conf spark.hadoop.fs.nosuchfs.impl=<class>, or give a local path");
        assertThat(s.location("musicrfm-test://" + tmp, "--out").scheme()).isEqualTo("musicrfm-test");
        assertThat(s.location(tmp.toString(), "--out").isLocal()).isTrue();
    }

    @Test
    void localFilesAreWrittenWithoutChecksumSidecars() throws IOException {
        Storage s = storage();
        Location root = Location.of(tmp);
        s.write(root.resolve("a/b/x.json"), "{}".getBytes(StandardCharsets.UTF_8));
        s.write(root.resolve("a/b/x.json"), "{\"v\":2}".getBytes(StandardCharsets.UTF_8)); // replaces
        try (OutputStream out = s.create(root.resolve("a/y.bin"))) {
            out.write(new byte[] {1, 2, 3});
        }
        assertThat(listing(tmp)).containsExactly("", "a", "a/b", "a/b/x.json", "a/y.bin");
        assertThat(Files.readString(tmp.resolve("a/b/x.json"))).isEqualTo("{\"v\":2}");
        assertThat(s.readBytes(root.resolve("a/y.bin"))).containsExactly(1, 2, 3);
        assertThat(s.length(root.resolve("a/y.bin"))).isEqualTo(3);
    }

    @Test
    void anotherSchemeReachesTheSameFilesThroughHadoop() throws IOException {
        Storage s = storage();
        Location root = Location.parse(LocalUnderScheme.SCHEME + "://" + tmp, "--out");
        assertThat(s.fs(root)).isInstanceOf(LocalUnderScheme.class);
        s.write(root.resolve("t/b.txt"), "bee".getBytes(StandardCharsets.UTF_8));
        s.write(root.resolve("t/a.txt"), "a".getBytes(StandardCharsets.UTF_8));
        s.write(root.resolve("t/a.txt"), "ay".getBytes(StandardCharsets.UTF_8)); // replaces through Hadoop's rename
        s.mkdirs(root.resolve("t/sub/deeper"));
        assertThat(s.names(root.resolve("t"))).containsExactly("a.txt", "b.txt", "sub");
        assertThat(s.files(root)).containsExactly(root.resolve("t/a.txt"), root.resolve("t/b.txt"));
        assertThat(s.folders(root)).containsExactly(root.resolve("t"), root.resolve("t/sub"), root.resolve("t/sub/deeper"));
        assertThat(s.isDirectory(root.resolve("t/sub"))).isTrue();
        assertThat(s.isFile(root.resolve("t/a.txt"))).isTrue();
        assertThat(s.exists(root.resolve("t/c.txt"))).isFalse();
        assertThat(s.names(root.resolve("missing"))).isEmpty();
        assertThat(Files.readString(tmp.resolve("t/a.txt"))).isEqualTo("ay");
        assertThat(s.sha256(root.resolve("t/b.txt")))
                .isEqualTo(org.musicrfm.provenance.UnitIdentity.sha256(tmp.resolve("t/b.txt")));
        assertThat(listing(tmp)).containsExactly("", "t", "t/a.txt", "t/b.txt", "t/sub", "t/sub/deeper");
        s.delete(root.resolve("t/sub"));
        assertThat(listing(tmp)).containsExactly("", "t", "t/a.txt", "t/b.txt");
    }

    @Test
    void aFailedAtomicWriteLeavesNoTemporaryFileAndTheOldContent() throws IOException {
        Storage s = storage();
        for (Location root : List.of(Location.of(tmp.resolve("local")),
                Location.parse(LocalUnderScheme.SCHEME + "://" + tmp.resolve("other"), "--out"))) {
            Location file = root.resolve("x.json");
            s.write(file, "old".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> s.write(file, t -> {
                try (OutputStream out = s.create(t)) {
                    out.write("half".getBytes(StandardCharsets.UTF_8));
                }
                throw new IOException("disk full");
            })).hasMessage("disk full");
            assertThat(s.names(root)).as(root.toString()).containsExactly("x.json");
            assertThat(s.readString(file)).isEqualTo("old");
        }
    }

    @Test
    void foldersArePublishedWholeOrNotAtAll() throws IOException {
        Storage s = storage();
        Location root = Location.parse(LocalUnderScheme.SCHEME + "://" + tmp, "--out");
        assertThatThrownBy(() -> s.writeFolder(root.resolve("f"), t -> {
            s.write(t.resolve("part"), new byte[] {1});
            throw new IllegalStateException("killed");
        })).hasMessage("killed");
        assertThat(listing(tmp)).containsExactly("");
        s.writeFolder(root.resolve("f"), t -> s.write(t.resolve("part"), new byte[] {1}));
        assertThat(listing(tmp)).containsExactly("", "f", "f/part");
        assertThatThrownBy(() -> s.writeFolder(root.resolve("f"), t -> {}))
                .hasMessageContaining("folder is not empty; refusing to overwrite");

        Location staged = root.resolve(".g.staging-1");
        s.write(staged.resolve("new"), new byte[] {2});
        s.replaceFolder(staged, root.resolve("f"));
        assertThat(listing(tmp)).containsExactly("", "f", "f/new");
    }
}
