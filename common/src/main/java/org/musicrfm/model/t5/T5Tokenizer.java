package org.musicrfm.model.t5;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The text encoder's tokenizer from a local {@code tokenizer.json} (offline, through DJL's binding of
 * Hugging Face tokenizers), with special tokens ({@code </s>}) added and right padding to the longest
 * prompt with the config's pad id.
 */
public final class T5Tokenizer implements AutoCloseable {

    /** Token ids {@code [B][S]} and the attention mask (1 token, 0 padding). */
    public record Tokens(long[][] ids, long[][] mask) {

        public int batchSize() {
            return ids.length;
        }

        public int length() {
            return ids.length == 0 ? 0 : ids[0].length;
        }
    }

    private final HuggingFaceTokenizer tokenizer;
    private final int padId;

    private T5Tokenizer(HuggingFaceTokenizer tokenizer, int padId) {
        this.tokenizer = tokenizer;
        this.padId = padId;
    }

    public static T5Tokenizer load(Path tokenizerJson, int padId) throws IOException {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new IOException("tokenizer file not found: " + tokenizerJson);
        }
        // no truncation or padding inside the tokenizer: padding is done here with the model's pad id
        byte[] checked = TokenizerJson.forEncoding(tokenizerJson);
        HuggingFaceTokenizer t;
        try (var in = new java.io.ByteArrayInputStream(checked)) {
            t = HuggingFaceTokenizer.newInstance(in,
                    Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false"));
        } catch (RuntimeException e) {
            throw new IOException("cannot read tokenizer " + tokenizerJson + ": " + e.getMessage(), e);
        }
        return new T5Tokenizer(t, padId);
    }

    /** Ids of one text, with the end-of-sequence token. */
    public long[] encode(String text) {
        Encoding e = tokenizer.encode(text);
        return e.getIds();
    }

    /** Ids of several texts, right-padded to the longest. */
    public Tokens encode(List<String> texts) {
        long[][] raw = new long[texts.size()][];
        int longest = 0;
        for (int i = 0; i < raw.length; i++) {
            raw[i] = encode(texts.get(i));
            longest = Math.max(longest, raw[i].length);
        }
        long[][] ids = new long[raw.length][longest];
        long[][] mask = new long[raw.length][longest];
        for (int i = 0; i < raw.length; i++) {
            for (int j = 0; j < longest; j++) {
                boolean token = j < raw[i].length;
                ids[i][j] = token ? raw[i][j] : padId;
                mask[i][j] = token ? 1 : 0;
            }
        }
        return new Tokens(ids, mask);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
