package org.musicrfm.eval;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;
import org.musicrfm.model.io.Dtype;
import org.musicrfm.model.io.SafetensorsFile;
import org.musicrfm.model.io.SafetensorsWriter;
import org.musicrfm.model.io.TensorInfo;
import org.musicrfm.rfm.ClassProbabilities;
import org.musicrfm.rfm.backend.KernelSpec;
import org.musicrfm.rfm.ProbabilityMode;
import org.musicrfm.rfm.backend.CpuBackend;
import org.musicrfm.rfm.backend.KernelPredictor;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Parallel;
import org.musicrfm.rfm.linalg.Precision;
import org.musicrfm.rfm.probe.ProbeKind;

/**
 * A fitted RFM probe that classifies (or, for tempo, regresses) new activations of one layer:
 * f(q) = Σᵢ αᵢ exp(−‖q − xᵢ‖_M^ε / L^ε) over its training points xᵢ, on raw pooled activations
 * (no feature standardisation). Class probabilities are the softmax of the outputs by default
 * ({@link ProbabilityMode}); a regression output is un-z-scored with the training targets' mean
 * and standard deviation.
 *
 * <p>File: a safetensors file with tensors {@code train_points} [n, d], {@code coefficients}
 * [n, c] and {@code m} [d, d] or {@code m_diagonal} [d] (absent for M = I) in the precision of
 * the fit, {@code test_outputs} [n_test, c] (F64: the training job's raw outputs on its test split),
 * and in {@code __metadata__} {@code format} ({@value #FORMAT}) and {@value #METADATA_KEY}: JSON
 * with the kernel, bandwidth, exponent, ridge, centring, class names, target standardisation,
 * scores, test clip ids and {@link ProbeProvenance}. The same JSON is written beside it as
 * {@code <file>.json}.
 */
public final class Probe {

    public static final String FORMAT = "musicrfm.probe";
    public static final String METADATA_KEY = "musicrfm.probe";
    public static final int FORMAT_VERSION = 1;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    /**
     * The fitted machine and how it was chosen.
     *
     * @param m            null for M = I, d × 1 for a diagonal M, d × d otherwise
     * @param targetMean   training mean of a regression target (NaN for classes)
     * @param targetStd    training standard deviation of a regression target (NaN for classes)
     * @param testOutputs  the training job's raw outputs on its test clips (may be null)
     */
    public record Fit(ProbeKind kind, List<String> classes, double targetMean, double targetStd, KernelSpec kernel,
                      double reg, boolean centerGrads, int bestIter, int trial, long trialSeed, Mat trainPoints,
                      Mat coefficients, Mat m, List<String> testClipIds, Mat testOutputs,
                      SortedMap<String, Double> scores) {

        public Fit {
            classes = List.copyOf(classes);
            if (kind == ProbeKind.BINARY) {
                throw new IllegalArgumentException("persisted probes are multiclass or regression, got binary");
            }
            int c = coefficients.cols();
            if (kind == ProbeKind.MULTICLASS && c != classes.size()) {
                throw new IllegalArgumentException("multiclass probe has " + c + " outputs for " + classes.size()
                        + " classes " + classes);
            }
            if (kind == ProbeKind.REGRESSION && (c != 1 || !(targetStd > 0))) {
                throw new IllegalArgumentException("regression probe needs one output and a positive target std, got "
                        + c + " outputs, std " + targetStd);
            }
            if (coefficients.rows() != trainPoints.rows()) {
                throw new IllegalArgumentException(coefficients.rows() + " coefficients for " + trainPoints.rows()
                        + " training points");
            }
        }
    }

    private final ProbeProvenance provenance;
    private final int layer;
    private final Fit fit;
    private final String file; // where it was read from, null when fitted in memory
    private KernelPredictor predictor;

    public Probe(ProbeProvenance provenance, int layer, Fit fit) {
        this(provenance, layer, fit, null);
    }

    private Probe(ProbeProvenance provenance, int layer, Fit fit, String file) {
        this.provenance = provenance;
        this.layer = layer;
        this.fit = fit;
        this.file = file;
    }

    public ProbeProvenance provenance() {
        return provenance;
    }

    public int layer() {
        return layer;
    }

    public Fit fit() {
        return fit;
    }

    public ProbeKind kind() {
        return fit.kind();
    }

    public List<String> classes() {
        return fit.classes();
    }

    /** Feature count d. */
    public int features() {
        return fit.trainPoints().cols();
    }

    /** Precision of the stored arrays and of prediction (that of the fit). */
    public Precision precision() {
        return fit.trainPoints().precision();
    }

    /**
     * Throws, naming both sides, unless activations from {@code source} are what this probe was
     * trained on: same model (compatibility key and fingerprint), reading, pooling and layer.
     */
    public void requireCompatible(ActivationSource source) {
        ProbeProvenance p = provenance;
        String what = "probe " + where() + " (" + p.concept() + ", layer " + layer + ")";
        if (!p.compatibilityKey().equals(source.compatibilityKey())) {
            throw new IllegalArgumentException(what + " was trained on model " + p.modelName() + " with compatibility key "
                    + p.compatibilityKey() + " (hidden size " + p.hiddenSize() + ", " + p.numLayers()
                    + " layers), but the activations come from a model with compatibility key "
                    + source.compatibilityKey() + ": another architecture or size");
        }
        if (p.fingerprint() != null && !p.fingerprint().equals(source.fingerprint())) {
            throw new IllegalArgumentException(what + " was trained on model fingerprint " + p.fingerprint()
                    + ", but the activations come from fingerprint " + source.fingerprint() + ": other weights or dtypes");
        }
        if (!p.reading().equals(source.reading())) {
            throw new IllegalArgumentException(what + " was trained on the '" + p.reading() + "' reading, but the activations"
                    + " were read with '" + source.reading() + "'");
        }
        if (!p.pooling().equals(source.pooling())) {
            throw new IllegalArgumentException(what + " was trained on '" + p.pooling() + "' pooling, but the activations"
                    + " are pooled with '" + source.pooling() + "'");
        }
        if (layer != source.layer()) {
            throw new IllegalArgumentException(what + " reads block " + layer + ", but the activations are of block "
                    + source.layer());
        }
    }

    /** Raw outputs at the rows of x (n × d): n × c, FLOAT64 (z-scored for regression). No source check. */
    public Mat outputs(Mat x) {
        if (x.cols() != features()) {
            throw new IllegalArgumentException("activations have " + x.cols() + " features, probe " + where()
                    + " expects " + features());
        }
        return predictor().predict(backend().points(x));
    }

    /** Class probabilities (softmax) of activations from {@code source}. */
    public double[][] probabilities(ActivationSource source, Mat x) {
        return probabilities(source, x, ProbabilityMode.SOFTMAX);
    }

    /** Class probabilities under {@code mode} of activations from {@code source}. */
    public double[][] probabilities(ActivationSource source, Mat x, ProbabilityMode mode) {
        requireClasses();
        requireCompatible(source);
        return ClassProbabilities.of(outputs(x), mode);
    }

    /** Predicted class indices (argmax of the outputs) of activations from {@code source}. */
    public int[] predict(ActivationSource source, Mat x) {
        requireClasses();
        requireCompatible(source);
        return ClassProbabilities.labels(outputs(x), ProbabilityMode.SOFTMAX);
    }

    /** Predicted target values (e.g. BPM) of a regression probe, un-z-scored. */
    public double[] regress(ActivationSource source, Mat x) {
        if (fit.kind() != ProbeKind.REGRESSION) {
            throw new IllegalStateException("probe " + where() + " is a " + fit.kind() + " probe, not a regression");
        }
        requireCompatible(source);
        return unscale(outputs(x));
    }

    /** z-scored regression outputs back in the target's unit. */
    public double[] unscale(Mat outputs) {
        double[] out = new double[outputs.rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = fit.targetMean() + fit.targetStd() * outputs.get(i, 0);
        }
        return out;
    }

    private void requireClasses() {
        if (fit.kind() != ProbeKind.MULTICLASS) {
            throw new IllegalStateException("probe " + where() + " is a regression probe: use regress");
        }
    }

    private CpuBackend backend() {
        return new CpuBackend(precision(), Parallel.shared());
    }

    private synchronized KernelPredictor predictor() {
        if (predictor == null) {
            predictor = backend().predictor(fit.trainPoints(), fit.m(), fit.coefficients(), fit.kernel());
        }
        return predictor;
    }

    private String where() {
        return file == null ? "(in memory)" : file;
    }

    /** The JSON sidecar of a probe file. */
    public static Path sidecar(Path probeFile) {
        return probeFile.resolveSibling(probeFile.getFileName() + ".json");
    }

    /** The JSON sidecar of a probe file. */
    public static Location sidecar(Location probeFile) {
        return probeFile.resolveSibling(probeFile.name() + ".json");
    }

    /** Writes the safetensors file (atomically) and its JSON sidecar. */
    public void write(Path out) throws IOException {
        write(Location.of(out));
    }

    /** Writes the safetensors file (atomically) and its JSON sidecar on any file system {@link Storage} reaches. */
    public void write(Location out) throws IOException {
        Dtype dtype = precision() == Precision.FLOAT64 ? Dtype.F64 : Dtype.F32;
        Map<String, Mat> tensors = new LinkedHashMap<>();
        tensors.put("train_points", fit.trainPoints());
        tensors.put("coefficients", fit.coefficients());
        if (fit.m() != null) {
            tensors.put(fit.m().cols() == 1 ? "m_diagonal" : "m", fit.m());
        }
        if (fit.testOutputs() != null) {
            tensors.put("test_outputs", fit.testOutputs());
        }
        List<TensorInfo> infos = new ArrayList<>();
        tensors.forEach((name, m) -> infos.add(new TensorInfo(name,
                name.equals("test_outputs") ? Dtype.F64.name() : dtype.name(),
                name.equals("m_diagonal") ? new long[] {m.rows()} : new long[] {m.rows(), m.cols()})));
        String json = GSON.toJson(metadata());
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("format_version", Integer.toString(FORMAT_VERSION));
        meta.put(METADATA_KEY, json);
        Storage storage = Storage.get();
        storage.write(out, tmp -> {
            try (SafetensorsWriter w = SafetensorsWriter.create(tmp, infos, meta)) {
                for (var e : tensors.entrySet()) {
                    w.writeDoubles(e.getKey(), e.getValue().toRowMajor());
                }
            }
        });
        storage.write(sidecar(out), json.getBytes(StandardCharsets.UTF_8));
    }

    private JsonObject metadata() {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("format_version", FORMAT_VERSION);
        root.addProperty("concept", provenance.concept());
        root.addProperty("layer", layer);
        root.addProperty("kind", fit.kind().name().toLowerCase());
        JsonArray cs = new JsonArray();
        fit.classes().forEach(cs::add);
        root.add("classes", cs);
        if (fit.kind() == ProbeKind.REGRESSION) {
            JsonObject z = new JsonObject();
            z.addProperty("mean", fit.targetMean());
            z.addProperty("std", fit.targetStd());
            root.add("target_standardisation", z);
        }
        root.addProperty("feature_standardisation", "none");
        root.addProperty("probabilities", "softmax");
        JsonObject k = new JsonObject();
        k.addProperty("type", "mahalanobis_laplace");
        k.addProperty("formula", "exp(-||x - z||_M^q / L^q)");
        k.addProperty("bandwidth", fit.kernel().bandwidth());
        k.addProperty("exponent", fit.kernel().exponent());
        k.addProperty("m", fit.m() == null ? "identity" : fit.m().cols() == 1 ? "diagonal" : "full");
        root.add("kernel", k);
        root.addProperty("reg", fit.reg());
        root.addProperty("center_grads", fit.centerGrads());
        root.addProperty("best_iter", fit.bestIter());
        root.addProperty("trial", fit.trial());
        root.addProperty("trial_seed", fit.trialSeed());
        root.addProperty("precision", precision().name().toLowerCase());
        root.addProperty("train_points", fit.trainPoints().rows());
        JsonObject s = new JsonObject();
        fit.scores().forEach(s::addProperty);
        root.add("scores", s);
        if (fit.testClipIds() != null) {
            JsonArray ids = new JsonArray();
            fit.testClipIds().forEach(ids::add);
            root.add("test_clip_ids", ids);
        }
        root.add("provenance", GSON.toJsonTree(provenance));
        return root;
    }

    /**
     * Reads a probe file on any file system {@link org.musicrfm.io.Storage} reaches (one elsewhere than the
     * local disk from a local temporary copy, as safetensors are mapped into memory).
     */
    public static Probe load(Location file) throws IOException {
        if (file.isLocal()) {
            return load(file.localPath());
        }
        Probe p = org.musicrfm.io.Storage.get().readLocally(file, Probe::load);
        return new Probe(p.provenance, p.layer, p.fit, file.toString());
    }

    /** Reads a probe file (checks against activations happen at prediction). */
    public static Probe load(Path file) throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            String json = f.metadata().get(METADATA_KEY);
            if (!FORMAT.equals(f.metadata().get("format")) || json == null) {
                throw new IOException(file + " is not a probe file: __metadata__ has format " + f.metadata().get("format")
                        + " (expected " + FORMAT + ")");
            }
            try {
                JsonObject root = JsonParser.parseString(json).getAsJsonObject();
                if (root.get("format_version").getAsInt() > FORMAT_VERSION) {
                    throw new IOException(file + ": probe format version " + root.get("format_version")
                            + " is newer than this software reads (" + FORMAT_VERSION + ")");
                }
                ProbeProvenance prov = GSON.fromJson(root.get("provenance"), ProbeProvenance.class);
                ProbeKind kind = ProbeKind.valueOf(root.get("kind").getAsString().toUpperCase());
                List<String> classes = new ArrayList<>();
                root.getAsJsonArray("classes").forEach(e -> classes.add(e.getAsString()));
                double mean = Double.NaN;
                double std = Double.NaN;
                if (root.has("target_standardisation")) {
                    mean = root.getAsJsonObject("target_standardisation").get("mean").getAsDouble();
                    std = root.getAsJsonObject("target_standardisation").get("std").getAsDouble();
                }
                Precision p = Precision.valueOf(root.get("precision").getAsString().toUpperCase());
                JsonObject k = root.getAsJsonObject("kernel");
                String mKind = k.get("m").getAsString();
                KernelSpec spec = mKind.equals("diagonal")
                        ? KernelSpec.mahalanobisDiagonal(k.get("bandwidth").getAsDouble(), k.get("exponent").getAsDouble())
                        : KernelSpec.mahalanobis(k.get("bandwidth").getAsDouble(), k.get("exponent").getAsDouble());
                Mat x = matrix(f, "train_points", p);
                Mat m = switch (mKind) {
                    case "identity" -> null;
                    case "diagonal" -> matrix(f, "m_diagonal", p);
                    default -> matrix(f, "m", p);
                };
                List<String> ids = null;
                if (root.has("test_clip_ids")) {
                    ids = new ArrayList<>();
                    for (JsonElement e : root.getAsJsonArray("test_clip_ids")) {
                        ids.add(e.getAsString());
                    }
                }
                SortedMap<String, Double> scores = new TreeMap<>();
                root.getAsJsonObject("scores").entrySet().forEach(e -> scores.put(e.getKey(), e.getValue().getAsDouble()));
                Fit fit = new Fit(kind, classes, mean, std, spec, root.get("reg").getAsDouble(),
                        root.get("center_grads").getAsBoolean(), root.get("best_iter").getAsInt(),
                        root.get("trial").getAsInt(), root.get("trial_seed").getAsLong(), x,
                        matrix(f, "coefficients", p), m, ids,
                        f.names().contains("test_outputs") ? matrix(f, "test_outputs", Precision.FLOAT64) : null, scores);
                return new Probe(prov, root.get("layer").getAsInt(), fit, file.toString());
            } catch (RuntimeException e) {
                throw new IOException(file + ": malformed probe metadata (" + e.getMessage() + ")", e);
            }
        }
    }

    private static Mat matrix(SafetensorsFile f, String name, Precision p) throws IOException {
        long[] shape = f.info(name).shape();
        int rows = (int) shape[0];
        int cols = shape.length == 1 ? 1 : (int) shape[1];
        return Mat.fromRowMajor(rows, cols, f.readDoubles(name), p);
    }
}
