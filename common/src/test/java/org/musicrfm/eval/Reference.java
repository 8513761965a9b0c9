package org.musicrfm.eval;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The embedding sets and SciPy/NumPy values of {@code eval/reference.json} (made by make_reference.py beside it). */
record Reference(String name, double[][] x, double[][] y, double fd, double mmd2Median, double sigmaMedian,
                 double mmd2Fixed2) {

    static List<Reference> load() {
        try (Reader r = new InputStreamReader(Reference.class.getResourceAsStream("/eval/reference.json"),
                StandardCharsets.UTF_8)) {
            JsonObject root = JsonParser.parseReader(r).getAsJsonObject();
            List<Reference> out = new ArrayList<>();
            for (JsonElement e : root.getAsJsonArray("cases")) {
                JsonObject c = e.getAsJsonObject();
                out.add(new Reference(c.get("name").getAsString(), rows(c.getAsJsonArray("x")), rows(c.getAsJsonArray("y")),
                        c.get("fd").getAsDouble(), c.get("mmd2_median").getAsDouble(), c.get("sigma_median").getAsDouble(),
                        c.get("mmd2_fixed2").getAsDouble()));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /eval/reference.json", e);
        }
    }

    private static double[][] rows(JsonArray a) {
        double[][] out = new double[a.size()][];
        for (int i = 0; i < out.length; i++) {
            JsonArray r = a.get(i).getAsJsonArray();
            out[i] = new double[r.size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = r.get(j).getAsDouble();
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return name;
    }
}
