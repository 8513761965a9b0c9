package org.musicrfm.model.io;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A synthetic RoBERTa-style {@code tokenizer.json} (byte-level BPE, {@code <s> ... </s>} added by
 * {@code RobertaProcessing}) with exactly the text encoder's vocabulary size: ids 0-3 are
 * {@code <s>}, {@code <pad>}, {@code </s>}, {@code <unk>} and the last id is {@code <mask>}, as in
 * roberta-base. In between: the byte-level alphabet (as much of it as fits; bytes left out map to
 * {@code <unk>}), then merged pieces of a few music words and of letter n-grams. The pieces are made
 * up: ids mean nothing to a real RoBERTa, which is fine for random weights.
 */
public final class SyntheticRobertaTokenizer {

    private static final String[] WORDS = {
        "the", "a", "with", "and", "of", "in", "music", "song", "piano", "guitar", "drums", "bass", "jazz", "rock",
        "pop", "calm", "fast", "slow", "loud", "soft", "beat", "major", "minor", "chord", "melody", "rhythm",
        "tempo", "violin", "synth", "electronic", "classical", "ambient", "happy", "sad", "bpm",
    };
    private static final int SPECIALS = 4; // <s> <pad> </s> <unk>; <mask> is the last id

    private SyntheticRobertaTokenizer() {}

    /** GPT-2's byte-to-character map: printable bytes map to themselves, the rest to U+0100 and up. */
    static char[] byteChars() {
        char[] out = new char[256];
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            out[b] = printable ? (char) b : (char) (256 + extra++);
        }
        return out;
    }

    /** The alphabet in the order it enters the vocabulary: space marker, letters, digits, the rest. */
    static List<String> alphabet() {
        char[] map = byteChars();
        List<String> a = new ArrayList<>();
        a.add(String.valueOf(map[' ']));
        for (char c = 'a'; c <= 'z'; c++) {
            a.add(String.valueOf(c));
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            a.add(String.valueOf(c));
        }
        for (char c = '0'; c <= '9'; c++) {
            a.add(String.valueOf(c));
        }
        for (int b = 0; b < 256; b++) {
            String s = String.valueOf(map[b]);
            if (!a.contains(s)) {
                a.add(s);
            }
        }
        return a;
    }

    /** Writes {@code tokenizer.json} for {@code vocabSize} ids (at least 6). */
    public static void write(Path file, int vocabSize) throws IOException {
        if (vocabSize < SPECIALS + 2) {
            throw new IllegalArgumentException("a RoBERTa-style vocabulary needs at least 6 entries, got " + vocabSize);
        }
        int room = vocabSize - 1; // ids before <mask>
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (String s : new String[] {"<s>", "<pad>", "</s>", "<unk>"}) {
            vocab.put(s, vocab.size());
        }
        for (String c : alphabet()) {
            if (vocab.size() < room) {
                vocab.put(c, vocab.size());
            }
        }
        List<String> merges = new ArrayList<>();
        String space = alphabet().get(0);
        for (String w : WORDS) {
            addMerges(space + w, vocab, merges, room); // inside a text
            addMerges(w, vocab, merges, room);         // first word (no prefix space, as roberta-base)
        }
        // then letter n-grams after a space marker, shortest first, until the vocabulary is full
        List<String> level = new ArrayList<>();
        for (char c = 'a'; c <= 'z'; c++) {
            level.add(space + c);
        }
        while (vocab.size() < room && !level.isEmpty()) {
            List<String> next = new ArrayList<>();
            for (String prefix : level) {
                for (char c = 'a'; c <= 'z' && vocab.size() < room; c++) {
                    String piece = prefix + c;
                    addMerges(piece, vocab, merges, room);
                    next.add(piece);
                }
            }
            level = next;
        }
        vocab.put("<mask>", vocab.size());

        JsonObject root = new JsonObject();
        root.addProperty("version", "1.0");
        root.add("truncation", null);
        root.add("padding", null);
        JsonArray added = new JsonArray();
        for (String s : new String[] {"<s>", "<pad>", "</s>", "<unk>", "<mask>"}) {
            JsonObject t = new JsonObject();
            t.addProperty("id", vocab.get(s));
            t.addProperty("content", s);
            t.addProperty("single_word", false);
            t.addProperty("lstrip", s.equals("<mask>"));
            t.addProperty("rstrip", false);
            t.addProperty("normalized", false);
            t.addProperty("special", true);
            added.add(t);
        }
        root.add("added_tokens", added);
        root.add("normalizer", null);
        JsonObject pre = byteLevel(false);
        root.add("pre_tokenizer", pre);
        JsonObject post = new JsonObject();
        post.addProperty("type", "RobertaProcessing");
        post.add("sep", pair("</s>", 2));
        post.add("cls", pair("<s>", 0));
        post.addProperty("trim_offsets", true);
        post.addProperty("add_prefix_space", false);
        root.add("post_processor", post);
        root.add("decoder", byteLevel(true));
        JsonObject model = new JsonObject();
        model.addProperty("type", "BPE");
        model.add("dropout", null);
        model.addProperty("unk_token", "<unk>");
        model.addProperty("continuing_subword_prefix", "");
        model.addProperty("end_of_word_suffix", "");
        model.addProperty("fuse_unk", false);
        model.addProperty("byte_fallback", false);
        JsonObject v = new JsonObject();
        vocab.forEach(v::addProperty);
        model.add("vocab", v);
        JsonArray m = new JsonArray();
        merges.forEach(m::add);
        model.add("merges", m);
        root.add("model", model);
        Files.writeString(file, new GsonBuilder().serializeNulls().disableHtmlEscaping().create().toJson(root),
                StandardCharsets.UTF_8);
    }

    /** Adds the left-to-right merges that build {@code word} from its characters (each new piece one id). */
    private static void addMerges(String word, Map<String, Integer> vocab, List<String> merges, int room) {
        for (char c : word.toCharArray()) {
            if (!vocab.containsKey(String.valueOf(c))) {
                return; // a character left out of a small vocabulary
            }
        }
        String left = word.substring(0, 1);
        for (int i = 1; i < word.length(); i++) {
            String right = word.substring(i, i + 1);
            String merged = left + right;
            if (!vocab.containsKey(merged)) {
                if (vocab.size() >= room) {
                    return;
                }
                vocab.put(merged, vocab.size());
                merges.add(left + " " + right);
            }
            left = merged;
        }
    }

    private static JsonArray pair(String token, int id) {
        JsonArray a = new JsonArray();
        a.add(token);
        a.add(id);
        return a;
    }

    private static JsonObject byteLevel(boolean prefixSpace) {
        JsonObject o = new JsonObject();
        o.addProperty("type", "ByteLevel");
        o.addProperty("add_prefix_space", prefixSpace);
        o.addProperty("trim_offsets", true);
        o.addProperty("use_regex", true);
        return o;
    }
}
