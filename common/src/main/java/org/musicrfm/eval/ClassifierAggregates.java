package org.musicrfm.eval;

import java.io.IOException;
import java.util.List;
import org.musicrfm.activations.SourceModel;
import org.musicrfm.io.Location;
import org.musicrfm.rfm.aggregate.AggregateModel;
import org.musicrfm.rfm.benchmark.ClassifyRun;
import org.musicrfm.rfm.benchmark.ClassifyTarget;
import org.musicrfm.steering.SteeringPack;

/**
 * Keeps the classification benchmark's fitted aggregates for the evaluation: each as
 * {@value #FOLDER}/{@code <concept>.<label>.aggregate.safetensors} inside the benchmark's output,
 * with the provenance the evaluation checks.
 *
 * @param activations the activation folder the benchmark read
 * @param out         the benchmark's output folder
 * @param splitSeed   seed of the train job's split
 * @param seed        the benchmark's search seed
 */
public record ClassifierAggregates(String activations, String out, long splitSeed, long seed)
        implements ClassifyRun.AggregateSaver {

    /** The folder of the persisted layer-aggregation classifiers inside the output. */
    public static final String FOLDER = "aggregates";

    @Override
    public void save(ClassifyTarget t, AggregateModel model, List<String> classes) throws IOException {
        Location root = Location.parse(activations, "--activations");
        SourceModel source = SourceModel.read(root);
        ProbeProvenance provenance = new ProbeProvenance(source.name(), source.compatibilityKey(), source.fingerprint(),
                source.hiddenSize(), source.numLayers(), ActivationSource.readingOf(root), "mean",
                root.name(), t.concept(), t.label(), splitSeed, seed, SteeringPack.softwareVersion());
        AggregateProbe.of(model, classes, provenance)
                .write(Location.parse(out, "--out").resolve(FOLDER).resolve(AggregateProbe.fileName(t.concept(),
                        t.label())));
    }
}
