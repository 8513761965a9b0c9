package org.musicrfm.jobs.train;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.musicrfm.activations.SourceModel;
import org.musicrfm.dataset.Concept;
import org.musicrfm.eval.ActivationSource;
import org.musicrfm.eval.LayerTrainer;
import org.musicrfm.eval.ProbeSplit;
import org.musicrfm.eval.ProbeTraining;
import org.musicrfm.eval.ProbeUnits;
import org.musicrfm.eval.ProbeUnits.Unit;
import org.musicrfm.eval.ProbeWriter;
import org.musicrfm.eval.SaveProbes;
import org.musicrfm.eval.TrainIdentity;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;
import org.musicrfm.jobs.JobOutputs;
import org.musicrfm.jobs.Progress;
import org.musicrfm.provenance.Leftovers;
import org.musicrfm.provenance.UnitIdentity;
import org.musicrfm.report.LayerScoresPlot;
import org.musicrfm.rfm.search.ConceptProbes;
import org.musicrfm.rfm.search.ProbeTables;
import org.musicrfm.steering.ConceptPack;

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

    /** The per-layer score plot inside the output folder. */
    public static final String PLOT = "layer_scores.png";

    private TrainJob() {}

    /**
     * Trains the concept's probes into {@code config.output()}. Units (a layer's probes) whose identity
     * (options, seeds, model, split, the layer's activation rows) matches a finished unit of an earlier
     * run are reused; the others are trained; units that no longer belong are removed; the tables, the
     * pack, the plot and the published probes are then written from every unit, as a clean run writes them.
     */
    public static TrainJobResult run(SparkSession spark, TrainJobConfig config) throws IOException {
        Storage storage = Storage.get();
        Location out = storage.location(config.output(), "--out");
        Location activations = storage.location(config.activations(), "--activations");
        Location table = activations.resolve("activations");
        ProbeTraining training = config.training();
        ProbeSplit split = ProbeSplit.of(table, training);
        SourceModel source = SourceModel.read(activations);
        String reading = ActivationSource.readingOf(activations);
        ProbeWriter probes = new ProbeWriter(out.toString(), SaveProbes.parse(config.saveProbes()), training.headline(),
                split.classes(), training.provenance(source, reading, split.dataset()));
        UnitIdentity base = TrainIdentity.base(training, source, probes.provenance(), split.classes(), split.digest());
        LayerTrainer trainer = new LayerTrainer(table.toString(), training, split.splits(), split.classes(), probes,
                base.digest());

        Map<Integer, String> rows = trainer.rowDigests(spark, split.layers(), config.driverSide());
        boolean perLayer = training.search().sharesTargets();
        List<Unit> units = TrainIdentity.units(base, rows, trainer.targets(), perLayer);
        String identity = TrainIdentity.output(units, config.saveProbes());
        JsonObject done = JobOutputs.completedWith(out, config, identity);
        if (done != null) {
            return JobOutputs.gson().fromJson(done.get("result"), TrainJobResult.class).skippedCopy();
        }
        JobOutputs.checkWritable(out);

        JobOutputs.unmarkComplete(out); // the tables below are replaced one by one
        Leftovers.remove(out);
        probes.reset();
        ProbeUnits.removeStale(out, units);
        Map<String, List<ConceptProbes.Fit>> byUnit = new HashMap<>();
        List<Unit> todo = ProbeUnits.reuse(out, units, probes, byUnit);
        probes.discardOtherLayers(split.layers());
        storage.mkdirs(out.resolve(ProbeUnits.FOLDER));
        List<List<ConceptProbes.Fit>> computed = List.of();
        if (!todo.isEmpty()) {
            String what = perLayer ? "layers" : "probes";
            try (Progress progress = new Progress(spark.sparkContext(), "train " + config.concept(), todo.size(),
                    what)) {
                computed = trainer.train(spark, out, todo, config.driverSide(), progress.counter(), "train "
                        + config.concept() + ": " + todo.size() + " of " + units.size() + " " + what + " × "
                        + config.trials() + " trials");
            }
        }
        for (int i = 0; i < todo.size(); i++) {
            byUnit.put(todo.get(i).name(), computed.get(i));
        }
        ProbeUnits.Fits fits = ProbeUnits.fits(units, byUnit);

        SortedMap<String, String> record = training.record(reading, rows);
        JobOutputs.writeTable(spark.createDataFrame(split.rows(), ProbeTables.SPLITS).orderBy("clip_id"),
                out.resolve("splits"));
        writeTable(spark, out.resolve("trials"), ProbeTables.trialRows(config.concept(), fits.fits()),
                ProbeTables.TRIALS);
        writeTable(spark, out.resolve("results"),
                ProbeTables.resultRows(config.concept(), fits.fits(), fits.layers(), record), ProbeTables.RESULTS);
        ConceptPack.of(config.concept(), config.label(), source.identity(), source.name(), source.hiddenSize(),
                        source.numLayers(), fits.fits(), fits.layers())
                .dataset(split.dataset())
                .splitSeed(config.splitSeed())
                .training(record)
                .write(out.resolve(packFileName(config.concept())));
        LayerScoresPlot.write(out.resolve(PLOT), config.concept(), training.headline(), config.regression(),
                split.layers(), fits.fits(), fits.layers());
        TrainJobResult result = TrainJobResult.of(out.toString(), config, trainer.targets(), split.layers().size(),
                fits.fits(), fits.layers(), units.size(), todo.size());
        probes.publish(result.bestLayer(), split.layers());
        JobOutputs.markComplete(out, config, result, identity);
        return result;
    }

    private static void writeTable(SparkSession spark, Location table, List<Row> rows, StructType schema)
            throws IOException {
        JobOutputs.writeTable(spark.createDataFrame(rows, schema).orderBy("target", "layer"), table);
    }

    /** The steering pack's file name inside the output folder. */
    public static String packFileName(String concept) {
        return concept + ".pack.safetensors";
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
