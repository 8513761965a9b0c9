package org.musicrfm.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import org.musicrfm.activations.SourceModel;
import org.musicrfm.eval.ProbeProvenance;
import org.musicrfm.eval.ProbeTraining;
import org.musicrfm.eval.TrainIdentity;
import org.musicrfm.jobs.JobOutputs;
import org.musicrfm.provenance.UnitIdentity;
import org.musicrfm.rfm.search.SearchPlan;
import org.junit.jupiter.api.Test;

/**
 * The options that change probes ({@link ProbeTraining}, the base of every training unit's identity)
 * are every field of the job's config except where it reads and writes, where it runs and which
 * probes it keeps: a field added to the config counts unless it is named here.
 */
class TrainJobConfigTest {

    private static final Set<String> PLACEMENT = Set.of("activations", "output", "driverSide", "saveProbes");

    @Test
    void trainingHoldsEveryConfigFieldThatChangesProbes() {
        TrainJobConfig config = new TrainJobConfig("/acts", "chords", "chord_type", false, "meanstd", 7, 3, 4, 11L,
                13L, "/out", true, true, SearchPlan.asha(3), "all");
        SortedMap<String, String> fromConfig = UnitIdentity.configFields(
                JobOutputs.gson().toJsonTree(config).getAsJsonObject(), PLACEMENT);
        SortedMap<String, String> fromTraining = UnitIdentity.configFields(
                JobOutputs.gson().toJsonTree(config.training()).getAsJsonObject(), Set.of());

        assertThat(fromTraining).isEqualTo(fromConfig);
        assertThat(fromTraining).containsEntry("config.concept", "\"chords\"").containsEntry("config.pooling",
                "\"meanstd\"").containsEntry("config.trials", "7").containsEntry("config.iters", "3")
                .containsEntry("config.directions", "4").containsEntry("config.splitSeed", "11")
                .containsEntry("config.searchSeed", "13").containsEntry("config.float64", "true")
                .containsEntry("config.regression", "false").containsEntry("config.label", "\"chord_type\"")
                .containsKey("config.search.mode");
    }

    @Test
    void unitIdentityIsTheOneTheJobComputedFromItsConfig() {
        TrainJobConfig config = new TrainJobConfig("/acts", "notes", "root_note_pitch_class", false, "mean", 3, 5, 2,
                0L, 0L, "/out", false, false);
        SourceModel source = new SourceModel("/m", "tiny", "key-1", "fp-1", 32, 3);
        ProbeProvenance provenance = config.training().provenance(source, "decoder_only", "activations");
        List<String> classes = List.of("C", "C#", "D");

        UnitIdentity base = TrainIdentity.base(config.training(), source, provenance, classes, "split-digest");
        UnitIdentity before = UnitIdentity.of(UnitIdentity.configFields(
                        JobOutputs.gson().toJsonTree(config).getAsJsonObject(), PLACEMENT))
                .with("model_fingerprint", "fp-1")
                .with("probe_provenance", UnitIdentity.sha256(JobOutputs.gson().toJson(provenance)))
                .with("classes", "C\nC#\nD")
                .with("splits", "split-digest")
                .with("trial_draws", "per (concept, layer, trial)");
        assertThat(base.fields()).isEqualTo(before.fields());
        assertThat(TrainIdentity.unit(base, 2, "C", "rows").digest()).isEqualTo(
                before.with("layer", "2").with("target", "C").with("layer_rows", "rows").digest());
    }

    @Test
    void regressionWithoutLabelColumnLeavesTheLabelOut() {
        TrainJobConfig config = new TrainJobConfig("/acts", "tempos", null, true, "mean", 2, 1, 1, 0L, 0L, "/out",
                false, false);
        assertThat(UnitIdentity.configFields(JobOutputs.gson().toJsonTree(config.training()).getAsJsonObject(),
                Set.of())).isEqualTo(UnitIdentity.configFields(JobOutputs.gson().toJsonTree(config)
                .getAsJsonObject(), PLACEMENT)).doesNotContainKey("config.label");
    }
}
