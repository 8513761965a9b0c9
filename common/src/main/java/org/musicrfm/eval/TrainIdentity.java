package org.musicrfm.eval;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.musicrfm.activations.SourceModel;
import org.musicrfm.provenance.UnitIdentity;
import org.musicrfm.rfm.search.LayerSearch;

/**
 * The identity of a probe-training unit (the probes of one layer and target, or of a whole layer when
 * its targets share draws): the options that change probes ({@link ProbeTraining}, seeds included), the
 * source model's fingerprint and the persisted probes' provenance, the classes and the split of every
 * clip, and the digest of the activation rows the unit consumes (clip ids, groups, labels, vectors). A
 * unit is reused only when its identity matches, so changed activations are never met with old probes.
 */
public final class TrainIdentity {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private TrainIdentity() {}

    /** What every unit of a run shares ({@code splits}: the digest of the split's text). */
    public static UnitIdentity base(ProbeTraining training, SourceModel source, ProbeProvenance provenance,
                                    List<String> classes, String splits) {
        return UnitIdentity.of(UnitIdentity.configFields(GSON.toJsonTree(training).getAsJsonObject(), Set.of()))
                .with("model_fingerprint", source.fingerprint())
                .with("probe_provenance", UnitIdentity.sha256(GSON.toJson(provenance)))
                .with("classes", String.join("\n", classes))
                .with("splits", splits)
                .with("trial_draws", LayerSearch.DRAWS);
    }

    /** One unit: the base with its layer, target and the digest of the layer's rows. */
    public static UnitIdentity unit(UnitIdentity base, int layer, String target, String rows) {
        return base.with("layer", Integer.toString(layer)).with("target", target).with("layer_rows", rows);
    }

    /**
     * The run's units: per layer (in order, so that an executor meets a layer's units in a row and
     * prepares its data once) one unit of all its targets when they share draws, else one per target.
     *
     * @param rows the digest of each layer's activation rows, by layer
     */
    public static List<ProbeUnits.Unit> units(UnitIdentity base, Map<Integer, String> rows, List<String> targets,
                                              boolean perLayer) {
        List<ProbeUnits.Unit> units = new ArrayList<>();
        new java.util.TreeMap<>(rows).forEach((layer, digest) -> {
            for (String target : perLayer ? List.of(ProbeUnits.ALL_TARGETS) : targets) {
                UnitIdentity id = unit(base, layer, target, digest);
                units.add(new ProbeUnits.Unit(layer, target, ProbeUnits.name(layer, target), digest, id.digest(),
                        id.fields()));
            }
        });
        return units;
    }

    /** The identity of a run's whole output: its units' identities and which probes it persists. */
    public static String output(List<ProbeUnits.Unit> units, String saveProbes) {
        return UnitIdentity.sha256(String.join("\n", units.stream().map(ProbeUnits.Unit::identity).toList())
                + "\nsave_probes=" + saveProbes);
    }
}
