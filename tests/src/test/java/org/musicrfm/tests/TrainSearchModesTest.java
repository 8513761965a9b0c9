package org.musicrfm.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.audio.SampleFormat;
import org.musicrfm.dataset.Concept;
import org.musicrfm.jobs.extract.ExtractJob;
import org.musicrfm.jobs.extract.ExtractJobConfig;
import org.musicrfm.jobs.syntheory.SynTheoryJob;
import org.musicrfm.jobs.syntheory.SynTheoryJobConfig;
import org.musicrfm.jobs.train.TrainJob;
import org.musicrfm.jobs.train.TrainJobConfig;
import org.musicrfm.jobs.train.TrainJobResult;
import org.musicrfm.model.io.Dtype;
import org.musicrfm.model.io.RandomCheckpoint;
import org.musicrfm.rfm.backend.AgopPlan;
import org.musicrfm.rfm.search.HalvingSchedule;
import org.musicrfm.rfm.search.SearchMode;
import org.musicrfm.rfm.search.SearchPlan;

/** The train job's search modes on real Spark: shared draws, halving rungs in trials/, flops. */
class TrainSearchModesTest {

    @TempDir
    static Path tmp;
    static Path activations;

    @BeforeAll
    static void prepare() throws Exception {
        Path model = RandomCheckpoint.write(RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY),
                tmp.resolve("tiny-model"), 11L, Dtype.F32);
        Path syn = tmp.resolve("syntheory");
        SynTheoryJob.run(TestSpark.local(), new SynTheoryJobConfig(List.of(Concept.NOTES), 48, null, syn.toString(),
                32_000, 1, SampleFormat.PCM_16, "/usr/share/sounds/sf2/TimGM6mb.sf2", 0L, 8));
        activations = tmp.resolve("extract");
        ExtractJobConfig d = ExtractJobConfig.defaults(syn.resolve("metadata").toString(), model.toString(),
                activations.toString());
        ExtractJob.run(TestSpark.local(), new ExtractJobConfig(d.dataset(), null, d.model(), d.reading(), List.of("mean"),
                false, List.of(), 4, 10, 4.0, "cpu", "float32", d.output(), false, 1, -1));
    }

    @AfterAll
    static void stop() {
        TestSpark.stopActive();
    }

    private static TrainJobConfig train(String out, SearchPlan plan) {
        return new TrainJobConfig(activations.toString(), "notes", "root_note_pitch_class", false, "mean", 9, 2, 2, 0L,
                0L, tmp.resolve(out).toString(), false, false, plan, "best");
    }

    private static List<Row> trials(SparkSession spark, String out) {
        return spark.read().parquet(tmp.resolve(out).resolve("trials").toString())
                .orderBy("layer", "target", "trial").collectAsList();
    }

    @Test
    void ashaSharesDrawsStopsTrialsAtRungsAndCostsLessThanTheExhaustiveSearch() throws Exception {
        SparkSession spark = TestSpark.local();
        TrainJobResult sharedRun = TrainJob.run(spark, train("shared", SearchPlan.shared(2)));
        TrainJobResult ashaRun = TrainJob.run(spark, train("asha", new SearchPlan(SearchMode.ASHA,
                new HalvingSchedule(new int[] {0, 1, 2}, 3), AgopPlan.Method.AUTO, 0)));
        TrainJobResult fullRun = TrainJob.run(spark, train("full", null));
        List<Row> shared = trials(spark, "shared");
        List<Row> asha = trials(spark, "asha");
        List<Row> full = trials(spark, "full");
        int layers = 3;
        assertThat(asha).hasSize(13 * layers * 9);
        assertThat(shared).hasSize(asha.size());
        long sharedFlops = 0;
        long ashaFlops = 0;
        Map<String, int[]> rungs = new HashMap<>();
        Map<String, Double> bandwidth = new HashMap<>();
        for (int i = 0; i < asha.size(); i++) {
            Row a = asha.get(i);
            Row s = shared.get(i);
            String trial = a.<Integer>getAs("layer") + "/" + a.<Integer>getAs("trial");
            // shared draws: every target of (layer, trial) has the same parameters, in both modes
            double bw = a.getAs("bandwidth");
            assertThat(bandwidth.computeIfAbsent(trial, k -> bw)).isEqualTo(bw);
            assertThat(s.<Double>getAs("bandwidth")).isEqualTo(bw);
            assertThat(s.<Integer>getAs("stop_rung")).isEqualTo(2);
            rungs.computeIfAbsent(a.getAs("layer") + "/" + a.getAs("target"), k -> new int[3])
                    [a.<Integer>getAs("stop_rung")]++;
            assertThat(a.<Integer>getAs("best_iter")).isLessThanOrEqualTo(a.<Integer>getAs("stop_rung"));
            sharedFlops += s.<Long>getAs("flops");
            ashaFlops += a.<Long>getAs("flops");
        }
        // per (layer, target): 9 trials at rung 0, 3 go on to rung 1, 1 to the end
        assertThat(rungs).hasSize(13 * layers);
        rungs.values().forEach(r -> assertThat(r).containsExactly(6, 2, 1));
        assertThat(ashaFlops).isLessThan(sharedFlops / 2);
        // the job's result (printed by the CLI) carries the mode and the search's counted flops
        assertThat(List.of(sharedRun.search(), sharedRun.flops())).isEqualTo(List.of("shared", sharedFlops));
        assertThat(List.of(ashaRun.search(), ashaRun.flops())).isEqualTo(List.of("asha", ashaFlops));
        assertThat(fullRun.search()).isEqualTo("full");
        // the packs record the plan (the halving schedule for asha) and how trials were drawn
        assertThat(packTraining("asha")).containsEntry("search", "asha").containsEntry("search_plan",
                        "asha: rungs [0, 1, 2], eta 3; AGOP AUTO, all points")
                .containsEntry("trial_draws", "per (concept, layer, trial)");
        assertThat(packTraining("full")).containsEntry("search_plan", "full: AGOP PER_OUTPUT, all points");
        assertThat(fullRun.flops()).isEqualTo(full.stream().mapToLong(r -> r.<Long>getAs("flops")).sum())
                .isGreaterThan(sharedFlops);
        // full: the same draws as shared and asha, every trial of every target to the end
        assertThat(full).hasSize(shared.size());
        for (int i = 0; i < full.size(); i++) {
            Row f = full.get(i);
            Row s = shared.get(i);
            assertThat(List.of(f.getAs("layer"), f.getAs("target"), f.getAs("trial"), f.getAs("bandwidth"),
                    f.getAs("reg"), f.getAs("exponent"), f.getAs("center_grads")))
                    .isEqualTo(List.of(s.getAs("layer"), s.getAs("target"), s.getAs("trial"), s.getAs("bandwidth"),
                            s.getAs("reg"), s.getAs("exponent"), s.getAs("center_grads")));
            assertThat(f.<Integer>getAs("stop_rung")).isEqualTo(2);
            assertThat(f.<Long>getAs("flops")).isPositive();
        }
        List<Row> results = spark.read().parquet(tmp.resolve("asha").resolve("results").toString()).collectAsList();
        assertThat(results).hasSize(13 * layers);
        // full and shared make the same fits (the AGOP's two exact forms differ only in rounding): same selections
        assertThat(selections(spark, "full")).hasSize(13 * layers).isEqualTo(selections(spark, "shared"));
    }

    /** The {@code provenance.training} map of the pack written into {@code out}. */
    private static Map<String, String> packTraining(String out) throws java.io.IOException {
        return org.musicrfm.steering.SteeringPack.read(tmp.resolve(out).resolve(TrainJob.packFileName("notes")))
                .provenance().training();
    }

    /** Per (layer, target): the selected trial and iteration, and the validation score to 4 decimals. */
    private static List<String> selections(SparkSession spark, String out) {
        return spark.read().parquet(tmp.resolve(out).resolve("results").toString()).orderBy("layer", "target")
                .collectAsList().stream().map(r -> String.format(java.util.Locale.ROOT, "%d/%s: %d/%d %.4f",
                        r.<Integer>getAs("layer"), r.<String>getAs("target"), r.<Integer>getAs("trial"),
                        r.<Integer>getAs("best_iter"), r.<Double>getAs("val_score"))).toList();
    }
}
