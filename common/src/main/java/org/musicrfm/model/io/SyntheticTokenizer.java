package org.musicrfm.model.io;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A synthetic T5-style {@code tokenizer.json} (Unigram model, Metaspace pre-tokenizer, {@code </s>}
 * appended) with exactly the text encoder's vocabulary size. Its pieces are made up (specials,
 * characters, a few music words, then letter n-grams), not t5-base's: ids mean nothing to a real
 * T5, which is fine for random weights. Ids 0, 1, 2 are {@code <pad>}, {@code </s>}, {@code <unk>}
 * as in T5; vocabularies of 1000 or more end with T5's 100 {@code <extra_id_N>} tokens.
 */
public final class SyntheticTokenizer {

    private static final String SPACE = "\u2581";
    private static final String[] WORDS = {
        "a", "the", "with", "and", "in", "of", "music", "song", "piano", "guitar", "drums", "bass", "jazz",
        "rock", "pop", "calm", "fast", "slow", "loud", "soft", "beat", "major", "minor", "chord", "note",
        "melody", "rhythm", "tempo", "violin", "synth", "electronic", "classical", "ambient", "happy", "sad",
        "dark", "bright", "C", "D", "E", "F", "G", "A", "B", "sharp", "flat", "scale", "interval", "bpm",
    };
    private static final String CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,'-!?:;/()&";
    private static final int EXTRA_IDS = 100;

    private SyntheticTokenizer() {}

    /** The vocabulary pieces in id order (specials first). */
    public static List<String> pieces(int vocabSize) {
        if (vocabSize < 4) {
            throw new IllegalArgumentException("a T5-style vocabulary needs at least 4 entries, got " + vocabSize);
        }
        int extra = vocabSize >= 1000 ? EXTRA_IDS : 0;
        int regular = vocabSize - extra;
        Set<String> p = new LinkedHashSet<>(List.of("<pad>", "</s>", "<unk>", SPACE));
        for (int i = 0; i < CHARS.length() && p.size() < regular; i++) {
            p.add(String.valueOf(CHARS.charAt(i)));
        }
        for (int i = 0; i < WORDS.length && p.size() < regular; i++) {
            p.add(SPACE + WORDS[i]);
        }
        for (int i = 0; i < 26 && p.size() < regular; i++) {
            p.add(SPACE + (char) ('a' + i));
        }
        // then letter bigrams and trigrams, with and without the word-start marker
        for (int len = 2; p.size() < regular; len++) {
            int combos = (int) Math.min(Integer.MAX_VALUE, Math.round(Math.pow(26, len)));
            for (int c = 0; c < combos && p.size() < regular; c++) {
                StringBuilder s = new StringBuilder();
                for (int k = 0, x = c; k < len; k++, x /= 26) {
                    s.append((char) ('a' + x % 26));
                }
                String gram = s.reverse().toString();
                p.add(SPACE + gram);
                if (p.size() < regular) {
                    p.add(gram);
                }
            }
        }
        List<String> out = new ArrayList<>(p);
        for (int i = EXTRA_IDS - 1; i >= 0 && out.size() < vocabSize; i--) {
            out.add("<extra_id_" + i + ">");
        }
        return out;
    }

    /** Writes {@code tokenizer.json} for a vocabulary of {@code vocabSize} pieces. */
    public static void write(Path file, int vocabSize) throws IOException {
        List<String> pieces = pieces(vocabSize);
        JsonObject root = new JsonObject();
        root.addProperty("version", "1.0");
        root.add("truncation", null);
        root.add("padding", null);
        JsonArray added = new JsonArray();
        for (int id = 0; id < pieces.size(); id++) {
            String piece = pieces.get(id);
            if (id < 3 || piece.startsWith("<extra_id_")) {
                JsonObject t = new JsonObject();
                t.addProperty("id", id);
                t.addProperty("content", piece);
                t.addProperty("single_word", false);
                t.addProperty("lstrip", false);
                t.addProperty("rstrip", false);
                t.addProperty("normalized", false);
                t.addProperty("special", true);
                added.add(t);
            }
        }
        root.add("added_tokens", added);

        JsonObject replace = new JsonObject();
        replace.addProperty("type", "Replace");
        JsonObject pattern = new JsonObject();
        pattern.addProperty("String", "  ");
        replace.add("pattern", pattern);
        replace.addProperty("content", " ");
        JsonObject normalizer = new JsonObject();
        normalizer.addProperty("type", "Sequence");
        JsonArray normalizers = new JsonArray();
        normalizers.add(replace);
        normalizer.add("normalizers", normalizers);
        root.add("normalizer", normalizer);

        root.add("pre_tokenizer", metaspace());

        JsonObject post = new JsonObject();
        post.addProperty("type", "TemplateProcessing");
        post.add("single", template("A"));
        JsonArray pair = template("A");
        pair.addAll(template("B"));
        post.add("pair", pair);
        JsonObject eos = new JsonObject();
        eos.addProperty("id", "</s>");
        JsonArray ids = new JsonArray();
        ids.add(1);
        eos.add("ids", ids);
        JsonArray tokens = new JsonArray();
        tokens.add("</s>");
        eos.add("tokens", tokens);
        JsonObject special = new JsonObject();
        special.add("</s>", eos);
        post.add("special_tokens", special);
        root.add("post_processor", post);

        root.add("decoder", metaspace());

        JsonObject model = new JsonObject();
        model.addProperty("type", "Unigram");
        model.addProperty("unk_id", 2);
        JsonArray vocab = new JsonArray();
        for (int id = 0; id < pieces.size(); id++) {
            JsonArray entry = new JsonArray();
            entry.add(pieces.get(id));
            // whole words score above n-grams and single characters, so known words stay whole
            entry.add(id < 3 || pieces.get(id).startsWith("<extra_id_") ? 0.0 : score(pieces.get(id), id));
            vocab.add(entry);
        }
        model.add("vocab", vocab);
        model.addProperty("byte_fallback", false);
        root.add("model", model);

        Files.writeString(file, new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(root),
                StandardCharsets.UTF_8);
    }

    private static double score(String piece, int id) {
        return -1.0 - id * 1e-4 - (piece.startsWith(SPACE) ? 0.0 : 2.0);
    }

    private static JsonObject metaspace() {
        JsonObject m = new JsonObject();
        m.addProperty("type", "Metaspace");
        m.addProperty("replacement", SPACE);
        m.addProperty("prepend_scheme", "always");
        m.addProperty("split", true);
        return m;
    }

    private static JsonArray template(String sequence) {
        JsonArray a = new JsonArray();
        JsonObject seq = new JsonObject();
        JsonObject s = new JsonObject();
        s.addProperty("id", sequence);
        s.addProperty("type_id", 0);
        seq.add("Sequence", s);
        a.add(seq);
        JsonObject tok = new JsonObject();
        JsonObject t = new JsonObject();
        t.addProperty("id", "</s>");
        t.addProperty("type_id", 0);
        tok.add("SpecialToken", t);
        a.add(tok);
        return a;
    }
}
