package org.musicrfm.model.clap;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The text encoder's tokenizer from a snapshot's {@code tokenizer.json} (offline, through DJL's
 * binding of Hugging Face tokenizers), as {@code ClapProcessor(text=..., padding=True,
 * truncation=True)} calls it: special tokens added ({@code <s> ... </s>} for RoBERTa), sequences
 * longer than {@code maxTokens} truncated with their end token kept, right padding to the longest
 * text with the config's pad id.
 */
public final class ClapTokenizer implements AutoCloseable {

    /** Token ids {@code [B][S]} and the attention mask (1 token, 0 padding). */
    public record Tokens(long[][] ids, long[][] mask) {}

    private final HuggingFaceTokenizer tokenizer;
    private final int padId;

    private ClapTokenizer(HuggingFaceTokenizer tokenizer, int padId) {
        this.tokenizer = tokenizer;
        this.padId = padId;
    }

    /**
     * @param maxTokens longest sequence, special tokens included (RoBERTa: 512 =
     *                  {@code max_position_embeddings - padding_idx - 1})
     */
    public static ClapTokenizer load(Path tokenizerJson, int padId, int maxTokens) throws IOException {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new NoSuchFileException(tokenizerJson.toString(), null, "tokenizer.json not found");
        }
        HuggingFaceTokenizer t = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of("addSpecialTokens", "true",
                "truncation", "true", "maxLength", Integer.toString(maxTokens), "padding", "false"));
        return new ClapTokenizer(t, padId);
    }

    /** Ids of one text, special tokens included. */
    public long[] encode(String text) {
        Encoding e = tokenizer.encode(text);
        return e.getIds();
    }

    /** The text of ids, special tokens skipped. */
    public String decode(long[] ids) {
        return tokenizer.decode(ids, true);
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
