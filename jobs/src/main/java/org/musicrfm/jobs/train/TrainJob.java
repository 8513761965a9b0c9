package org.musicrfm.jobs.train;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.musicrfm.activations.LayerRows;
import org.musicrfm.activations.SourceModel;
import org.musicrfm.dataset.Concept;
import org.musicrfm.dataset.Split;
import org.musicrfm.dataset.SplitSizes;
import org.musicrfm.dataset.StratifiedSplit;
import org.musicrfm.eval.ActivationSource;
import org.musicrfm.eval.ProbeProvenance;
import org.musicrfm.eval.ProbeUnits;
import org.musicrfm.eval.ProbeUnits.Unit;
import org.musicrfm.eval.ProbeWriter;
import org.musicrfm.eval.SaveProbes;
import org.musicrfm.io.Locations;
import org.musicrfm.jobs.JobOutputs;
import org.musicrfm.jobs.Progress;
import org.musicrfm.provenance.UnitIdentity;
import org.musicrfm.report.LayerScoresPlot;
import org.musicrfm.rfm.search.ConceptProbes;
import org.musicrfm.rfm.search.ProbeTables;
import org.musicrfm.rfm.probe.ProbeKind;
import org.musicrfm.steering.ConceptPack;
import org.musicrfm.steering.SteeringPack;

/**
 * The {@code train} job: RFM probes for one concept on every layer of the activation table —
 * the paper's random search (units of work: concept, target, layer, trial; grouped per layer so
 * that trials share the layer's data), the best trial per (target, layer) chosen on validation and
 * refit for its AGOP directions, and a linear baseline on the same split. Writes {@code trials/}
 * and {@code results/} (Parquet), the concept's steering pack ({@code <concept>.pack.safetensors})
 * and a plot of probe scores by layer ({@value #PLOT}), and {@code splits/}: the split of every
 * clip. Clips sharing a {@code source_id} (augmented copies of one recording) share a split.
 */
public final class TrainJob {

    /** Trains one unit and saves its results and marker into the output's unit folder. */
    private static List<ConceptProbes.Fit> trainUnit(LayerTrainer trainer, Path out, Unit u)
            throws IOException {
        List<ConceptProbes.Fit> r = u.target().equals(ProbeUnits.ALL_TARGETS) ? trainer.trainLayer(u.layer(), u.rows())
                : List.of(trainer.train(u.layer(), u.target(), u.rows()));
        ProbeUnits.save(out, u, trainer.prepared(u.layer(), u.rows()).clipIds(), r);
        return r;
    }

    private TrainJob() {}

    /**
     * Trains the concept's probes into {@code config.output()}. Units (a layer's probes) whose identity
     * (options, seeds, model, split, the layer's activation rows) matches a finished unit of an earlier
     * run are reused; the others are trained; units that no longer belong are removed; the tables, the
     * pack, the plot and the published probes are then written from every unit, as a clean run writes them.
     */
    public static TrainJobResult run(SparkSession spark, TrainJobConfig config) throws IOException {
        Path out = Locations.local(config.output(), "--out");
        Path table = Locations.local(config.activations(), "--activations").resolve("activations");
        List<Integer> layers = LayerRows.layers(table, config.concept());
        SourceModel source = SourceModel.read(Locations.local(config.activations(), "--activations"));

        LayerRows first = LayerRows.read(table, config.concept(), layers.get(0), config.pooling(), config.label());
        List<String> classes = config.regression() ? List.of() : ProbeTables.classes(first.labels());
        List<StratifiedSplit.Item> items = first.splitItems(config.regression());
        Map<String, Split> splits = new HashMap<>(StratifiedSplit.assign(items, config.splitSeed()));
        SplitSizes.of(splits.values()).requireEachPart("concept " + config.concept() + " in " + table);
        ProbeWriter probes = probeWriter(out, config, source, classes);
        UnitIdentity base = TrainIdentity.base(config, source, probes.provenance(), classes,
                UnitIdentity.sha256(StratifiedSplit.text(items, splits)));
        LayerTrainer trainer = new LayerTrainer(table.toString(), config, splits, classes, probes, base.digest());

        // Units of work: (layer, target) pairs, each running its trials, or whole layers when the targets
        // share their draws; ordered by layer so that an executor meets a layer's units in a row and
        // prepares the layer's data once.
        boolean perLayer = config.search().sharesTargets();
        Map<Integer, String> rows = layerDigests(spark, config, table, layers);
        List<Unit> units = new ArrayList<>();
        for (int layer : layers) {
            for (String target : perLayer ? List.of(ProbeUnits.ALL_TARGETS) : trainer.targets()) {
                UnitIdentity id = TrainIdentity.unit(base, layer, target, rows.get(layer));
                units.add(new Unit(layer, target, ProbeUnits.name(layer, target), rows.get(layer), id.digest(),
                        id.fields()));
            }
        }
        SortedMap<String, String> training = training(config, probes.provenance().reading(), rows);
        String identity = UnitIdentity.sha256(String.join("\n", units.stream().map(Unit::identity).toList())
                + "\nsave_probes=" + config.saveProbes());
        JsonObject done = JobOutputs.completedWith(out, config, identity);
        if (done != null) {
            return JobOutputs.gson().fromJson(done.get("result"), TrainJobResult.class).skippedCopy();
        }
        JobOutputs.checkWritable(out);

        JobOutputs.unmarkComplete(out); // the tables below are replaced one by one
        org.musicrfm.provenance.Leftovers.remove(out);
        probes.reset();
        ProbeUnits.removeStale(out, units);
        String headline = config.regression() ? config.label() : ProbeKind.MULTICLASS_TARGET;
        Map<String, List<ConceptProbes.Fit>> byUnit = new HashMap<>();
        List<Unit> todo = ProbeUnits.reuse(out, units, probes, byUnit);
        probes.discardOtherLayers(layers);

        Files.createDirectories(out.resolve(ProbeUnits.FOLDER));
        List<List<ConceptProbes.Fit>> computed = todo.isEmpty() ? List.of() : train(spark, config, trainer, out, todo,
                units.size(), perLayer);
        for (int i = 0; i < todo.size(); i++) {
            byUnit.put(todo.get(i).name(), computed.get(i));
        }
        List<ConceptProbes.Fit> results = new ArrayList<>();
        List<Integer> resultLayers = new ArrayList<>();
        for (Unit u : units) {
            for (ConceptProbes.Fit r : byUnit.get(u.name())) {
                results.add(r);
                resultLayers.add(u.layer());
            }
        }

        JobOutputs.writeTable(spark.createDataFrame(ProbeTables.splitRows(items, splits), ProbeTables.SPLITS)
                .orderBy("clip_id"), out.resolve("splits"));
        writeTable(spark, out.resolve("trials"), ProbeTables.trialRows(config.concept(), results), ProbeTables.TRIALS);
        writeTable(spark, out.resolve("results"),
                ProbeTables.resultRows(config.concept(), results, resultLayers, training), ProbeTables.RESULTS);
        writePack(out.resolve(packFileName(config.concept())), config, source, results, resultLayers, training);
        LayerScoresPlot.write(out.resolve(PLOT), config.concept(), headline, config.regression(), layers, results,
                resultLayers);
        TrainJobResult result = summarize(out, config, trainer.targets(), layers.size(), results, resultLayers,
                units.size(), todo.size());
        probes.publish(result.bestLayer(), layers);
        JobOutputs.markComplete(out, config, result, identity);
        return result;
    }

    /** Trains {@code todo} on the executors (or the driver), each unit saving its results as it ends. */
    private static List<List<ConceptProbes.Fit>> train(SparkSession spark, TrainJobConfig config,
                                                       LayerTrainer trainer, Path out, List<Unit> todo, int units,
                                                       boolean perLayer) throws IOException {
        try (Progress progress = new Progress(spark.sparkContext(), "train " + config.concept(), todo.size(),
                perLayer ? "layers" : "probes")) {
            LongAccumulator counter = progress.counter();
            if (config.driverSide()) {
                List<List<ConceptProbes.Fit>> computed = new ArrayList<>();
                for (Unit u : todo) {
                    computed.add(trainUnit(trainer, out, u));
                    counter.add(1);
                }
                return computed;
            }
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            jsc.setJobDescription("train " + config.concept() + ": " + todo.size() + " of " + units
                    + (perLayer ? " layers" : " probes") + " × " + config.trials() + " trials");
            String outName = out.toString();
            return jsc.parallelize(todo, todo.size()).map(u -> {
                try {
                    List<ConceptProbes.Fit> r = trainUnit(trainer, Path.of(outName), u);
                    counter.add(1);
                    return r;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).collect();
        }
    }

    /**
     * How the probes were trained, recorded in the pack and in every results row: pooling, reading,
     * label, trials, iterations, search plan, seeds, and the fingerprint of the activation table they
     * read (SHA-256 over each layer's row digest).
     */
    static SortedMap<String, String> training(TrainJobConfig config, String reading, Map<Integer, String> rows) {
        StringBuilder table = new StringBuilder();
        rows.forEach((layer, digest) -> table.append(layer).append(' ').append(digest).append('\n'));
        SortedMap<String, String> t = new TreeMap<>();
        t.put("pooling", config.pooling());
        t.put("reading", reading);
        t.put("label", config.label());
        t.put("regression", Boolean.toString(config.regression()));
        t.put("trials", Integer.toString(config.trials()));
        t.put("iters", Integer.toString(config.iters()));
        t.put("search", config.search().mode().name().toLowerCase());
        t.put("split_seed", Long.toString(config.splitSeed()));
        t.put("search_seed", Long.toString(config.searchSeed()));
        t.put("activations_fingerprint", UnitIdentity.sha256(table.toString()));
        return t;
    }

    /** The digest of each layer's activation rows as the probes consume them, read by the executors. */
    private static Map<Integer, String> layerDigests(SparkSession spark, TrainJobConfig config, Path table,
                                                     List<Integer> layers) throws IOException {
        Map<Integer, String> out = new TreeMap<>();
        if (config.driverSide()) {
            for (int layer : layers) {
                out.put(layer, LayerRows.read(table, config.concept(), layer, config.pooling(), config.label()).digest());
            }
            return out;
        }
        String t = table.toString();
        String concept = config.concept();
        String pooling = config.pooling();
        String label = config.label();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.setJobDescription("train " + concept + ": digests of " + layers.size() + " layers' activations");
        List<String> digests = jsc.parallelize(layers, layers.size()).map(layer -> {
            try {
                return LayerRows.read(Path.of(t), concept, layer, pooling, label).digest();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).collect();
        for (int i = 0; i < layers.size(); i++) {
            out.put(layers.get(i), digests.get(i));
        }
        return out;
    }

    /** Persists the headline probes (multiclass, or regression) with their provenance. */
    private static ProbeWriter probeWriter(Path out, TrainJobConfig config, SourceModel source, List<String> classes)
            throws IOException {
        Path activations = Locations.local(config.activations(), "--activations");
        ProbeProvenance provenance = new ProbeProvenance(source.name(), source.compatibilityKey(), source.fingerprint(),
                source.hiddenSize(), source.numLayers(), ActivationSource.readingOf(activations), config.pooling(),
                activations.getFileName().toString(), config.concept(), config.label(), config.splitSeed(),
                config.searchSeed(), SteeringPack.softwareVersion());
        return new ProbeWriter(out.toString(), SaveProbes.parse(config.saveProbes()),
                config.regression() ? config.label() : ProbeKind.MULTICLASS_TARGET, classes, provenance);
    }

    /** The per-layer score plot inside the output folder. */
    public static final String PLOT = "layer_scores.png";

    /** The steering pack's file name inside the output folder. */
    public static String packFileName(String concept) {
        return concept + ".pack.safetensors";
    }

    /** The concept's steering pack ({@link ConceptPack}) with the data's provenance, written atomically. */
    private static void writePack(Path file, TrainJobConfig config, SourceModel source,
                                  List<ConceptProbes.Fit> results, List<Integer> layers,
                                  SortedMap<String, String> training) throws IOException {
        ConceptPack.of(config.concept(), config.label(), source.identity(), source.name(), source.hiddenSize(),
                        source.numLayers(), results, layers)
                .dataset(Locations.local(config.activations(), "--activations").getFileName().toString())
                .splitSeed(config.splitSeed())
                .training(training)
                .write(file);
    }

    private static TrainJobResult summarize(Path out, TrainJobConfig config, List<String> targets, int layerCount,
                                            List<ConceptProbes.Fit> results, List<Integer> layers,
                                            int units, int trained) {
        int best = ProbeTables.best(results, config.regression() ? config.label() : ProbeKind.MULTICLASS_TARGET);
        if (best < 0) {
            return new TrainJobResult(out.toString(), config.concept(), targets, layerCount, config.trials(), -1, null,
                    Double.NaN, Double.NaN, units, trained, false);
        }
        ConceptProbes.Fit r = results.get(best);
        var m = r.kind().defaultMetric();
        return new TrainJobResult(out.toString(), config.concept(), targets, layerCount, config.trials(),
                layers.get(best), m.name().toLowerCase(), r.best().val().get(m), r.best().test().get(m), units, trained,
                false);
    }

    private static void writeTable(SparkSession spark, Path table, List<Row> rows, StructType schema) throws IOException {
        JobOutputs.writeTable(spark.createDataFrame(rows, schema).orderBy("target", "layer"), table);
    }

    /** The label a SynTheory concept's probe predicts, or null for other datasets. */
    public static String defaultLabel(String concept) {
        try {
            return Concept.parse(concept).probedLabel();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
