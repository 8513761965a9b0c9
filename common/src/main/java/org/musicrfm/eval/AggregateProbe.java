package org.musicrfm.eval;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
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
import org.musicrfm.model.io.Dtype;
import org.musicrfm.model.io.SafetensorsFile;
import org.musicrfm.model.io.SafetensorsWriter;
import org.musicrfm.model.io.TensorInfo;
import org.musicrfm.rfm.ClassProbabilities;
import org.musicrfm.rfm.ProbabilityMode;
import org.musicrfm.rfm.aggregate.AggregateModel;
import org.musicrfm.rfm.aggregate.AggregateParams;
import org.musicrfm.rfm.aggregate.LayerProjection;
import org.musicrfm.rfm.backend.CpuBackend;
import org.musicrfm.rfm.backend.KernelPredictor;
import org.musicrfm.rfm.backend.KernelSpec;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Parallel;
import org.musicrfm.rfm.linalg.Precision;
import org.musicrfm.rfm.probe.ProbeKind;

/**
 * A persisted layer-aggregation classifier: each selected layer's pooled activations times its
 * probe's top-k AGOP eigenvectors, concatenated, then a K_{p,q} RFM
 * f(z) = Σᵢ αᵢ exp(−‖S(z − zᵢ)‖_p^q / L^q), S = M^{1/2}. Class probabilities are the softmax of
 * the outputs. Predictions from a loaded file equal those of the fitted {@link AggregateModel}.
 *
 * <p>File: a safetensors file (F64 tensors) with {@code projection.layer<ℓ>} [d, k_ℓ] per selected
 * layer, {@code train_points} [n, Σ k_ℓ] (the projected training clips), {@code coefficients}
 * [n, c] and {@code m} [Σ k_ℓ, Σ k_ℓ] (absent for M = I); in {@code __metadata__} {@code format}
 * ({@value #FORMAT}) and {@value #FORMAT}: JSON with the layers, the kernel (L, p, q), ridge,
 * centring, the winning trial, class names, scores and {@link ProbeProvenance} (its reading and
 * pooling are those of every layer). The JSON is also written beside it as {@code <file>.json}.
 */
public final class AggregateProbe {

    public static final String FORMAT = "musicrfm.aggregate";
    public static final int FORMAT_VERSION = 1;
    /** File-name suffix the evaluation looks for beside the probes. */
    public static final String SUFFIX = ".aggregate.safetensors";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    /**
     * The fitted machine.
     *
     * @param m null for M = I, else Σ k_ℓ × Σ k_ℓ
     */
    public record Fit(List<String> classes, LayerProjection projection, KernelSpec kernel, double reg,
                      boolean centerGrads, int bestIter, int trial, long trialSeed, Mat trainPoints, Mat coefficients,
                      Mat m, SortedMap<String, Double> scores) {

        public Fit {
            classes = List.copyOf(classes);
            scores = new TreeMap<>(scores);
            if (kernel.type() != KernelSpec.Type.LPQ) {
                throw new IllegalArgumentException("an aggregate model uses the K_{p,q} kernel, got " + kernel.type());
            }
            if (coefficients.cols() != classes.size() || classes.size() < 2) {
                throw new IllegalArgumentException("aggregate classifier has " + coefficients.cols() + " outputs for "
                        + classes.size() + " classes " + classes);
            }
            if (coefficients.rows() != trainPoints.rows()) {
                throw new IllegalArgumentException(coefficients.rows() + " coefficients for " + trainPoints.rows()
                        + " training points");
            }
            if (trainPoints.cols() != projection.width()) {
                throw new IllegalArgumentException("training points have " + trainPoints.cols()
                        + " features, the projection " + projection.width());
            }
        }
    }

    private final ProbeProvenance provenance;
    private final Fit fit;
    private final String file; // where it was read from, null when fitted in memory
    private KernelPredictor predictor;

    public AggregateProbe(ProbeProvenance provenance, Fit fit) {
        this(provenance, fit, null);
    }

    private AggregateProbe(ProbeProvenance provenance, Fit fit, String file) {
        this.provenance = provenance;
        this.fit = fit;
        this.file = file;
    }

    /**
     * The persistable form of a fitted multiclass aggregate.
     *
     * @param classes class names in output order
     */
    public static AggregateProbe of(AggregateModel model, List<String> classes, ProbeProvenance provenance) {
        if (model.kind() != ProbeKind.MULTICLASS) {
            throw new IllegalArgumentException("only multiclass aggregate models are persisted, got " + model.kind());
        }
        AggregateParams p = model.best().params();
        SortedMap<String, Double> scores = new TreeMap<>();
        scores.put("val_accuracy", model.best().val().accuracy());
        scores.put("test_accuracy", model.test().accuracy());
        Fit fit = new Fit(classes, model.projection(), KernelSpec.lpq(p.bandwidth(), p.p(), p.q()), p.reg(),
                p.centerGrads(), model.best().bestIter(), model.best().trial(), model.best().seed(),
                model.trainFeatures().to(Precision.FLOAT64), model.rfm().predictor().coefficients(),
                model.rfm().m() == null ? null : model.rfm().m().to(Precision.FLOAT64), scores);
        return new AggregateProbe(provenance, fit);
    }

    public ProbeProvenance provenance() {
        return provenance;
    }

    public Fit fit() {
        return fit;
    }

    public List<String> classes() {
        return fit.classes();
    }

    /** The selected layers, in feature order. */
    public List<Integer> layers() {
        return fit.projection().layers();
    }

    /** The file (a path or a Hadoop URI) it was read from, or null. */
    public String file() {
        return file;
    }

    /**
     * Throws, naming the file, unless activations of this model (compatibility key, fingerprint),
     * read and pooled this way, are what the aggregate was fit on.
     */
    public void requireCompatible(String compatibilityKey, String fingerprint, String reading, String pooling) {
        ProbeProvenance p = provenance;
        String what = "aggregate model " + where() + " (" + p.concept() + ", layers " + layers() + ")";
        if (!p.compatibilityKey().equals(compatibilityKey)
                || (p.fingerprint() != null && !p.fingerprint().equals(fingerprint))) {
            throw new IllegalArgumentException(what + " was fit on model " + p.modelName() + " (key "
                    + p.compatibilityKey() + ", fingerprint " + p.fingerprint() + "), the activations come from key "
                    + compatibilityKey + ", fingerprint " + fingerprint);
        }
        if (!p.reading().equals(reading) || !p.pooling().equals(pooling)) {
            throw new IllegalArgumentException(what + " was fit on '" + p.reading() + "' reading, '" + p.pooling()
                    + "' pooling, the activations are '" + reading + "', '" + pooling + "'");
        }
    }

    /** Raw outputs (n × c) given each selected layer's activations (rows in the same clip order). */
    public Mat outputs(Map<Integer, Mat> activations) {
        return predictor().predict(CpuBackend.float64().points(fit.projection().features(activations)));
    }

    /** Class probabilities (softmax of the outputs). */
    public double[][] probabilities(Map<Integer, Mat> activations) {
        return ClassProbabilities.of(outputs(activations), ProbabilityMode.SOFTMAX);
    }

    /** Predicted class indices (argmax of the outputs). */
    public int[] predict(Map<Integer, Mat> activations) {
        return ClassProbabilities.labels(outputs(activations), ProbabilityMode.SOFTMAX);
    }

    private synchronized KernelPredictor predictor() {
        if (predictor == null) {
            predictor = new CpuBackend(Precision.FLOAT64, Parallel.shared()).predictor(fit.trainPoints(), fit.m(),
                    fit.coefficients(), fit.kernel());
        }
        return predictor;
    }

    private String where() {
        return file == null ? "(in memory)" : file;
    }

    /** The file name of the aggregate model of a concept's label. */
    public static String fileName(String concept, String label) {
        return concept + "." + label + SUFFIX;
    }

    /** Writes the safetensors file (atomically) and its JSON sidecar. */
    public void write(Path out) throws IOException {
        write(org.musicrfm.io.Location.of(out.toAbsolutePath()));
    }

    /** As {@link #write(Path)} on any file system {@link org.musicrfm.io.Storage} reaches. */
    public void write(org.musicrfm.io.Location out) throws IOException {
        Map<String, Mat> tensors = new LinkedHashMap<>();
        LayerProjection proj = fit.projection();
        for (int i = 0; i < proj.layers().size(); i++) {
            tensors.put("projection.layer" + proj.layers().get(i), proj.directions().get(i));
        }
        tensors.put("train_points", fit.trainPoints());
        tensors.put("coefficients", fit.coefficients());
        if (fit.m() != null) {
            tensors.put("m", fit.m());
        }
        List<TensorInfo> infos = new ArrayList<>();
        tensors.forEach((name, m) -> infos.add(new TensorInfo(name, Dtype.F64.name(), new long[] {m.rows(), m.cols()})));
        String json = GSON.toJson(metadata());
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("format_version", Integer.toString(FORMAT_VERSION));
        meta.put(FORMAT, json);
        org.musicrfm.io.Location target = out;
        org.musicrfm.io.Storage.get().write(target, tmp -> {
            try (SafetensorsWriter w = SafetensorsWriter.create(tmp, infos, meta)) {
                for (var e : tensors.entrySet()) {
                    w.writeDoubles(e.getKey(), e.getValue().toRowMajor());
                }
            }
        });
        org.musicrfm.io.Storage.get().write(Probe.sidecar(target), json.getBytes(StandardCharsets.UTF_8));
    }

    private JsonObject metadata() {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("format_version", FORMAT_VERSION);
        root.addProperty("concept", provenance.concept());
        root.addProperty("kind", "multiclass");
        JsonArray cs = new JsonArray();
        fit.classes().forEach(cs::add);
        root.add("classes", cs);
        JsonArray layers = new JsonArray();
        JsonArray ks = new JsonArray();
        for (int i = 0; i < fit.projection().layers().size(); i++) {
            layers.add(fit.projection().layers().get(i));
            ks.add(fit.projection().directions().get(i).cols());
        }
        root.add("layers", layers);
        root.add("directions_per_layer", ks);
        root.addProperty("probabilities", "softmax");
        JsonObject k = new JsonObject();
        k.addProperty("type", "lpq");
        k.addProperty("formula", "exp(-||S(x - z)||_p^q / L^q), S = M^(1/2)");
        k.addProperty("bandwidth", fit.kernel().bandwidth());
        k.addProperty("p", fit.kernel().p());
        k.addProperty("q", fit.kernel().exponent());
        k.addProperty("m", fit.m() == null ? "identity" : "full");
        root.add("kernel", k);
        root.addProperty("reg", fit.reg());
        root.addProperty("center_grads", fit.centerGrads());
        root.addProperty("best_iter", fit.bestIter());
        root.addProperty("trial", fit.trial());
        root.addProperty("trial_seed", fit.trialSeed());
        root.addProperty("train_points", fit.trainPoints().rows());
        JsonObject s = new JsonObject();
        fit.scores().forEach(s::addProperty);
        root.add("scores", s);
        root.add("provenance", GSON.toJsonTree(provenance));
        return root;
    }

    /**
     * Reads an aggregate file on any file system {@link org.musicrfm.io.Storage} reaches (one elsewhere than
     * the local disk from a local temporary copy, as safetensors are mapped into memory).
     */
    public static AggregateProbe load(org.musicrfm.io.Location file) throws IOException {
        if (file.isLocal()) {
            return load(file.localPath());
        }
        AggregateProbe a = org.musicrfm.io.Storage.get().readLocally(file, AggregateProbe::load);
        return new AggregateProbe(a.provenance, a.fit, file.toString());
    }

    /** Reads an aggregate file; any defect is an error naming the file. */
    public static AggregateProbe load(Path file) throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            String json = f.metadata().get(FORMAT);
            if (!FORMAT.equals(f.metadata().get("format")) || json == null) {
                throw new IOException(file + " is not an aggregate model file: __metadata__ has format "
                        + f.metadata().get("format") + " (expected " + FORMAT + ")");
            }
            try {
                JsonObject root = JsonParser.parseString(json).getAsJsonObject();
                if (root.get("format_version").getAsInt() > FORMAT_VERSION) {
                    throw new IOException(file + ": aggregate format version " + root.get("format_version")
                            + " is newer than this software reads (" + FORMAT_VERSION + ")");
                }
                ProbeProvenance prov = GSON.fromJson(root.get("provenance"), ProbeProvenance.class);
                List<String> classes = new ArrayList<>();
                root.getAsJsonArray("classes").forEach(e -> classes.add(e.getAsString()));
                List<Integer> layers = new ArrayList<>();
                root.getAsJsonArray("layers").forEach(e -> layers.add(e.getAsInt()));
                List<Mat> dirs = new ArrayList<>();
                for (int l : layers) {
                    dirs.add(matrix(f, "projection.layer" + l));
                }
                JsonObject k = root.getAsJsonObject("kernel");
                KernelSpec spec = KernelSpec.lpq(k.get("bandwidth").getAsDouble(), k.get("p").getAsDouble(),
                        k.get("q").getAsDouble());
                Mat m = k.get("m").getAsString().equals("identity") ? null : matrix(f, "m");
                SortedMap<String, Double> scores = new TreeMap<>();
                root.getAsJsonObject("scores").entrySet().forEach(e -> scores.put(e.getKey(), e.getValue().getAsDouble()));
                Fit fit = new Fit(classes, new LayerProjection(layers, dirs), spec, root.get("reg").getAsDouble(),
                        root.get("center_grads").getAsBoolean(), root.get("best_iter").getAsInt(),
                        root.get("trial").getAsInt(), root.get("trial_seed").getAsLong(), matrix(f, "train_points"),
                        matrix(f, "coefficients"), m, scores);
                return new AggregateProbe(prov, fit, file.toString());
            } catch (RuntimeException e) {
                throw new IOException(file + ": malformed aggregate model (" + e.getMessage() + ")", e);
            }
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains(file.toString())) {
                throw e;
            }
            throw new IOException(file + ": cannot read aggregate model (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            throw new IOException(file + ": cannot read aggregate model (" + e.getMessage() + ")", e);
        }
    }

    private static Mat matrix(SafetensorsFile f, String name) throws IOException {
        if (!f.names().contains(name)) {
            throw new IOException("tensor '" + name + "' is missing (have " + f.names() + ")");
        }
        long[] shape = f.info(name).shape();
        int rows = (int) shape[0];
        int cols = shape.length == 1 ? 1 : (int) shape[1];
        return Mat.fromRowMajor(rows, cols, f.readDoubles(name), Precision.FLOAT64);
    }
}
