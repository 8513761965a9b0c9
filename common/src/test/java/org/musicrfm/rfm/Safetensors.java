package org.musicrfm.rfm;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;

/** Minimal safetensors reader for the float64 RFM fixtures: u64 LE header length, JSON, raw LE data. */
final class Safetensors {

    private final Path path;
    private final JsonObject header;
    private final ByteBuffer data;
    private final Map<String, String> metadata = new HashMap<>();

    private Safetensors(Path path) throws IOException {
        this.path = path;
        byte[] all = Files.readAllBytes(path);
        ByteBuffer bb = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        long len = bb.getLong(0);
        this.header = JsonParser.parseString(new String(all, 8, (int) len, StandardCharsets.UTF_8)).getAsJsonObject();
        this.data = ByteBuffer.wrap(all, 8 + (int) len, all.length - 8 - (int) len).slice().order(ByteOrder.LITTLE_ENDIAN);
        if (header.has("__metadata__")) {
            for (Map.Entry<String, JsonElement> e : header.getAsJsonObject("__metadata__").entrySet()) {
                metadata.put(e.getKey(), e.getValue().getAsString());
            }
        }
    }

    static Safetensors read(Path path) throws IOException {
        return new Safetensors(path);
    }

    String meta(String key) {
        return metadata.get(key);
    }

    boolean has(String name) {
        return header.has(name);
    }

    /** A 1-D or 2-D F64 tensor as a matrix (1-D → n×1). */
    Mat matrix(String name, Precision p) {
        if (!header.has(name)) {
            throw new IllegalArgumentException(path + ": no tensor " + name);
        }
        JsonObject t = header.getAsJsonObject(name);
        if (!"F64".equals(t.get("dtype").getAsString())) {
            throw new IllegalArgumentException(path + ": tensor " + name + " is " + t.get("dtype") + ", expected F64");
        }
        var shape = t.getAsJsonArray("shape");
        int rows = shape.get(0).getAsInt();
        int cols = shape.size() > 1 ? shape.get(1).getAsInt() : 1;
        long start = t.getAsJsonArray("data_offsets").get(0).getAsLong();
        double[] v = new double[rows * cols];
        for (int k = 0; k < v.length; k++) {
            v[k] = data.getDouble((int) start + 8 * k);
        }
        return Mat.fromRowMajor(rows, cols, v, p);
    }

    double[] vector(String name) {
        return matrix(name, Precision.FLOAT64).toDoubles();
    }
}
