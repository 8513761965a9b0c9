package org.musicrfm.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.audio.Audio;
import org.musicrfm.audio.WavFiles;
import org.musicrfm.jobs.SparkSessions;
import org.musicrfm.jobs.sweep.SweepJob;
import org.musicrfm.jobs.sweep.SweepJobConfig;
import org.musicrfm.jobs.sweep.SweepJobResult;
import org.musicrfm.model.io.Checkpoint;
import org.musicrfm.model.io.Dtype;
import org.musicrfm.model.io.ModelIdentity;
import org.musicrfm.model.io.RandomCheckpoint;
import org.musicrfm.model.musicgen.MusicgenConfig;
import org.musicrfm.model.musicgen.MusicgenDecoderConfig;
import org.musicrfm.steering.LayerDirection;
import org.musicrfm.steering.SteeringPack;

/**
 * The sweep job on real Spark with a tiny random checkpoint and two packs: local[2] and local-cluster
 * give the same rows and WAV bytes; a failed task, a killed run resumed, a re-run, an extended and a
 * shrunk spec all end in the clean run's output; bad specs are refused before any work.
 */
class SweepJobTest {

    @TempDir
    static Path tmp;
    static Path model;
    static Path notes;
    static Path chords;

    /** 1 unsteered + notes {C, D} × η0 {0.3, −0.3} + a staggered pair + a cross-fade = 7 conditions, × 2 prompts. */
    static final int UNITS = 7 * 2;

    @BeforeAll
    static void prepare() throws Exception {
        model = RandomCheckpoint.write(RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY), tmp.resolve("tiny"), 3L,
                Dtype.F32);
        MusicgenDecoderConfig d;
        try (Checkpoint c = Checkpoint.open(model)) {
            d = MusicgenConfig.from(c.config()).decoder();
        }
        notes = pack("notes", List.of("C", "D"), d, tmp.resolve("notes.safetensors"), 1);
        chords = pack("chords", List.of("major", "minor"), d, tmp.resolve("chords.safetensors"), 2);
    }

    @AfterAll
    static void stop() {
        TestSpark.stopActive();
    }

    static Path pack(String concept, List<String> classes, MusicgenDecoderConfig d, Path file, long seed) throws Exception {
        Random r = new Random(seed);
        int hidden = d.hiddenSize();
        SteeringPack.Builder b = SteeringPack.builder(concept, ModelIdentity.of(model), hidden, d.numHiddenLayers())
                .modelName("tiny").dataset("syntheory").splitSeed(5).scoring("accuracy", false);
        for (String label : classes) {
            Map<Integer, LayerDirection> ls = new TreeMap<>();
            for (int l = 0; l < d.numHiddenLayers(); l++) {
                float[] v = new float[hidden];
                for (int i = 0; i < hidden; i++) {
                    v[i] = (float) r.nextGaussian();
                }
                ls.put(l, LayerDirection.of(new float[][] {v}, new float[] {1f}, 0.4 + 0.2 * l));
            }
            b.addClass(label, ls);
        }
        b.write(file);
        return file;
    }

    static String spec(String etas, String extraGrid) {
        return """
                {"name": "test", "model": "%s", "packs": {"notes": "%s", "chords": "%s"},
                 "prompts": ["calm piano", "fast drums"], "seeds_per_prompt": 1, "seconds": 0.3,
                 "generation": {"top_k": 20}, "unsteered": true,
                 "grids": [
                   {"targets": {"notes": ["C", "D"]}, "eta": [%s], "gate_p": 0.3, "weighting": "exp:0.95,1"},
                   {"combinations": [["notes:C", "chords:minor"]], "combination": "staggered", "eta": 2, "gate_p": 1},
                   {"cross_fades": [["notes:C", "notes:D"]], "fade": "3..12", "eta": 2, "weighting": "uniform"}%s
                 ]}
                """.formatted(model, notes, chords, etas, extraGrid);
    }

    static Path writeSpec(String name, String text) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    static SweepJobConfig config(Path spec, Path out, int failUnitOnce) {
        return config(spec, out, failUnitOnce, SweepJobConfig.DEFAULT_BATCH_SIZE);
    }

    static SweepJobConfig config(Path spec, Path out, int failUnitOnce, int batchSize) {
        return new SweepJobConfig(spec.toString(), out.toString(), null, Map.of(), -1, 1.0, 0L, "cpu", "float32", 1,
                failUnitOnce, batchSize);
    }

    /** Rows ordered by unit id, without the timing and batch columns (how a unit was run, not what it is), as text. */
    static List<String> rows(SparkSession spark, Path out) {
        return spark.read().parquet(out.resolve("generations").toString())
                .drop("generation_seconds", "batch_id", "batch_size", "batch_index", "batch_seconds").orderBy("unit_id")
                .collectAsList().stream().map(Row::toString).toList();
    }

    static void assertSameOutput(SparkSession spark, Path a, Path b) throws Exception {
        List<String> ra = rows(spark, a);
        assertThat(rows(spark, b)).isEqualTo(ra);
        List<Row> rs = spark.read().parquet(a.resolve("generations").toString()).collectAsList();
        for (Row r : rs) {
            String p = r.getAs("path");
            assertThat(Files.readAllBytes(b.resolve(p))).as(p).isEqualTo(Files.readAllBytes(a.resolve(p)));
        }
        try (var s = Files.list(b.resolve("audio"))) {
            assertThat(s.count()).isEqualTo(rs.size());
        }
    }

    /** local[2] one clip per batch, local-cluster mixed-plan batches of 3: the same rows and WAV bytes. */
    @Test
    void localAndLocalClusterGiveTheSameRowsAndWavs() throws Exception {
        Path spec = writeSpec("spec.json", spec("0.3, -0.3", ""));
        Path a = tmp.resolve("sweep-local");
        Path b = tmp.resolve("sweep-cluster");
        SweepJobResult ra = SweepJob.run(TestSpark.local(), config(spec, a, -1, 1));
        SweepJobResult rb = SweepJob.run(TestSpark.localCluster(), config(spec, b, -1, 3));
        assertThat(ra.generated()).isEqualTo(UNITS);
        assertThat(rb.generated()).isEqualTo(UNITS);
        assertThat(ra.errors()).isZero();
        SparkSession local = TestSpark.local();
        List<Row> rs = local.read().parquet(a.resolve("generations").toString()).orderBy("unit_id").collectAsList();
        assertThat(rs).hasSize(UNITS);
        Set<String> ids = new HashSet<>();
        Set<String> conditions = new HashSet<>();
        for (Row r : rs) {
            ids.add(r.getAs("unit_id"));
            conditions.add(r.getAs("condition"));
            Audio audio = WavFiles.read(a.resolve(r.<String>getAs("path")));
            assertThat(audio.sampleRate()).isEqualTo(32000);
            assertThat(audio.frames()).isEqualTo(15 * 640); // 0.3 s at 50 frames/s, 640 samples a frame
            assertThat(r.<String>getAs("model_fingerprint")).isEqualTo(ModelIdentity.of(model).fingerprint());
            assertThat(r.<Double>getAs("generation_seconds")).isPositive();
            assertThat(r.<Double>getAs("frame_rate")).isEqualTo(50.0); // the checkpoint's 32000 / 640
        }
        assertThat(ids).hasSize(UNITS);
        assertThat(conditions).hasSize(UNITS / 2).contains("unsteered",
                "notes:C|eta=0.3|w=exp:0.95,1|s=constant|p=0.3|cfg=both",
                "notes:D|eta=-0.3|w=exp:0.95,1|s=constant|p=0.3|cfg=both",
                "notes:C+chords:minor|mode=staggered|eta=2|w=exp:0.95,1|s=constant|p=1|cfg=both",
                "notes:C+notes:D|mode=cross-fade|fade=3..12|eta=2|w=uniform|s=constant|p=0.3|cfg=both");
        Row unsteered = rs.stream().filter(r -> r.getAs("condition").equals("unsteered")).findFirst().orElseThrow();
        assertThat((Object) unsteered.getAs("concept")).isNull();
        assertThat(unsteered.<Double>getAs("eta")).isZero();
        assertThat(unsteered.<String>getAs("directions_json")).isEqualTo("[]");
        Row fade = rs.stream().filter(r -> r.<String>getAs("condition").contains("cross-fade")).findFirst().orElseThrow();
        assertThat(fade.<String>getAs("directions_json")).contains("\"schedule\":\"fade-out:3..12\"")
                .contains("\"schedule\":\"fade-in:3..12\"").contains("\"pack\":\"notes\"").contains("\"layers\":[");
        assertThat(fade.<String>getAs("pack_fingerprints")).startsWith("notes=");
        // the same prompt and seed index get the same seed in every condition; steering changes the audio
        Row steered = rs.stream().filter(r -> r.<String>getAs("condition").startsWith("notes:C|eta=0.3")
                && r.<Integer>getAs("prompt_index") == unsteered.<Integer>getAs("prompt_index")).findFirst().orElseThrow();
        assertThat(steered.<Long>getAs("seed")).isEqualTo(unsteered.<Long>getAs("seed"));
        assertThat(Files.readAllBytes(a.resolve(steered.<String>getAs("path"))))
                .isNotEqualTo(Files.readAllBytes(a.resolve(unsteered.<String>getAs("path"))));
        assertThat(rows(local, b)).isEqualTo(rows(local, a));
        assertSameOutput(local, a, b);
        // how they were batched: alone in a; in b, 14 units of one prompt length in batches 3,3,3,3,2 mixing plans
        assertThat(rs).allSatisfy(r -> assertThat(r.<Integer>getAs("batch_size")).isEqualTo(1));
        List<Row> rb2 = local.read().parquet(b.resolve("generations").toString()).orderBy("unit_id").collectAsList();
        Map<String, List<Row>> byBatch = new TreeMap<>();
        rb2.forEach(r -> byBatch.computeIfAbsent(r.getAs("batch_id"), x -> new java.util.ArrayList<>()).add(r));
        assertThat(byBatch.values().stream().map(List::size).sorted().toList()).containsExactly(2, 3, 3, 3, 3);
        for (List<Row> batch : byBatch.values()) {
            assertThat(batch.stream().map(r -> r.<Integer>getAs("batch_index")).sorted().toList())
                    .isEqualTo(java.util.stream.IntStream.range(0, batch.size()).boxed().toList());
            assertThat(batch).allSatisfy(r -> assertThat(r.<Integer>getAs("batch_size")).isEqualTo(batch.size()));
        }
        assertThat(byBatch.values().stream().filter(x -> x.stream().map(r -> r.<String>getAs("condition")).distinct().count() > 1))
                .isNotEmpty();
        assertThat(local.read().parquet(a.resolve("errors").toString()).count()).isZero();
        assertThat(a.resolve("_COMPLETE.json")).isRegularFile();
        assertThat(a.resolve("spec.json")).isRegularFile();
    }

    /** Failures, kills and resumes run in batches of 2, the clean run in batches of 4: the same output. */
    @Test
    void failuresResumesExtensionsAndSubsetsEndInTheCleanRunsOutput() throws Exception {
        Path spec = writeSpec("spec-resume.json", spec("0.3, -0.3", ""));
        Path a = tmp.resolve("sweep-clean");
        SweepJobResult ra = SweepJob.run(TestSpark.local(), config(spec, a, -1));
        assertThat(ra.generated()).isEqualTo(UNITS);

        // an injected task failure, retried by Spark: the same output, no duplicates
        TestSpark.stopActive();
        SparkSession retrying = SparkSessions.getOrCreate("musicrfm-test-retry", "local[2,2]");
        Path c = tmp.resolve("sweep-retried");
        SweepJobResult rc = SweepJob.run(retrying, config(spec, c, 2, 2));
        assertThat(rc.errors()).isZero();
        assertSameOutput(retrying, a, c);

        // a run killed part-way (the failure not retried) and resumed: only the missing units are made
        TestSpark.stopActive();
        Path k = tmp.resolve("sweep-killed");
        SparkSession once = TestSpark.local();
        assertThatThrownBy(() -> SweepJob.run(once, config(spec, k, 2, 2))).hasStackTraceContaining("injected failure");
        long partial;
        try (var s = Files.list(k.resolve("units"))) {
            partial = s.filter(p -> p.toString().endsWith(".json")).count();
        }
        assertThat(partial).isBetween(1L, (long) UNITS - 1);
        assertThat(k.resolve("_COMPLETE.json")).doesNotExist();
        SweepJobResult rk = SweepJob.run(once, config(spec, k, -1));
        // (tasks cancelled by the abort may still finish a unit after the count above)
        assertThat(rk.skipped()).isGreaterThanOrEqualTo(partial);
        assertThat(rk.generated()).isEqualTo(UNITS - rk.skipped()).isPositive();
        assertSameOutput(once, a, k);

        // a re-run does nothing
        SweepJobResult again = SweepJob.run(once, config(spec, k, -1));
        assertThat(again.generated()).isZero();
        assertThat(again.skipped()).isEqualTo(UNITS);

        // a new η0 value: only its units (2 targets × 2 prompts) are generated, old WAVs untouched
        String firstId = once.read().parquet(a.resolve("generations").toString()).first().getAs("unit_id");
        Path anyOld = k.resolve("audio").resolve(firstId + ".wav");
        var before = Files.getLastModifiedTime(anyOld);
        Path extended = writeSpec("extended.json", spec("0.3, -0.3, 0.6", ""));
        SweepJobResult re = SweepJob.run(once, config(extended, k, -1));
        assertThat(re.generated()).isEqualTo(4);
        assertThat(re.skipped()).isEqualTo(UNITS);
        assertThat(Files.getLastModifiedTime(anyOld)).isEqualTo(before);
        assertThat(rows(once, k)).hasSize(UNITS + 4);

        // back to the first spec: the extra units are removed
        SweepJobResult shrunk = SweepJob.run(once, config(spec, k, -1));
        assertThat(shrunk.removed()).isEqualTo(4);
        assertThat(shrunk.generated()).isZero();
        assertSameOutput(once, a, k);

        // --limit / --sample: a seeded subset, the same on every run
        Path s1 = tmp.resolve("sample-1");
        Path s2 = tmp.resolve("sample-2");
        SweepJobConfig sample = new SweepJobConfig(spec.toString(), s1.toString(), null, Map.of(), 3, 0.5, 9L, "cpu",
                "float32", 1, -1);
        SweepJobResult rs1 = SweepJob.run(once, sample);
        SweepJob.run(once, new SweepJobConfig(spec.toString(), s2.toString(), null, Map.of(), 3, 0.5, 9L, "cpu", "float32",
                1, -1));
        assertThat(rs1.units()).isBetween(1L, 3L);
        assertSameOutput(once, s1, s2);
        assertThat(ra.units()).isEqualTo(UNITS);
    }

    @Test
    void badSpecsAreRefusedBeforeAnyWorkNamingTheField() throws Exception {
        SparkSession spark = TestSpark.local();
        String good = spec("0.3", "");
        Object[][] cases = {
                {good.replace("\"notes:C\", \"chords:minor\"", "\"notes:C\", \"keys:minor\""), "unknown pack 'keys'"},
                {good.replace("[\"C\", \"D\"]", "[\"C\", \"H\"]"), "target: 'H' is not a class of pack notes"},
                {good.replace("\"weighting\": \"uniform\"", "\"weighting\": \"uniform\", \"schedule\": \"wobble\""),
                        "|s=wobble|p=0.3|cfg=both.directions[0].schedule: schedule 'wobble'"},
                {good.replace("\"eta\": [0.3]", "\"eta\": [0.3, 50]"), "grids[0].directions[0].eta: 50.0 is out of range"},
                {good.replace("\"gate_p\": 0.3", "\"gate_p\": 1.5"), "grids[0].directions[0].gate_p: 1.5 is out of range"},
                {good.replace("\"seconds\": 0.3", "\"seconds\": -1"), "seconds: -1.0 is out of range"},
                {good.replace("\"fade\": \"3..12\"", "\"fade\": \"12..3\""),
                        "|fade=12..3|eta=2|w=uniform|s=constant|p=0.3|cfg=both.fade: '12..3': the end must come after the start"},
        };
        for (int i = 0; i < cases.length; i++) {
            Path spec = writeSpec("bad-" + i + ".json", (String) cases[i][0]);
            Path out = tmp.resolve("bad-out-" + i);
            assertThatThrownBy(() -> SweepJob.run(spark, config(spec, out, -1))).as("case %d", i)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining((String) cases[i][1]);
            assertThat(out).as("case %d", i).doesNotExist();
        }
        Path okSpec = writeSpec("ok.json", good);
        assertThatThrownBy(() -> SweepJob.run(spark, config(okSpec, tmp.resolve("bad-out-b"), -1, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--batch-size 0");
        assertThat(tmp.resolve("bad-out-b")).doesNotExist();
        Path missingPack = writeSpec("missing.json", good.replace(chords.toString(), tmp.resolve("nope.safetensors").toString()));
        assertThatThrownBy(() -> SweepJob.run(spark, config(missingPack, tmp.resolve("bad-out-m"), -1)))
                .hasMessageContaining("packs.chords: no such file");
    }
}
