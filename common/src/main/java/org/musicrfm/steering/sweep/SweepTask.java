package org.musicrfm.steering.sweep;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.TaskContext;
import org.apache.spark.util.LongAccumulator;
import org.musicrfm.audio.Audio;
import org.musicrfm.audio.SampleFormat;
import org.musicrfm.audio.WavFiles;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;
import org.musicrfm.model.musicgen.Generation;
import org.musicrfm.model.musicgen.GenerationConfig;
import org.musicrfm.model.musicgen.MusicgenGenerator;
import org.musicrfm.model.musicgen.MusicgenModel;
import org.musicrfm.model.musicgen.StepListener;
import org.musicrfm.runtime.ModelHolder;
import org.musicrfm.steering.SteeredGenerator;
import org.musicrfm.steering.SteeringPack;
import org.musicrfm.steering.SteeringPlan;
import org.musicrfm.steering.SteeringSpec;

/**
 * The executor side of a sweep: generates its batches (one model per JVM, one batch at a time per
 * model), each unit writing its WAV, then its row; returns error rows. A batch that fails is retried
 * unit by unit, so one bad unit does not take its batch-mates down.
 *
 * @param out              the sweep output folder: a local path or a URI {@link Storage} reaches
 * @param model            the checkpoint folder, loaded on each executor
 * @param packFiles        pack files by name, read afresh for each batch
 * @param packFingerprints digest of each pack file by name, recorded in the rows
 * @param failUnitOnce     testing: the first task attempt fails before its next batch once it has
 *                         generated this many units (-1: never)
 * @param done             counts the units finished
 */
public record SweepTask(String out, String model, String modelName, String modelFingerprint,
                        Map<String, String> packFiles, Map<String, String> packFingerprints, double seconds,
                        double guidance, int topK, double temperature, String device, String dtype, int threads,
                        int failUnitOnce, LongAccumulator done) implements Serializable {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    public SweepTask {
        packFiles = new HashMap<>(packFiles);
        packFingerprints = new TreeMap<>(packFingerprints);
    }

    public Iterator<String[]> run(Iterator<List<SweepUnit>> batches) throws IOException {
        MusicgenModel m = ModelHolder.get(model, device, dtype, threads);
        if (threads > 0 && ai.djl.pytorch.jni.JniUtils.getNumThreads() != threads) {
            // the engine may have started before (local mode): the same thread count everywhere gives the
            // same kernels, hence the same samples, on every executor
            ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
        }
        MusicgenGenerator generator = new MusicgenGenerator(m);
        List<String[]> errors = new ArrayList<>();
        int n = 0;
        while (batches.hasNext()) {
            List<SweepUnit> batch = batches.next();
            if (failUnitOnce >= 0 && n >= failUnitOnce && TaskContext.get() != null
                    && TaskContext.get().attemptNumber() == 0) {
                throw new IllegalStateException("injected failure before unit " + batch.get(0).unitId()
                        + " (testing)");
            }
            List<SweepUnit> todo = new ArrayList<>();
            for (SweepUnit u : batch) {
                if (Storage.get().isFile(rowFile(u))) {
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
                Map<String, SteeringPack> packs = readPacks(packFiles);
                try {
                    generate(generator, packs, todo);
                    done.add(todo.size());
                } catch (RuntimeException | IOException batchError) {
                    for (SweepUnit u : todo) {
                        if (Storage.get().isFile(rowFile(u))) {
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

    private Location rowFile(SweepUnit u) {
        return SweepOutputs.rowFile(Location.parse(out, "out"), u.unitId());
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
            String rel = SweepOutputs.AUDIO + "/" + batch.get(i).unitId() + ".wav";
            Storage.get().write(Location.parse(out, "out").resolve(rel), WavFiles.encode(
                    new Audio(g.audio()[i], g.sampleRate(), 1),
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
            Storage.get().write(rowFile(batch.get(i)), GSON.toJson(o).getBytes(StandardCharsets.UTF_8));
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

    /** Packs read afresh for each batch, so no unit can see state another left in a shared pack object. */
    private static Map<String, SteeringPack> readPacks(Map<String, String> files) {
        Map<String, SteeringPack> out = new HashMap<>();
        files.forEach((name, file) -> {
            try {
                out.put(name, SteeringPack.read(Location.parse(file, "packs." + name)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return out;
    }
}
