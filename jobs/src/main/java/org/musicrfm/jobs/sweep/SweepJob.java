package org.musicrfm.jobs.sweep;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.musicrfm.audio.Audio;
import org.musicrfm.audio.SampleFormat;
import org.musicrfm.audio.WavFiles;
import org.musicrfm.io.AtomicFiles;
import org.musicrfm.io.Locations;
import org.musicrfm.jobs.JobOutputs;
import org.musicrfm.jobs.Progress;
import org.musicrfm.runtime.ModelHolder;
import org.musicrfm.model.io.Checkpoint;
import org.musicrfm.model.io.ModelIdentity;
import org.musicrfm.model.musicgen.Generation;
import org.musicrfm.model.musicgen.GenerationConfig;
import org.musicrfm.model.musicgen.MusicgenConfig;
import org.musicrfm.model.musicgen.MusicgenGenerator;
import org.musicrfm.model.musicgen.MusicgenModel;
import org.musicrfm.model.musicgen.StepListener;
import org.musicrfm.model.t5.T5Tokenizer;
import org.musicrfm.steering.SteeredGenerator;
import org.musicrfm.steering.SteeringPack;
import org.musicrfm.steering.SteeringPlan;
import org.musicrfm.steering.SteeringSpec;
import org.musicrfm.steering.Steps;
import org.musicrfm.steering.sweep.SweepSpec;
import org.musicrfm.steering.sweep.SweepUnit;

/**
 * The {@code sweep} job. The driver reads and checks the spec, the model and every pack before any
 * work, expands the units, drops units of earlier runs that are no longer asked for and skips those
 * already done, and groups the rest into batches of units whose prompts have the same token count
 * ({@code --batch-size}; a batch mixes steering plans, each row with its own); executors (one model per
 * JVM) generate the batches, each unit writing its WAV
 * ({@code audio/<id>.wav}) then its row ({@code units/<id>.json}), both by atomic rename, so a killed
 * run resumes unit by unit. The driver then writes {@code generations/}, {@code errors/},
 * {@code spec.json} and {@code _COMPLETE.json}. A clip does not depend on its batch: each row is
 * sampled with its own seed and decoded alone, and rows of one batch share no state.
 */
public final class SweepJob {

    static final String AUDIO = "audio";
    static final String UNITS = "units";

    private SweepJob() {}

    /** Runs (or resumes) a sweep. */
    public static SweepJobResult run(SparkSession spark, SweepJobConfig config) throws IOException {
        long start = System.nanoTime();
        Path specFile = Locations.local(config.spec(), "--spec");
        if (!Files.isRegularFile(specFile)) {
            throw new IllegalArgumentException("spec " + specFile + ": no such file");
        }
        SweepSpec spec = SweepSpec.read(specFile);
        String model = config.model() != null ? config.model() : spec.model();
        Locations.requireLocal("--model", model); // loaded from this path on every executor
        Map<String, String> packFiles = new LinkedHashMap<>(spec.packs());
        config.packs().forEach((k, v) -> {
            if (!packFiles.containsKey(k)) {
                throw new IllegalArgumentException("--pack " + k + "=" + v + ": the spec has no pack named " + k
                        + " (packs: " + String.join(", ", packFiles.keySet()) + ")");
            }
            packFiles.put(k, v);
        });
        if (config.batchSize() < 1) {
            throw new IllegalArgumentException("--batch-size " + config.batchSize() + ": expected at least 1");
        }
        if (!(config.sample() > 0 && config.sample() <= 1)) {
            throw new IllegalArgumentException("--sample " + config.sample() + ": expected a fraction in (0, 1]");
        }
        Path modelDir = Path.of(model);
        if (!Files.isDirectory(modelDir)) {
            throw new IllegalArgumentException("model: no such folder " + modelDir);
        }
        if (!Files.isRegularFile(modelDir.resolve("tokenizer.json"))) {
            throw new IllegalArgumentException("model: no tokenizer.json in " + modelDir);
        }
        ModelIdentity identity = ModelIdentity.of(modelDir);
        MusicgenConfig modelConfig;
        try (Checkpoint c = Checkpoint.open(modelDir)) {
            modelConfig = MusicgenConfig.from(c.config());
            MusicgenGenerator.steps(modelConfig, generationConfig(spec, "x", 0));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("seconds: " + spec.seconds() + ": " + e.getMessage(), e);
        }
        Map<String, SteeringPack> packs = new LinkedHashMap<>();
        Map<String, String> fingerprints = new TreeMap<>();
        for (var e : packFiles.entrySet()) {
            Path f = Path.of(e.getValue());
            if (!Files.isRegularFile(f)) {
                throw new IllegalArgumentException("packs." + e.getKey() + ": no such file " + f);
            }
            SteeringPack p = SteeringPack.read(f);
            try {
                p.requireCompatible(identity);
            } catch (RuntimeException x) {
                throw new IllegalArgumentException("packs." + e.getKey() + ": " + x.getMessage(), x);
            }
            packs.put(e.getKey(), p);
            fingerprints.put(e.getKey(), fileDigest(f));
            packFiles.put(e.getKey(), f.toAbsolutePath().toString());
        }
        double stepsPerSecond = Steps.perSecond(modelConfig);
        spec.validate(packs, stepsPerSecond);
        List<SweepUnit> units = spec.subset(spec.units(), config.limit(), config.sample(), config.sampleSeed());

        Path out = Locations.local(config.output(), "--out");
        JobOutputs.checkWritable(out);
        Files.createDirectories(out.resolve(AUDIO));
        Files.createDirectories(out.resolve(UNITS));
        Set<String> wanted = new HashSet<>();
        units.forEach(u -> wanted.add(u.unitId()));
        long removed = removeStale(out, wanted);
        Set<String> done = doneUnits(out);
        List<SweepUnit> todo = units.stream().filter(u -> !done.contains(u.unitId()))
                .sorted(Comparator.comparing(SweepUnit::unitId)).toList();
        boolean complete = todo.isEmpty() && removed == 0 && Files.isDirectory(out.resolve("generations"))
                && Files.isRegularFile(out.resolve(JobOutputs.MARKER));
        if (complete) {
            double s = (System.nanoTime() - start) / 1e9;
            System.err.println("[sweep] nothing to do: " + units.size() + " units already in " + out);
            return new SweepJobResult(units.size(), 0, units.size(), 0, 0, s);
        }
        Files.deleteIfExists(out.resolve(JobOutputs.MARKER));
        List<String[]> errors = new ArrayList<>();
        if (!todo.isEmpty()) {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            List<List<SweepUnit>> batches = batches(todo, promptLengths(modelDir, modelConfig, spec.prompts()),
                    config.batchSize());
            int slices = Math.max(1, Math.min(batches.size(), jsc.defaultParallelism() * 2));
            try (Progress progress = new Progress(spark.sparkContext(), "sweep", todo.size(), "clips")) {
                UnitTask task = new UnitTask(out.toAbsolutePath().toString(), model, spec.modelName(),
                        identity.fingerprint(), packFiles, fingerprints, spec.seconds(), spec.guidance(), spec.topK(),
                        spec.temperature(), config, progress.counter());
                for (String[] e : jsc.parallelize(batches, slices).mapPartitions(task::run).collect()) {
                    errors.add(e);
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (SweepUnit u : units) {
            Path f = out.resolve(UNITS).resolve(u.unitId() + ".json");
            if (Files.isRegularFile(f)) {
                rows.add(row(JsonParser.parseString(Files.readString(f)).getAsJsonObject()));
            }
        }
        rows.sort(Comparator.comparing(r -> r.getString(0)));
        JobOutputs.writeTable(spark.createDataFrame(rows, SCHEMA), out.resolve("generations"));
        List<Row> errorRows = errors.stream().map(e -> RowFactory.create(e[0], e[1], e[2])).toList();
        JobOutputs.writeTable(spark.createDataFrame(errorRows, ERRORS), out.resolve("errors"));
        AtomicFiles.write(out.resolve("spec.json"), spec.json().getBytes(StandardCharsets.UTF_8));
        double s = (System.nanoTime() - start) / 1e9;
        SweepJobResult result = new SweepJobResult(units.size(), todo.size() - errors.size(), units.size() - todo.size(),
                removed, errors.size(), s);
        if (errors.isEmpty()) {
            JobOutputs.markComplete(out, config, result);
        }
        return result;
    }

    /** SHA-256 (hex, 24 digits) of a pack file's bytes: which directions a clip was steered with. */
    static String fileDigest(Path f) throws IOException {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
            return java.util.HexFormat.of().formatHex(h).substring(0, 24);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Token count of each prompt (T5 tokenizer of the checkpoint): prompts of equal count batch without padding. */
    static Map<String, Integer> promptLengths(Path modelDir, MusicgenConfig modelConfig, List<String> prompts)
            throws IOException {
        Map<String, Integer> out = new HashMap<>();
        try (T5Tokenizer t = T5Tokenizer.load(modelDir.resolve("tokenizer.json"), modelConfig.textEncoder().padTokenId())) {
            for (String p : prompts) {
                out.put(p, t.encode(p).length);
            }
        }
        return out;
    }

    /**
     * Units in batches of at most {@code size}: grouped by prompt token count (no padding in a batch),
     * ordered by unit id within a group, so batches depend only on the units, not on task layout.
     */
    static List<List<SweepUnit>> batches(List<SweepUnit> units, Map<String, Integer> promptLengths, int size) {
        Map<Integer, List<SweepUnit>> byLength = new TreeMap<>();
        units.stream().sorted(Comparator.comparing(SweepUnit::unitId)).forEach(u ->
                byLength.computeIfAbsent(promptLengths.get(u.prompt()), k -> new ArrayList<>()).add(u));
        List<List<SweepUnit>> out = new ArrayList<>();
        for (List<SweepUnit> group : byLength.values()) {
            for (int i = 0; i < group.size(); i += size) {
                out.add(new ArrayList<>(group.subList(i, Math.min(group.size(), i + size))));
            }
        }
        return out;
    }

    static GenerationConfig generationConfig(SweepSpec spec, String prompt, long seed) {
        return GenerationConfig.builder().prompt(prompt).seconds(spec.seconds()).guidance(spec.guidance())
                .topK(spec.topK()).temperature(spec.temperature()).seed(seed).build();
    }

    /** Deletes WAVs and rows of units not in {@code wanted} (and leftovers of interrupted writes); returns the units removed. */
    private static long removeStale(Path out, Set<String> wanted) throws IOException {
        long n = 0;
        for (String dir : List.of(UNITS, AUDIO)) {
            try (Stream<Path> s = Files.list(out.resolve(dir))) {
                for (Path p : s.toList()) {
                    String name = p.getFileName().toString();
                    int dot = name.indexOf('.');
                    String id = dot < 0 ? name : name.substring(0, dot);
                    boolean finished = name.equals(id + (dir.equals(UNITS) ? ".json" : ".wav"));
                    if (!finished || !wanted.contains(id)) {
                        Files.delete(p);
                        n += finished && dir.equals(UNITS) ? 1 : 0;
                    }
                }
            }
        }
        return n;
    }

    /** Units whose row (written after the WAV) exists. */
    private static Set<String> doneUnits(Path out) throws IOException {
        Set<String> done = new HashSet<>();
        try (Stream<Path> s = Files.list(out.resolve(UNITS))) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .forEach(n -> done.add(n.substring(0, n.length() - 5)));
        }
        return done;
    }

    static final StructType SCHEMA = DataTypes.createStructType(List.of(
            field("unit_id", DataTypes.StringType), field("condition", DataTypes.StringType),
            field("concept", DataTypes.StringType), field("target", DataTypes.StringType),
            field("eta", DataTypes.DoubleType), field("weighting", DataTypes.StringType),
            field("schedule", DataTypes.StringType), field("gate_p", DataTypes.DoubleType),
            field("cfg_rows", DataTypes.StringType), field("combination", DataTypes.StringType),
            field("directions_json", DataTypes.StringType), field("prompt", DataTypes.StringType),
            field("prompt_index", DataTypes.IntegerType), field("seed_index", DataTypes.IntegerType),
            field("seed", DataTypes.LongType), field("seconds", DataTypes.DoubleType), field("path", DataTypes.StringType),
            field("model_name", DataTypes.StringType), field("model_fingerprint", DataTypes.StringType),
            field("pack_fingerprints", DataTypes.StringType), field("guidance", DataTypes.DoubleType),
            field("top_k", DataTypes.IntegerType), field("temperature", DataTypes.DoubleType),
            field("generation_seconds", DataTypes.DoubleType), field("batch_id", DataTypes.StringType),
            field("batch_size", DataTypes.IntegerType),
            field("batch_index", DataTypes.IntegerType), field("batch_seconds", DataTypes.DoubleType),
            field("frame_rate", DataTypes.DoubleType)));

    static final StructType ERRORS = DataTypes.createStructType(List.of(field("unit_id", DataTypes.StringType),
            field("stage", DataTypes.StringType), field("message", DataTypes.StringType)));

    private static StructField field(String name, org.apache.spark.sql.types.DataType type) {
        return DataTypes.createStructField(name, type, true);
    }

    private static Row row(JsonObject o) {
        Object[] v = new Object[SCHEMA.fields().length];
        for (int i = 0; i < v.length; i++) {
            StructField f = SCHEMA.fields()[i];
            var e = o.get(f.name());
            if (e == null || e.isJsonNull()) {
                v[i] = null;
            } else if (f.dataType() == DataTypes.DoubleType) {
                v[i] = e.getAsDouble();
            } else if (f.dataType() == DataTypes.IntegerType) {
                v[i] = e.getAsInt();
            } else if (f.dataType() == DataTypes.LongType) {
                v[i] = e.getAsLong();
            } else {
                v[i] = e.getAsString();
            }
        }
        return RowFactory.create(v);
    }

    /**
     * The executor side: generates its batches (one model per JVM, one batch at a time per model), each
     * unit writing its WAV, then its row; returns error rows. A batch that fails is retried unit by
     * unit, so one bad unit does not take its batch-mates down.
     */
    record UnitTask(String out, String model, String modelName, String modelFingerprint, Map<String, String> packFiles,
                    Map<String, String> packFingerprints, double seconds, double guidance, int topK, double temperature,
                    SweepJobConfig config, LongAccumulator done) implements Serializable {

        UnitTask {
            packFiles = new HashMap<>(packFiles);
            packFingerprints = new TreeMap<>(packFingerprints);
        }

        Iterator<String[]> run(Iterator<List<SweepUnit>> batches) throws IOException {
            MusicgenModel m = ModelHolder.get(model, config.device(), config.dtype(), config.threads());
            if (config.threads() > 0 && ai.djl.pytorch.jni.JniUtils.getNumThreads() != config.threads()) {
                // the engine may have started before (local mode): the same thread count everywhere gives the
                // same kernels, hence the same samples, on every executor
                ai.djl.pytorch.jni.JniUtils.setNumThreads(config.threads());
            }
            MusicgenGenerator generator = new MusicgenGenerator(m);
            List<String[]> errors = new ArrayList<>();
            int n = 0;
            while (batches.hasNext()) {
                List<SweepUnit> batch = batches.next();
                if (config.failUnitOnce() >= 0 && n >= config.failUnitOnce() && TaskContext.get() != null
                        && TaskContext.get().attemptNumber() == 0) {
                    throw new IllegalStateException("injected failure before unit " + batch.get(0).unitId() + " (testing)");
                }
                List<SweepUnit> todo = new ArrayList<>();
                for (SweepUnit u : batch) {
                    if (Files.isRegularFile(rowFile(u))) {
                        done.add(1); // a retried task: done by the failed attempt
                    } else {
                        todo.add(u);
                    }
                }
                n += batch.size();
                if (todo.isEmpty()) {
                    continue;
                }
                synchronized (m) { // one batch at a time per model
                    Map<String, SteeringPack> packs = PackHolder.read(packFiles);
                    try {
                        generate(generator, packs, todo);
                        done.add(todo.size());
                    } catch (RuntimeException | IOException batchError) {
                        for (SweepUnit u : todo) {
                            if (Files.isRegularFile(rowFile(u))) {
                                done.add(1);
                                continue;
                            }
                            try {
                                generate(generator, packs, List.of(u));
                            } catch (RuntimeException | IOException e) {
                                errors.add(new String[] {u.unitId(), "generate", String.valueOf(e.getMessage())});
                            }
                            done.add(1);
                        }
                    }
                }
            }
            return errors.iterator();
        }

        private Path rowFile(SweepUnit u) {
            return Path.of(out, UNITS, u.unitId() + ".json");
        }

        /** One batch: every unit's own prompt, seed and plan; WAVs first, then the rows. */
        private void generate(MusicgenGenerator generator, Map<String, SteeringPack> packs, List<SweepUnit> batch)
                throws IOException {
            long t0 = System.nanoTime();
            GenerationConfig gc = GenerationConfig.builder().prompt(batch.get(0).prompt()).seconds(seconds)
                    .guidance(guidance).topK(topK).temperature(temperature).seed(batch.get(0).seed()).build();
            int steps = generator.steps(gc);
            List<SteeringPlan> plans = new ArrayList<>();
            List<SteeredGenerator.Row> rows = new ArrayList<>();
            for (SweepUnit u : batch) {
                SteeringPlan plan = u.steering().plan(packs, u.seed(), steps, generator.frameRate());
                plans.add(plan);
                rows.add(new SteeredGenerator.Row(u.prompt(), u.seed(), plan));
            }
            Generation g = SteeredGenerator.generateBatch(generator, gc, rows, StepListener.NONE);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                String rel = AUDIO + "/" + batch.get(i).unitId() + ".wav";
                AtomicFiles.write(Path.of(out, rel), WavFiles.encode(new Audio(g.audio()[i], g.sampleRate(), 1),
                        SampleFormat.PCM_16));
                paths.add(rel);
            }
            for (int i = 0; i < batch.size(); i++) {
                JsonObject o = rowJson(batch.get(i), plans.get(i), paths.get(i), elapsed / batch.size());
                o.addProperty("frame_rate", generator.frameRate());
                o.addProperty("batch_id", batch.get(0).unitId());
                o.addProperty("batch_size", batch.size());
                o.addProperty("batch_index", i);
                o.addProperty("batch_seconds", elapsed);
                AtomicFiles.write(rowFile(batch.get(i)), JobOutputs.gson().toJson(o).getBytes(StandardCharsets.UTF_8));
            }
        }

        private JsonObject rowJson(SweepUnit u, SteeringPlan plan, String path, double elapsed) {
            SteeringSpec s = u.steering();
            JsonObject o = new JsonObject();
            o.addProperty("unit_id", u.unitId());
            o.addProperty("condition", u.condition());
            o.addProperty("concept", u.concept());
            o.addProperty("target", u.target());
            boolean none = s.isNone();
            var d = none ? null : s.directions().get(0);
            o.addProperty("eta", none ? 0.0 : d.eta());
            o.addProperty("weighting", none ? "none" : d.weighting());
            o.addProperty("schedule", none ? "none" : d.schedule());
            o.addProperty("gate_p", none ? 0.0 : d.gateP());
            o.addProperty("cfg_rows", none ? "none" : d.cfgRows());
            o.addProperty("combination", none ? "none" : s.combination().label());
            JsonArray dirs = plan.describe();
            for (int i = 0; i < dirs.size(); i++) {
                JsonObject x = dirs.get(i).getAsJsonObject();
                x.addProperty("pack", s.directions().get(i).pack());
                x.addProperty("target", s.directions().get(i).target());
                JsonArray layers = new JsonArray();
                x.getAsJsonObject("layer_weights").keySet().forEach(k -> layers.add(Integer.parseInt(k)));
                x.add("layers", layers);
            }
            o.addProperty("directions_json", dirs.toString());
            o.addProperty("prompt", u.prompt());
            o.addProperty("prompt_index", u.promptIndex());
            o.addProperty("seed_index", u.seedIndex());
            o.addProperty("seed", u.seed());
            o.addProperty("seconds", seconds);
            o.addProperty("path", path);
            o.addProperty("model_name", modelName);
            o.addProperty("model_fingerprint", modelFingerprint);
            StringBuilder fp = new StringBuilder();
            s.directions().stream().map(SteeringSpec.DirectionSpec::pack).distinct().sorted().forEach(p ->
                    fp.append(fp.length() == 0 ? "" : ",").append(p).append('=').append(packFingerprints.get(p)));
            o.addProperty("pack_fingerprints", fp.toString());
            o.addProperty("guidance", guidance);
            o.addProperty("top_k", topK);
            o.addProperty("temperature", temperature);
            o.addProperty("generation_seconds", elapsed);
            return o;
        }
    }

    /** Packs read afresh for each unit, so no unit can see state another left in a shared pack object. */
    static final class PackHolder {
        private PackHolder() {}

        static Map<String, SteeringPack> read(Map<String, String> files) {
            Map<String, SteeringPack> out = new HashMap<>();
            files.forEach((name, file) -> {
                try {
                    out.put(name, SteeringPack.read(Path.of(file)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return out;
        }
    }
}
