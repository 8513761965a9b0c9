package org.musicrfm.eval;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Path;
import org.musicrfm.activations.SourceModel;

/**
 * Where a set of activations came from: the model (compatibility key and fingerprint), how it
 * was read ({@code decoder_only} or {@code empty_text}), the pooling and the block. A probe
 * classifies only activations with the same source as its training data.
 */
public record ActivationSource(String compatibilityKey, String fingerprint, String reading, String pooling,
                               int layer) {

    /** The extract job's completion marker, whose {@code config.reading} names the reading. */
    public static final String EXTRACT_MARKER = "_COMPLETE.json";

    /** The value recorded when an extract output does not say how it was read. */
    public static final String UNKNOWN_READING = "unknown";

    /** The source of layer {@code layer}, pooling {@code pooling}, of an extract job's output folder. */
    public static ActivationSource ofExtractOutput(Path extractOutput, String pooling, int layer) throws IOException {
        SourceModel model = SourceModel.read(extractOutput);
        return new ActivationSource(model.compatibilityKey(), model.fingerprint(), readingOf(extractOutput), pooling,
                layer);
    }

    /** The reading recorded in an extract output's marker, or {@value #UNKNOWN_READING}. */
    public static String readingOf(Path extractOutput) throws IOException {
        return readingOf(org.musicrfm.io.Location.of(extractOutput));
    }

    /** As {@link #readingOf(Path)} for an output on any file system {@link org.musicrfm.io.Storage} reaches. */
    public static String readingOf(org.musicrfm.io.Location extractOutput) throws IOException {
        org.musicrfm.io.Location marker = extractOutput.resolve(EXTRACT_MARKER);
        org.musicrfm.io.Storage storage = org.musicrfm.io.Storage.get();
        if (!storage.isFile(marker)) {
            return UNKNOWN_READING;
        }
        try {
            JsonObject root = JsonParser.parseString(storage.readString(marker)).getAsJsonObject();
            JsonObject config = root.getAsJsonObject("config");
            JsonElement r = config == null ? null : config.get("reading");
            return r == null || r.isJsonNull() ? UNKNOWN_READING : r.getAsString();
        } catch (RuntimeException e) {
            throw new IOException(marker + " is not a readable job marker: " + e.getMessage(), e);
        }
    }
}
