package org.musicrfm.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.activations.ActivationFiles;

/** Files and folders appear whole or not at all; a failed write leaves the old content and no temporary files. */
class AtomicFilesTest {

    @TempDir
    Path tmp;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNothingElse() throws Exception {
        Path file = tmp.resolve("a.json");
        AtomicFiles.write(file, "old".getBytes());
        assertThatThrownBy(() -> AtomicFiles.write(file, t -> {
            Files.writeString(t, "half");
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(file)).isEqualTo("old");
        assertThat(names()).containsExactly("a.json");
        AtomicFiles.write(file, "new".getBytes());
        assertThat(Files.readString(file)).isEqualTo("new");
        assertThat(names()).containsExactly("a.json");
    }

    @Test
    void aParquetFileThatFailsHalfWayLeavesNoTemporaryFileOrChecksum() throws Exception {
        Schema schema = SchemaBuilder.record("r").fields().requiredInt("x").endRecord();
        GenericRecord good = new GenericData.Record(schema);
        good.put("x", 1);
        GenericRecord bad = new GenericData.Record(schema); // x missing: the writer fails on this record
        Path file = tmp.resolve("part.parquet");
        assertThatThrownBy(() -> ActivationFiles.write(file, schema, List.of(good, bad)));
        assertThat(names()).isEmpty();
        ActivationFiles.write(file, schema, List.of(good));
        assertThat(names()).containsExactly("part.parquet");
    }

    @Test
    void aFolderAppearsWholeOrNotAtAll() throws Exception {
        Path out = tmp.resolve("model");
        assertThatThrownBy(() -> AtomicFiles.writeFolder(out, d -> {
            Files.writeString(d.resolve("config.json"), "{}");
            throw new IllegalStateException("bad tensor");
        })).hasMessage("bad tensor");
        assertThat(names()).isEmpty();
        assertThat(AtomicFiles.writeFolder(out, d -> Files.writeString(d.resolve("config.json"), "{}"))).isEqualTo(out);
        assertThat(names()).containsExactly("model");
        assertThatThrownBy(() -> AtomicFiles.writeFolder(out, d -> { }))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("not empty");
    }

    @Test
    void replaceFolderSwapsTheWholeFolder() throws Exception {
        Path target = tmp.resolve("table");
        Files.createDirectories(target);
        Files.writeString(target.resolve("old.parquet"), "o");
        Path staged = tmp.resolve(".table.staging-1");
        Files.createDirectories(staged);
        Files.writeString(staged.resolve("new.parquet"), "n");
        AtomicFiles.replaceFolder(staged, target);
        assertThat(names()).containsExactly("table");
        try (Stream<Path> s = Files.list(target)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("new.parquet");
        }
    }
}
