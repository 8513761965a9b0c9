package org.musicrfm.model.io;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticTokenizerTest {

    @TempDir
    Path tmp;

    @Test
    void t5BaseSizedVocabularyLoadsInDjlAndTokenizes() throws Exception {
        List<String> pieces = SyntheticTokenizer.pieces(32128);
        assertThat(pieces).hasSize(32128).doesNotHaveDuplicates();
        assertThat(pieces.subList(0, 3)).containsExactly("<pad>", "</s>", "<unk>");
        assertThat(pieces.get(32127)).isEqualTo("<extra_id_0>");
        assertThat(pieces.get(32028)).isEqualTo("<extra_id_99>");
        Path file = tmp.resolve("tokenizer.json");
        SyntheticTokenizer.write(file, 32128);
        try (HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(file, Map.of("addSpecialTokens", "true"))) {
            Encoding e = tok.encode("calm piano song in C major");
            long[] ids = e.getIds();
            // one piece per known word, then </s>
            assertThat(e.getTokens()).containsExactly("\u2581calm", "\u2581piano", "\u2581song", "\u2581in", "\u2581C",
                    "\u2581major", "</s>");
            assertThat(ids[ids.length - 1]).isEqualTo(1);
            assertThat(Arrays.stream(ids).allMatch(i -> i >= 0 && i < 32128)).isTrue();
            assertThat(tok.decode(ids, true)).isEqualTo("calm piano song in C major");
            Encoding unknown = tok.encode("zzq \u00e9");
            assertThat(unknown.getIds()).contains(2L); // é is not in the vocabulary: <unk>
        }
    }

    @Test
    void tinyVocabularyHasExactlyItsSize() throws Exception {
        Path file = tmp.resolve("tiny.json");
        SyntheticTokenizer.write(file, 64);
        assertThat(SyntheticTokenizer.pieces(64)).hasSize(64).doesNotHaveDuplicates();
        try (HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(file)) {
            long[] ids = tok.encode("calm piano").getIds();
            assertThat(Arrays.stream(ids).allMatch(i -> i >= 0 && i < 64)).isTrue();
            assertThat(ids[ids.length - 1]).isEqualTo(1);
            assertThat(tok.decode(ids, true)).isEqualTo("calm piano");
        }
    }
}
