package org.musicrfm.model.t5;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.internal.bind.TypeAdapters;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a {@code tokenizer.json} in Java before the native Hugging Face tokenizers library sees it.
 * That library (0.21, inside DJL 0.33) aborts the whole JVM — a Rust panic across JNI — when the
 * {@code decoder} section does not deserialize ({@code expect("Helper")}), so malformed JSON is
 * refused here with an error naming the file, and the decoder, which encoding never uses, is dropped.
 */
final class TokenizerJson {

    /** Far above any real tokenizer.json (t5-base's is 2.4 MB). */
    static final long MAX_BYTES = 64L << 20;

    private TokenizerJson() {}

    /** The bytes to hand to the native library: strict, UTF-8 JSON of an object with a model, no decoder. */
    static byte[] forEncoding(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IOException("tokenizer " + file + " is " + size + " bytes, over the " + MAX_BYTES + " accepted");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("tokenizer " + file + " is not UTF-8", e);
        }
        JsonElement root;
        try (JsonReader r = new JsonReader(new StringReader(text))) {
            r.setLenient(false);
            root = TypeAdapters.JSON_ELEMENT.read(r);
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw new IOException("tokenizer " + file + ": text after the JSON object");
            }
        } catch (IOException | RuntimeException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("tokenizer " + file)) {
                throw e;
            }
            throw new IOException("tokenizer " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isJsonObject() || !root.getAsJsonObject().has("model")
                || !root.getAsJsonObject().get("model").isJsonObject()) {
            throw new IOException("tokenizer " + file + " is not a Hugging Face tokenizer.json (no \"model\" object)");
        }
        JsonObject o = root.getAsJsonObject();
        o.remove("decoder");
        if (o.has("post_processor") && !o.get("post_processor").isJsonNull()) {
            checkPostProcessor(file, o.get("post_processor"));
        }
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A {@code TemplateProcessing} post-processor (T5 appends {@code </s>} with one) whose template
     * names a special token it does not define makes the native library panic at the first encode.
     */
    private static void checkPostProcessor(Path file, JsonElement pp) throws IOException {
        String where = "tokenizer " + file + ": post_processor";
        if (!pp.isJsonObject()) {
            throw new IOException(where + " is not an object");
        }
        JsonObject o = pp.getAsJsonObject();
        // the native library also accepts these objects untagged, recognising them by their fields
        String type = o.has("type") && o.get("type").isJsonPrimitive() ? o.get("type").getAsString()
                : o.has("processors") ? "Sequence"
                : o.has("single") || o.has("pair") || o.has("special_tokens") ? "TemplateProcessing" : "";
        if (type.equals("Sequence")) {
            if (!o.has("processors") || !o.get("processors").isJsonArray()) {
                throw new IOException(where + " Sequence has no processors list");
            }
            for (JsonElement p : o.getAsJsonArray("processors")) {
                checkPostProcessor(file, p);
            }
            return;
        }
        if (!type.equals("TemplateProcessing")) {
            return;
        }
        if (!o.has("special_tokens") || !o.get("special_tokens").isJsonObject()) {
            throw new IOException(where + " TemplateProcessing has no special_tokens object");
        }
        JsonObject special = o.getAsJsonObject("special_tokens");
        for (var e : special.entrySet()) {
            JsonElement t = e.getValue();
            if (!t.isJsonObject() || !t.getAsJsonObject().has("ids") || !t.getAsJsonObject().get("ids").isJsonArray()
                    || !t.getAsJsonObject().has("tokens") || !t.getAsJsonObject().get("tokens").isJsonArray()
                    || t.getAsJsonObject().getAsJsonArray("ids").size()
                    != t.getAsJsonObject().getAsJsonArray("tokens").size()) {
                throw new IOException(where + " special token " + e.getKey() + " needs ids and tokens of equal length");
            }
            JsonElement id = t.getAsJsonObject().get("id");
            if (id == null || !id.isJsonPrimitive() || !id.getAsString().equals(e.getKey())) {
                throw new IOException(where + " special token " + e.getKey() + " has id " + id + ", not its key");
            }
        }
        for (String side : new String[] {"single", "pair"}) {
            JsonElement template = o.get(side);
            if (template == null || !template.isJsonArray()) {
                throw new IOException(where + " TemplateProcessing has no " + side + " template");
            }
            for (JsonElement piece : template.getAsJsonArray()) {
                if (!piece.isJsonObject()) {
                    throw new IOException(where + "." + side + ": template piece " + piece + " is not an object");
                }
                JsonElement token = piece.getAsJsonObject().get("SpecialToken");
                if (token != null) {
                    JsonElement id = token.isJsonObject() ? token.getAsJsonObject().get("id") : null;
                    if (id == null || !id.isJsonPrimitive() || !special.has(id.getAsString())) {
                        throw new IOException(where + "." + side + " uses special token " + id
                                + " that special_tokens does not define");
                    }
                }
            }
        }
    }
}
