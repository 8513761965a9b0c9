package org.musicrfm.jobs.train;

import java.util.List;
import java.util.Set;
import org.musicrfm.activations.SourceModel;
import org.musicrfm.eval.ProbeProvenance;
import org.musicrfm.jobs.JobOutputs;
import org.musicrfm.provenance.UnitIdentity;

/**
 * The identity of a {@code train} unit (the probes of one layer and target, or of a whole layer when
 * its targets share draws): the options that change probes (seeds included), the source model's
 * fingerprint and the persisted probes' provenance, the classes and the split of every clip, and the
 * digest of the activation rows the unit consumes (clip ids, groups, labels, vectors). A unit is
 * reused only when its identity matches, so changed activations are never met with old probes.
 */
final class TrainIdentity {

    /** Config fields that do not change a unit's probes. */
    static final Set<String> NOT_IDENTITY = Set.of("activations", "output", "driverSide", "saveProbes");

    private TrainIdentity() {}

    /** What every unit of a run shares. */
    static UnitIdentity base(TrainJobConfig config, SourceModel source, ProbeProvenance provenance,
                             List<String> classes, String splits) {
        return UnitIdentity.of(UnitIdentity.configFields(JobOutputs.gson().toJsonTree(config).getAsJsonObject(),
                        NOT_IDENTITY))
                .with("model_fingerprint", source.fingerprint())
                .with("probe_provenance", UnitIdentity.sha256(JobOutputs.gson().toJson(provenance)))
                .with("classes", String.join("\n", classes))
                .with("splits", splits);
    }

    /** One unit: the base with its layer, target and the digest of the layer's rows. */
    static UnitIdentity unit(UnitIdentity base, int layer, String target, String rows) {
        return base.with("layer", Integer.toString(layer)).with("target", target).with("layer_rows", rows);
    }
}
