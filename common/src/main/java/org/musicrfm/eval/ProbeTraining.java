package org.musicrfm.eval;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.musicrfm.activations.SourceModel;
import org.musicrfm.provenance.UnitIdentity;
import org.musicrfm.rfm.probe.ProbeKind;
import org.musicrfm.rfm.search.LayerSearch;
import org.musicrfm.rfm.search.SearchPlan;
import org.musicrfm.steering.SteeringPack;

/**
 * How a concept's probes are trained: every option that changes them (and so a training unit's
 * identity), nothing about where they are read or written or how the work is spread.
 *
 * @param concept     the concept partition of the activation table (e.g. {@code notes})
 * @param label       the label column the probes predict
 * @param regression  a regression probe on the label; else one-vs-rest probes per class plus a multiclass probe
 * @param pooling     the activations' pooling the probes read
 * @param trials      random-search trials per (target, layer)
 * @param iters       RFM iterations per fit
 * @param directions  eigenvectors kept per (target, layer)
 * @param splitSeed   seed of the stratified 70/15/15 split
 * @param searchSeed  base seed of the trials' hyperparameters
 * @param float64     fit in double precision (else float32)
 * @param search      how each layer is searched ({@link SearchPlan})
 */
public record ProbeTraining(String concept, String label, boolean regression, String pooling, int trials, int iters,
                            int directions, long splitSeed, long searchSeed, boolean float64, SearchPlan search)
        implements Serializable {

    /** The probe persisted and scored per layer: the regression probe, or the multiclass probe. */
    public String headline() {
        return regression ? label : ProbeKind.MULTICLASS_TARGET;
    }

    /** The targets: the label for a regression; the classes' one-vs-rest probes, then the multiclass probe. */
    public List<String> targets(List<String> classes) {
        if (regression) {
            return List.of(label);
        }
        List<String> t = new ArrayList<>(classes);
        t.add(ProbeKind.MULTICLASS_TARGET);
        return t;
    }

    /** The persisted probes' provenance: the source model, the activations' reading, the data and the seeds. */
    public ProbeProvenance provenance(SourceModel source, String reading, String dataset) {
        return new ProbeProvenance(source.name(), source.compatibilityKey(), source.fingerprint(), source.hiddenSize(),
                source.numLayers(), reading, pooling, dataset, concept, label, splitSeed, searchSeed,
                SteeringPack.softwareVersion());
    }

    /**
     * How the probes were trained, recorded in the pack and in every results row: pooling, reading,
     * label, trials, iterations, search plan, seeds, and the fingerprint of the activation table they
     * read (SHA-256 over each layer's row digest, {@code rows} by layer).
     */
    public SortedMap<String, String> record(String reading, Map<Integer, String> rows) {
        StringBuilder table = new StringBuilder();
        new TreeMap<>(rows).forEach((layer, digest) -> table.append(layer).append(' ').append(digest).append('\n'));
        SortedMap<String, String> t = new TreeMap<>();
        t.put("pooling", pooling);
        t.put("reading", reading);
        t.put("label", label);
        t.put("regression", Boolean.toString(regression));
        t.put("trials", Integer.toString(trials));
        t.put("iters", Integer.toString(iters));
        t.put("search", search.mode().name().toLowerCase());
        t.put("trial_draws", LayerSearch.DRAWS);
        t.put("search_plan", search.describe());
        t.put("split_seed", Long.toString(splitSeed));
        t.put("search_seed", Long.toString(searchSeed));
        t.put("activations_fingerprint", UnitIdentity.sha256(table.toString()));
        return t;
    }
}
