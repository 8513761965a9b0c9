package org.musicrfm.steering;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;
import org.musicrfm.model.io.Dtype;
import org.musicrfm.model.io.ModelIdentity;
import org.musicrfm.model.io.SafetensorsFile;
import org.musicrfm.model.io.SafetensorsWriter;
import org.musicrfm.model.io.TensorInfo;
import org.musicrfm.model.musicgen.MusicgenConfig;
import org.musicrfm.model.io.Checkpoint;

/**
 * The portable direction file of one concept, holding every class: per class and layer the probe's
 * eigenvectors and eigenvalues, the layer scores, the probe's hyperparameters and metrics, and
 * {@link PackProvenance provenance}. A safetensors file: tensors {@code <class>.layer<l>.vectors}
 * {@code [n, H]} and {@code <class>.layer<l>.eigenvalues} {@code [n]} (float32), and in
 * {@code __metadata__} the keys {@code format} ({@value #FORMAT}), {@code format_version} and
 * {@value #METADATA_KEY} (JSON: concept, provenance, score metric, classes in order with per-layer
 * score, components, hyperparameters and metrics). From Python:
 * {@code json.loads(safe_open(f, "np").metadata()["musicrfm.pack"])}.
 *
 * <p>A pack is refused on a model whose {@link ModelIdentity#compatibilityKey() compatibility key}
 * differs (another architecture or hidden size); the same weights in another checkpoint layout share
 * the key and are accepted. The fingerprint is recorded, not enforced.
 */
public final class SteeringPack {

    public static final String FORMAT = "musicrfm.steering-pack";
    public static final String METADATA_KEY = "musicrfm.pack";
    public static final int FORMAT_VERSION = 1;

    private final PackProvenance provenance;
    private final String scoreMetric;
    private final boolean lowerIsBetter;
    private final Map<String, SortedMap<Integer, LayerDirection>> classes; // insertion order
    private final Path file; // null when built in memory or read from another file system
    private final String origin; // where it was read from, null when built in memory

    private SteeringPack(PackProvenance provenance, String scoreMetric, boolean lowerIsBetter,
                         Map<String, SortedMap<Integer, LayerDirection>> classes, Path file) {
        this(provenance, scoreMetric, lowerIsBetter, classes, file, file == null ? null : file.toString());
    }

    private SteeringPack(PackProvenance provenance, String scoreMetric, boolean lowerIsBetter,
                         Map<String, SortedMap<Integer, LayerDirection>> classes, Path file, String origin) {
        this.provenance = provenance;
        this.scoreMetric = scoreMetric;
        this.lowerIsBetter = lowerIsBetter;
        this.classes = classes;
        this.file = file;
        this.origin = origin;
    }

    /**
     * Starts a pack for {@code concept} trained on the model with {@code identity}, whose decoder has
     * {@code numLayers} blocks of width {@code hiddenSize}.
     */
    public static Builder builder(String concept, ModelIdentity identity, int hiddenSize, int numLayers) {
        return new Builder(concept, identity, hiddenSize, numLayers);
    }

    public PackProvenance provenance() {
        return provenance;
    }

    public String concept() {
        return provenance.concept();
    }

    /** The local file this pack was read from, or null (built in memory, or read from another file system). */
    public Path file() {
        return file;
    }

    /** Class labels in their stored order. */
    public List<String> classes() {
        return List.copyOf(classes.keySet());
    }

    public String scoreMetric() {
        return scoreMetric;
    }

    public boolean lowerIsBetter() {
        return lowerIsBetter;
    }

    /**
     * Per-layer directions of class {@code label}; pitch classes may be named (C, C#, Db) or
     * numbered (0–11), whichever form the pack stores.
     */
    public SortedMap<Integer, LayerDirection> layers(String label) {
        String name = ClassLabels.find(classes.keySet(), label);
        SortedMap<Integer, LayerDirection> c = name == null ? null : classes.get(name);
        if (c == null) {
            throw new IllegalArgumentException("steering pack " + where() + " (concept " + concept() + ") has no class '"
                    + label + "'; classes: " + String.join(", ", classes.keySet()));
        }
        return Collections.unmodifiableSortedMap(c);
    }

    /** The steering vectors of class {@code label} per layer: the sum of {@code components} (usually just 0). */
    public SortedMap<Integer, float[]> vectors(String label, int... components) {
        SortedMap<Integer, float[]> out = new TreeMap<>();
        layers(label).forEach((l, d) -> out.put(l, d.combined(components)));
        return out;
    }

    /** Layer scores of class {@code label}. */
    public LayerScores scores(String label) {
        SortedMap<Integer, Double> s = new TreeMap<>();
        layers(label).forEach((l, d) -> {
            if (Double.isFinite(d.score())) {
                s.put(l, d.score());
            }
        });
        return new LayerScores(s, scoreMetric, lowerIsBetter);
    }

    /** Throws {@link IncompatiblePackException} naming both compatibility keys when the model differs. */
    public void requireCompatible(ModelIdentity model) {
        if (!provenance.compatibilityKey().equals(model.compatibilityKey())) {
            throw new IncompatiblePackException(incompatible(model.compatibilityKey(), "the model"));
        }
    }

    /** Reads {@code packFile} and checks it against the checkpoint folder {@code modelFolder}. */
    public static SteeringPack load(Path packFile, Path modelFolder) throws IOException {
        SteeringPack pack = read(packFile);
        ModelIdentity id = ModelIdentity.of(modelFolder);
        if (!pack.provenance.compatibilityKey().equals(id.compatibilityKey())) {
            String dims;
            try (Checkpoint c = Checkpoint.open(modelFolder)) {
                var d = MusicgenConfig.from(c.config()).decoder();
                dims = ", hidden size " + d.hiddenSize() + ", " + d.numHiddenLayers() + " layers";
            } catch (RuntimeException e) {
                dims = "";
            }
            throw new IncompatiblePackException(pack.incompatible(id.compatibilityKey(), "model " + modelFolder + dims));
        }
        return pack;
    }

    private String incompatible(String modelKey, String model) {
        return "steering pack " + where() + " (concept " + concept() + ") was made for model "
                + (provenance.modelName() == null ? "?" : provenance.modelName()) + " with compatibility key "
                + provenance.compatibilityKey() + " (hidden size " + provenance.hiddenSize() + ", "
                + provenance.numLayers() + " layers), but " + model + " has compatibility key " + modelKey
                + ": another architecture or size; train a pack on this model";
    }

    private String where() {
        return origin == null ? "(in memory)" : origin;
    }

    /** Writes the pack to {@code out} (atomically: a temporary sibling renamed into place). */
    public void write(Path out) throws IOException {
        write(Location.of(out));
    }

    /** As {@link #write(Path)} on any file system {@link org.musicrfm.io.Storage} reaches. */
    public void write(Location out) throws IOException {
        List<TensorInfo> infos = new ArrayList<>();
        for (var c : classes.entrySet()) {
            for (var l : c.getValue().entrySet()) {
                LayerDirection d = l.getValue();
                infos.add(new TensorInfo(vectorsName(c.getKey(), l.getKey()), Dtype.F32.name(),
                        new long[] {d.components(), d.hiddenSize()}));
                infos.add(new TensorInfo(eigenvaluesName(c.getKey(), l.getKey()), Dtype.F32.name(),
                        new long[] {d.components()}));
            }
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("format_version", Integer.toString(FORMAT_VERSION));
        meta.put(METADATA_KEY, metadataJson().toString());
        org.musicrfm.io.Storage.get().write(out, tmp -> {
            try (SafetensorsWriter w = SafetensorsWriter.create(tmp, infos, meta)) {
                for (var c : classes.entrySet()) {
                    for (var l : c.getValue().entrySet()) {
                        float[][] v = l.getValue().vectors();
                        float[] flat = new float[v.length * v[0].length];
                        for (int i = 0; i < v.length; i++) {
                            System.arraycopy(v[i], 0, flat, i * v[0].length, v[0].length);
                        }
                        w.writeFloats(vectorsName(c.getKey(), l.getKey()), flat);
                        w.writeFloats(eigenvaluesName(c.getKey(), l.getKey()), l.getValue().eigenvalues());
                    }
                }
            }
        });
    }

    static String vectorsName(String label, int layer) {
        return label + ".layer" + layer + ".vectors";
    }

    static String eigenvaluesName(String label, int layer) {
        return label + ".layer" + layer + ".eigenvalues";
    }

    private JsonObject metadataJson() {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("format_version", FORMAT_VERSION);
        root.addProperty("concept", concept());
        JsonObject p = new JsonObject();
        p.addProperty("model_name", provenance.modelName());
        p.addProperty("compatibility_key", provenance.compatibilityKey());
        p.addProperty("fingerprint", provenance.fingerprint());
        p.addProperty("hidden_size", provenance.hiddenSize());
        p.addProperty("num_layers", provenance.numLayers());
        p.addProperty("dataset", provenance.dataset());
        p.addProperty("concept", provenance.concept());
        p.addProperty("split_seed", provenance.splitSeed());
        p.addProperty("software_version", provenance.softwareVersion());
        if (!provenance.training().isEmpty()) {
            JsonObject t = new JsonObject();
            provenance.training().forEach(t::addProperty);
            p.add("training", t);
        }
        root.add("provenance", p);
        root.addProperty("score_metric", scoreMetric);
        root.addProperty("lower_is_better", lowerIsBetter);
        JsonArray cs = new JsonArray();
        for (var c : classes.entrySet()) {
            JsonObject co = new JsonObject();
            co.addProperty("label", c.getKey());
            JsonObject layers = new JsonObject();
            for (var l : c.getValue().entrySet()) {
                LayerDirection d = l.getValue();
                JsonObject lo = new JsonObject();
                if (Double.isFinite(d.score())) {
                    lo.addProperty("score", d.score());
                }
                lo.addProperty("components", d.components());
                lo.add("hyperparameters", numbers(d.hyperparameters()));
                lo.add("metrics", numbers(d.metrics()));
                layers.add(Integer.toString(l.getKey()), lo);
            }
            co.add("layers", layers);
            cs.add(co);
        }
        root.add("classes", cs);
        return root;
    }

    private static JsonObject numbers(Map<String, Double> m) {
        JsonObject o = new JsonObject();
        m.forEach(o::addProperty);
        return o;
    }

    /**
     * Reads a pack file on any file system {@link Storage} reaches (one elsewhere than the local disk from a
     * local temporary copy, as safetensors are mapped into memory); no compatibility check.
     */
    public static SteeringPack read(Location file) throws IOException {
        if (file.isLocal()) {
            return read(file.localPath());
        }
        SteeringPack p = Storage.get().readLocally(file, SteeringPack::read);
        return new SteeringPack(p.provenance, p.scoreMetric, p.lowerIsBetter, p.classes, null, file.toString());
    }

    /** Reads a pack file (no compatibility check: see {@link #requireCompatible} and {@link #load}). */
    public static SteeringPack read(Path file) throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            String format = f.metadata().get("format");
            String json = f.metadata().get(METADATA_KEY);
            if (!FORMAT.equals(format) || json == null) {
                throw new IOException(file + " is not a steering pack: __metadata__ has format " + format
                        + " and " + (json == null ? "no " : "") + METADATA_KEY + " (expected format " + FORMAT + ")");
            }
            try {
                JsonObject root = JsonParser.parseString(json).getAsJsonObject();
                int version = root.get("format_version").getAsInt();
                if (version > FORMAT_VERSION) {
                    throw new IOException(file + ": steering pack format version " + version + " is newer than this "
                            + "software reads (" + FORMAT_VERSION + ")");
                }
                JsonObject p = root.getAsJsonObject("provenance");
                PackProvenance prov = new PackProvenance(string(p, "model_name"), string(p, "compatibility_key"),
                        string(p, "fingerprint"), p.get("hidden_size").getAsInt(), p.get("num_layers").getAsInt(),
                        string(p, "dataset"), string(p, "concept"),
                        p.has("split_seed") && !p.get("split_seed").isJsonNull() ? p.get("split_seed").getAsLong() : null,
                        string(p, "software_version"), training(p));
                Map<String, SortedMap<Integer, LayerDirection>> classes = new LinkedHashMap<>();
                for (JsonElement ce : root.getAsJsonArray("classes")) {
                    JsonObject co = ce.getAsJsonObject();
                    String label = co.get("label").getAsString();
                    SortedMap<Integer, LayerDirection> layers = new TreeMap<>();
                    for (var le : co.getAsJsonObject("layers").entrySet()) {
                        int layer = Integer.parseInt(le.getKey());
                        JsonObject lo = le.getValue().getAsJsonObject();
                        layers.put(layer, readLayer(f, file, label, layer, lo, prov.hiddenSize()));
                    }
                    classes.put(label, layers);
                }
                return new SteeringPack(prov, root.get("score_metric").getAsString(),
                        root.get("lower_is_better").getAsBoolean(), classes, file);
            } catch (RuntimeException e) {
                throw new IOException(file + ": malformed steering pack metadata (" + e.getMessage() + ")", e);
            }
        }
    }

    private static LayerDirection readLayer(SafetensorsFile f, Path file, String label, int layer, JsonObject lo,
                                            int hidden) throws IOException {
        String vn = vectorsName(label, layer);
        String en = eigenvaluesName(label, layer);
        int n = lo.get("components").getAsInt();
        long[] vs = f.info(vn).shape();
        long[] es = f.info(en).shape();
        if (vs.length != 2 || vs[0] != n || vs[1] != hidden || es.length != 1 || es[0] != n) {
            throw new IOException(file + ": tensor " + vn + " has shape " + java.util.Arrays.toString(vs) + " and " + en
                    + " " + java.util.Arrays.toString(es) + ", expected [" + n + ", " + hidden + "] and [" + n + "]");
        }
        float[] flat = f.readFloats(vn);
        float[][] v = new float[n][hidden];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * hidden, v[i], 0, hidden);
        }
        double score = lo.has("score") ? lo.get("score").getAsDouble() : Double.NaN;
        return new LayerDirection(v, f.readFloats(en), score, doubles(lo.getAsJsonObject("hyperparameters")),
                doubles(lo.getAsJsonObject("metrics")));
    }

    private static SortedMap<String, Double> doubles(JsonObject o) {
        SortedMap<String, Double> m = new TreeMap<>();
        if (o != null) {
            o.entrySet().forEach(e -> m.put(e.getKey(), e.getValue().getAsDouble()));
        }
        return m;
    }

    private static SortedMap<String, String> training(JsonObject p) {
        SortedMap<String, String> out = new TreeMap<>();
        if (p.has("training") && p.get("training").isJsonObject()) {
            p.getAsJsonObject("training").entrySet().forEach(e -> out.put(e.getKey(), e.getValue().getAsString()));
        }
        return out;
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    /** The software version written into packs and sidecars: the project version. */
    public static String softwareVersion() {
        return org.musicrfm.Version.get();
    }

    /** Collects classes; the training job writes packs through it. */
    public static final class Builder {
        private final String concept;
        private final ModelIdentity identity;
        private final int hiddenSize;
        private final int numLayers;
        private String modelName;
        private String dataset;
        private Long splitSeed;
        private SortedMap<String, String> training;
        private String softwareVersion = SteeringPack.softwareVersion();
        private String scoreMetric = "accuracy";
        private boolean lowerIsBetter;
        private final Map<String, SortedMap<Integer, LayerDirection>> classes = new LinkedHashMap<>();

        private Builder(String concept, ModelIdentity identity, int hiddenSize, int numLayers) {
            if (identity == null) {
                throw new IllegalArgumentException("steering pack " + concept + ": model identity is null");
            }
            this.concept = concept;
            this.identity = identity;
            this.hiddenSize = hiddenSize;
            this.numLayers = numLayers;
        }

        public Builder modelName(String name) {
            this.modelName = name;
            return this;
        }

        public Builder dataset(String name) {
            this.dataset = name;
            return this;
        }

        public Builder splitSeed(long seed) {
            this.splitSeed = seed;
            return this;
        }

        /** How the probes were trained: pooling, reading, label, trials, seeds, the activation table's fingerprint. */
        public Builder training(Map<String, String> fields) {
            this.training = new TreeMap<>(fields);
            return this;
        }

        public Builder softwareVersion(String version) {
            this.softwareVersion = version;
            return this;
        }

        /** The validation metric of the layer scores ({@code accuracy}, {@code auc}, {@code mse}, …). */
        public Builder scoring(String metric, boolean lowerBetter) {
            this.scoreMetric = metric;
            this.lowerIsBetter = lowerBetter;
            return this;
        }

        /** Adds class {@code label} with its per-layer directions (block index → direction). */
        public Builder addClass(String label, Map<Integer, LayerDirection> layers) {
            if (label == null || label.isEmpty()) {
                throw new IllegalArgumentException("steering pack " + concept + ": empty class label");
            }
            if (classes.containsKey(label)) {
                throw new IllegalArgumentException("steering pack " + concept + ": class '" + label + "' added twice");
            }
            if (layers.isEmpty()) {
                throw new IllegalArgumentException("steering pack " + concept + ": class '" + label + "' has no layers");
            }
            for (var e : layers.entrySet()) {
                if (e.getKey() < 0 || e.getKey() >= numLayers) {
                    throw new IllegalArgumentException("steering pack " + concept + ": class '" + label + "' layer "
                            + e.getKey() + " outside 0.." + (numLayers - 1));
                }
                if (e.getValue().hiddenSize() != hiddenSize) {
                    throw new IllegalArgumentException("steering pack " + concept + ": class '" + label + "' layer "
                            + e.getKey() + " vectors have length " + e.getValue().hiddenSize() + ", the model's hidden size is "
                            + hiddenSize);
                }
            }
            classes.put(label, new TreeMap<>(layers));
            return this;
        }

        public SteeringPack build() {
            if (classes.isEmpty()) {
                throw new IllegalArgumentException("steering pack " + concept + " has no classes");
            }
            PackProvenance p = new PackProvenance(modelName, identity.compatibilityKey(), identity.fingerprint(), hiddenSize,
                    numLayers, dataset, concept, splitSeed, softwareVersion, training);
            return new SteeringPack(p, scoreMetric, lowerIsBetter, new LinkedHashMap<>(classes), null);
        }

        /** Builds and writes to {@code out}; returns the pack. */
        public SteeringPack write(Path out) throws IOException {
            return write(Location.of(out));
        }

        /** Builds and writes to {@code out} on any file system {@link org.musicrfm.io.Storage} reaches; returns the pack. */
        public SteeringPack write(Location out) throws IOException {
            SteeringPack p = build();
            p.write(out);
            return p;
        }
    }
}
