package org.musicrfm.model.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Hugging Face snapshot folder: {@code config.json} plus weights as one safetensors file, sharded
 * safetensors ({@code model.safetensors.index.json}), one PyTorch {@code .bin} zip or sharded
 * {@code .bin} ({@code pytorch_model.bin.index.json}). Tensor names are unified: weight norm stored
 * as {@code X.parametrizations.weight.original0/1} is exposed as {@code X.weight_g/weight_v}
 * (see {@link WeightNormNames}), so every layout of the same weights has the same names.
 * Opening validates every header (and every index entry) up front; reads are safe from several
 * threads at once. Close it to release the files.
 */
public final class Checkpoint implements TensorSource {

    /** How the weights are stored. */
    public enum Layout {
        SAFETENSORS("model.safetensors"),
        SAFETENSORS_SHARDED("model.safetensors.index.json"),
        TORCH_BIN("pytorch_model.bin"),
        TORCH_BIN_SHARDED("pytorch_model.bin.index.json");

        private final String fileName;

        Layout(String fileName) {
            this.fileName = fileName;
        }

        /** The file whose presence identifies the layout. */
        public String fileName() {
            return fileName;
        }
    }

    private record Location(TensorSource source, String storedName) {}

    private final Path folder;
    private final JsonObject config;
    private final Layout layout;
    private final List<Path> weightFiles;
    private final List<TensorSource> shards;
    private final Map<String, Location> tensors;

    private Checkpoint(Path folder, JsonObject config, Layout layout, List<Path> weightFiles,
                       List<TensorSource> shards, Map<String, Location> tensors) {
        this.folder = folder;
        this.config = config;
        this.layout = layout;
        this.weightFiles = weightFiles;
        this.shards = shards;
        this.tensors = tensors;
    }

    /** Opens a snapshot folder; a missing config, weight file or shard is an error naming it. */
    public static Checkpoint open(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "checkpoint folder does not exist");
        }
        JsonObject config = readJsonObject(folder.resolve("config.json"), "missing config.json in " + folder);
        Layout layout = null;
        for (Layout l : Layout.values()) {
            if (Files.isRegularFile(folder.resolve(l.fileName()))) {
                layout = l;
                break;
            }
        }
        if (layout == null) {
            throw new IOException("no weights in " + folder + ": expected one of model.safetensors, "
                    + "model.safetensors.index.json, pytorch_model.bin, pytorch_model.bin.index.json");
        }
        Map<Path, List<String>> expected = new LinkedHashMap<>();
        switch (layout) {
            case SAFETENSORS, TORCH_BIN -> expected.put(folder.resolve(layout.fileName()), null);
            default -> expected.putAll(readIndex(folder, folder.resolve(layout.fileName())));
        }
        List<TensorSource> shards = new ArrayList<>();
        Map<String, Location> tensors = new TreeMap<>();
        try {
            for (Map.Entry<Path, List<String>> e : expected.entrySet()) {
                TensorSource shard = openShard(e.getKey());
                shards.add(shard);
                if (e.getValue() != null) {
                    for (String name : e.getValue()) {
                        if (!shard.names().contains(name)) {
                            throw new IOException("tensor " + name + " listed in " + folder.resolve(layout.fileName())
                                    + " is missing from shard " + e.getKey());
                        }
                    }
                }
                for (String stored : shard.names()) {
                    String unified = WeightNormNames.canonical(stored);
                    Location previous = tensors.put(unified, new Location(shard, stored));
                    if (previous != null) {
                        throw new IOException("tensor " + unified + " appears twice in " + folder + " (as "
                                + previous.storedName() + " in " + previous.source() + " and as " + stored
                                + " in " + shard + ")");
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            for (TensorSource s : shards) {
                try {
                    s.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        return new Checkpoint(folder, config, layout, List.copyOf(expected.keySet()), List.copyOf(shards),
                Collections.unmodifiableMap(tensors));
    }

    private static TensorSource openShard(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "weight file missing");
        }
        String name = file.getFileName().toString();
        return name.endsWith(".safetensors") ? SafetensorsFile.open(file) : TorchBinFile.open(file);
    }

    /** shard file → tensor names it must hold, in index order. */
    private static Map<Path, List<String>> readIndex(Path folder, Path index) throws IOException {
        JsonObject root = readJsonObject(index, "missing index " + index);
        JsonElement map = root.get("weight_map");
        if (map == null || !map.isJsonObject()) {
            throw new IOException(index + ": no \"weight_map\" object");
        }
        Map<Path, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : map.getAsJsonObject().entrySet()) {
            if (!e.getValue().isJsonPrimitive()) {
                throw new IOException(index + ": weight_map entry " + e.getKey() + " is not a file name");
            }
            String shardName = e.getValue().getAsString();
            Path shard = folder.resolve(shardName).normalize();
            if (!shard.getParent().equals(folder.normalize()) ) {
                throw new IOException(index + ": shard '" + shardName + "' is not a file in " + folder);
            }
            if (!Files.isRegularFile(shard)) {
                throw new NoSuchFileException(shard.toString(), null,
                        "shard listed in " + index + " (for tensor " + e.getKey() + ") is missing");
            }
            out.computeIfAbsent(shard, k -> new ArrayList<>()).add(e.getKey());
        }
        if (out.isEmpty()) {
            throw new IOException(index + ": empty weight_map");
        }
        return out;
    }

    static JsonObject readJsonObject(Path file, String missingMessage) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, missingMessage);
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) {
                throw new IOException(file + ": not a JSON object");
            }
            return e.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(file + ": invalid JSON: " + e.getMessage(), e);
        }
    }

    /** The snapshot folder. */
    public Path folder() {
        return folder;
    }

    /** The parsed {@code config.json} (do not modify). */
    public JsonObject config() {
        return config;
    }

    /** How the weights are stored. */
    public Layout layout() {
        return layout;
    }

    /** The weight files (shards) in index order. */
    public List<Path> weightFiles() {
        return weightFiles;
    }

    /** Unified tensor names, sorted. */
    @Override
    public Set<String> names() {
        return tensors.keySet();
    }

    /** True when the checkpoint holds the tensor (unified name). */
    public boolean has(String name) {
        return tensors.containsKey(name);
    }

    /** The name the tensor is stored under in its file. */
    public String storedName(String name) {
        return location(name).storedName();
    }

    @Override
    public TensorInfo info(String name) {
        Location l = location(name);
        TensorInfo stored = l.source().info(l.storedName());
        return new TensorInfo(name, stored.dtype(), stored.shape());
    }

    @Override
    public float[] readFloats(String name) throws IOException {
        Location l = location(name);
        return l.source().readFloats(l.storedName());
    }

    @Override
    public long[] readLongs(String name) throws IOException {
        Location l = location(name);
        return l.source().readLongs(l.storedName());
    }

    /**
     * The tensor as float32, checked against the expected shape; the error names the tensor, the
     * folder and both shapes.
     */
    public float[] require(String name, long... expectedShape) throws IOException {
        checkShape(name, expectedShape);
        return readFloats(name);
    }

    /** An integer tensor as longs, checked against the expected shape. */
    public long[] requireLongs(String name, long... expectedShape) throws IOException {
        checkShape(name, expectedShape);
        return readLongs(name);
    }

    private void checkShape(String name, long[] expectedShape) {
        long[] found = info(name).shape();
        if (!Arrays.equals(found, expectedShape)) {
            throw new IllegalArgumentException("tensor " + name + " in " + folder + ": expected shape "
                    + Arrays.toString(expectedShape) + ", found " + Arrays.toString(found));
        }
    }

    private Location location(String name) {
        Location l = tensors.get(name);
        if (l == null) {
            throw new IllegalArgumentException("missing tensor " + name + " in " + folder);
        }
        return l;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (TensorSource s : shards) {
            try {
                s.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "Checkpoint[" + folder + ", " + layout + ", " + tensors.size() + " tensors]";
    }
}
