package org.musicrfm.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {

    @TempDir
    Path tmp;

    @Test
    void identityDigestIsSha256OfSortedFieldsWhateverTheInsertionOrder() {
        UnitIdentity a = UnitIdentity.of(Map.of("b", "2", "a", "1"));
        UnitIdentity b = UnitIdentity.of(new java.util.LinkedHashMap<>(Map.of("a", "1"))).with("b", "2");
        assertThat(a.digest()).isEqualTo(b.digest());
        // "a=1\nb=2\n" hashed independently of the class
        assertThat(a.digest()).isEqualTo(UnitIdentity.sha256("a=1\nb=2\n"));
        assertThat(a.with("b", "3").digest()).isNotEqualTo(a.digest());
    }

    @Test
    void configFieldsFlattenJsonAndLeaveOutIgnoredOptions() {
        var config = JsonParser.parseString("{\"poolings\":[\"mean\"],\"output\":\"/x\",\"nested\":{\"k\":1}}")
                .getAsJsonObject();
        assertThat(UnitIdentity.configFields(config, Set.of("output")))
                .containsExactly(Map.entry("config.nested.k", "1"), Map.entry("config.poolings", "[\"mean\"]"));
    }

    @Test
    void stableChunksChangeOnlyWhereItemsAreAddedAndMatchACleanCut() {
        List<String> small = IntStream.range(0, 200).filter(i -> i % 2 == 0).mapToObj(i -> String.format("clip%04d", i))
                .toList();
        List<String> large = IntStream.range(0, 200).mapToObj(i -> String.format("clip%04d", i)).toList();
        List<List<String>> a = StableChunks.cut(small, Function.identity(), 8);
        List<List<String>> b = StableChunks.cut(large, Function.identity(), 8);
        assertThat(a.stream().flatMap(List::stream).toList()).isEqualTo(small);
        assertThat(b.stream().flatMap(List::stream).toList()).isEqualTo(large);
        assertThat(b).allSatisfy(c -> assertThat(c.size()).isBetween(1, 16));
        // Removing one item changes only the chunk that held it.
        List<String> minusOne = new ArrayList<>(large);
        String removed = minusOne.remove(77);
        List<List<String>> c = StableChunks.cut(minusOne, Function.identity(), 8);
        List<List<String>> unchanged = new ArrayList<>(b);
        unchanged.removeIf(chunk -> chunk.contains(removed));
        assertThat(c).containsAll(unchanged);
        assertThat(c.size()).isBetween(b.size() - 1, b.size() + 1);
    }

    @Test
    void leftoversAreHiddenTemporaryNamesOnly() throws Exception {
        Path part = Files.createDirectories(tmp.resolve("activations/concept=a/layer=0"));
        Files.writeString(part.resolve("a-0123.parquet"), "keep");
        Files.writeString(part.resolve(".a-0123.parquet.9f.tmp"), "x");
        Files.writeString(part.resolve("..a-0123.parquet.9f.tmp.crc"), "x");
        Files.writeString(tmp.resolve(".clip.wav.9f.part"), "x");
        Files.createDirectories(tmp.resolve(".metadata.staging-9f/_temporary/0"));
        Files.writeString(tmp.resolve(".metadata.staging-9f/_temporary/0/part-0"), "x");
        Files.writeString(tmp.resolve("_COMPLETE.json"), "keep");
        Files.writeString(tmp.resolve(".hidden-but-ours"), "keep");
        List<Path> removed = Leftovers.remove(tmp);
        assertThat(removed).hasSize(4);
        Set<String> left = new TreeSet<>();
        try (var s = Files.walk(tmp)) {
            s.filter(Files::isRegularFile).forEach(p -> left.add(tmp.relativize(p).toString()));
        }
        assertThat(left).containsExactly(".hidden-but-ours", "_COMPLETE.json", "activations/concept=a/layer=0/a-0123.parquet");
    }

    @Test
    void manifestMismatchNamesEveryDifferingFieldAndHowToProceed() throws Exception {
        FolderManifest old = FolderManifest.of("syntheory", Map.of("sample_rate", "32000", "channels", "1", "seed", "0"));
        old.write(tmp);
        FolderManifest now = FolderManifest.of("syntheory", Map.of("sample_rate", "44100", "channels", "2", "seed", "1"));
        assertThat(FolderManifest.read(tmp)).isEqualTo(old);
        assertThatThrownBy(() -> now.checkSameAs(FolderManifest.read(tmp), List.of("sample_rate", "channels"), tmp))
                .isInstanceOf(IdentityMismatchException.class)
                .hasMessageContaining("sample_rate=32000, channels=1")
                .hasMessageContaining("sample_rate=44100, channels=2")
                .hasMessageContaining("--overwrite").hasMessageContaining("--out")
                .hasMessageNotContaining("seed");
        now.checkSameAs(null, List.of("sample_rate"), tmp); // a new folder
        now.checkSameAs(now, List.of("sample_rate", "channels", "seed"), tmp);
    }
}
