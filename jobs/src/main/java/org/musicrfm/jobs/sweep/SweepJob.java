package org.musicrfm.jobs.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.musicrfm.io.Location;
import org.musicrfm.io.Locations;
import org.musicrfm.io.Storage;
import org.musicrfm.jobs.JobOutputs;
import org.musicrfm.jobs.Progress;
import org.musicrfm.steering.Steps;
import org.musicrfm.steering.sweep.SweepBatches;
import org.musicrfm.steering.sweep.SweepModel;
import org.musicrfm.steering.sweep.SweepOutputs;
import org.musicrfm.steering.sweep.SweepPacks;
import org.musicrfm.steering.sweep.SweepSpec;
import org.musicrfm.steering.sweep.SweepTables;
import org.musicrfm.steering.sweep.SweepTask;
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

    private SweepJob() {}

    /** Runs (or resumes) a sweep. */
    public static SweepJobResult run(SparkSession spark, SweepJobConfig config) throws IOException {
        long start = System.nanoTime();
        Location specFile = Storage.get().location(config.spec(), "--spec");
        if (!Storage.get().isFile(specFile)) {
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
        SweepModel checkpoint = SweepModel.open(model, spec);
        SweepPacks packs = SweepPacks.load(packFiles, checkpoint.identity());
        spec.validate(packs.packs(), Steps.perSecond(checkpoint.config()));
        List<SweepUnit> units = spec.subset(spec.units(), config.limit(), config.sample(), config.sampleSeed());

        Storage storage = Storage.get();
        Location out = storage.location(config.output(), "--out");
        JobOutputs.checkWritable(out);
        storage.mkdirs(out.resolve(SweepOutputs.AUDIO));
        storage.mkdirs(out.resolve(SweepOutputs.UNITS));
        Set<String> wanted = new HashSet<>();
        units.forEach(u -> wanted.add(u.unitId()));
        long removed = SweepOutputs.removeStale(out, wanted);
        Set<String> done = SweepOutputs.doneUnits(out);
        List<SweepUnit> todo = units.stream().filter(u -> !done.contains(u.unitId()))
                .sorted(Comparator.comparing(SweepUnit::unitId)).toList();
        boolean complete = todo.isEmpty() && removed == 0 && storage.isDirectory(out.resolve("generations"))
                && storage.isFile(out.resolve(JobOutputs.MARKER));
        if (complete) {
            double s = (System.nanoTime() - start) / 1e9;
            System.err.println("[sweep] nothing to do: " + units.size() + " units already in " + out);
            return new SweepJobResult(units.size(), 0, units.size(), 0, 0, s);
        }
        storage.delete(out.resolve(JobOutputs.MARKER));
        List<String[]> errors = new ArrayList<>();
        if (!todo.isEmpty()) {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            List<List<SweepUnit>> batches = SweepBatches.batches(todo, SweepBatches.promptLengths(checkpoint.folder(),
                    checkpoint.config(), spec.prompts()), config.batchSize());
            int slices = Math.max(1, Math.min(batches.size(), jsc.defaultParallelism() * 2));
            try (Progress progress = new Progress(spark.sparkContext(), "sweep", todo.size(), "clips")) {
                SweepTask task = new SweepTask(out.toString(), model, spec.modelName(),
                        checkpoint.identity().fingerprint(), packs.files(), packs.fingerprints(), spec.seconds(),
                        spec.guidance(), spec.topK(), spec.temperature(), config.device(), config.dtype(),
                        config.threads(), config.failUnitOnce(), progress.counter());
                errors.addAll(jsc.parallelize(batches, slices).mapPartitions(task::run).collect());
            }
        }
        JobOutputs.writeTable(spark.createDataFrame(SweepTables.generations(out, units), SweepTables.SCHEMA),
                out.resolve("generations"));
        JobOutputs.writeTable(spark.createDataFrame(SweepTables.errors(errors), SweepTables.ERRORS),
                out.resolve("errors"));
        storage.write(out.resolve("spec.json"), spec.json().getBytes(StandardCharsets.UTF_8));
        double s = (System.nanoTime() - start) / 1e9;
        SweepJobResult result = new SweepJobResult(units.size(), todo.size() - errors.size(),
                units.size() - todo.size(), removed, errors.size(), s);
        if (errors.isEmpty()) {
            JobOutputs.markComplete(out, config, result);
        }
        return result;
    }
}
