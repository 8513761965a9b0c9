package org.musicrfm.steering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.musicrfm.model.TinyModel;
import org.musicrfm.model.musicgen.Generation;
import org.musicrfm.model.musicgen.GenerationConfig;
import org.musicrfm.model.musicgen.MusicgenGenerator;
import org.musicrfm.model.musicgen.StepListener;

/**
 * Batched generation with a plan per row: every row's codes and audio are bit for bit those of its
 * clip generated alone, whatever the other rows' plans; a clip does not depend on the thread that
 * made it; bad batches are refused naming the row.
 */
class BatchedGenerationTest {

    /** Steps per second for schedule texts (musicgen-small's 32000 / 640). */
    private static final double RATE = 50;

    static final GenerationConfig CONFIG = GenerationConfig.builder().prompt("x").seconds(0.2).topK(50).build();

    static SteeringDirection.Builder direction(String name, int scale) {
        Map<Integer, float[]> v = new TreeMap<>();
        SteeredGenerationTest.fixtureDirections().forEach((l, q) -> {
            float[] s = q.clone();
            for (int i = 0; i < s.length; i++) {
                s[i] *= scale;
            }
            v.put(l, s);
        });
        return SteeringDirection.builder(name, v);
    }

    /** Five rows: unsteered, a gated decaying direction, conditional rows only, two directions, a negative η0. */
    static List<SteeredGenerator.Row> rows() {
        SteeringPlan gated = SteeringPlan.of(direction("a", 1).eta(1.2).schedule(Schedule.parse("exp-decay:0.9", RATE))
                .gate(Gate.bernoulli(0.3, Gate.Mode.STEP, 5)).build());
        SteeringPlan conditional = SteeringPlan.of(direction("b", 1).eta(0.8).cfgRows(CfgRows.CONDITIONAL).build());
        SteeringPlan two = SteeringPlan.of(direction("a2", 1).eta(0.6).build(),
                direction("c", -2).eta(0.4).gate(Gate.bernoulli(0.5, Gate.Mode.STEP_LAYER, 9)).build());
        SteeringPlan negative = SteeringPlan.of(direction("a", 1).eta(-1.5).build());
        return List.of(new SteeredGenerator.Row("calm piano song in C major", 11, SteeringPlan.none()),
                new SteeredGenerator.Row("a fast jazz beat with drums", 12, gated),
                new SteeredGenerator.Row("calm piano song in C major", 13, conditional),
                new SteeredGenerator.Row("calm piano song in C major", 11, two),
                new SteeredGenerator.Row("a fast jazz beat with drums", 14, negative));
    }

    static Generation alone(MusicgenGenerator g, SteeredGenerator.Row r) {
        return SteeredGenerator.generate(g, CONFIG.toBuilder().prompt(r.prompt()).seed(r.seed()).build(), r.plan(),
                StepListener.NONE);
    }

    @Test
    void everyRowOfAMixedPlanBatchIsItsClipGeneratedAlone() {
        MusicgenGenerator g = new MusicgenGenerator(TinyModel.get());
        List<SteeredGenerator.Row> rows = rows();
        Generation batch = SteeredGenerator.generateBatch(g, CONFIG, rows, StepListener.NONE);
        assertThat(batch.rows()).isEqualTo(5);
        assertThat(batch.audio()).hasDimensions(5, 10 * 640);
        List<long[][]> codes = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            Generation one = alone(g, rows.get(r));
            assertThat(batch.codes()[r]).as("codes of row %d", r).isEqualTo(one.codes()[0]);
            assertThat(batch.audio()[r]).as("audio of row %d", r).containsExactly(one.audio()[0]);
            codes.add(one.codes()[0]);
        }
        // the plans matter: rows 0 and 3 share prompt and seed, rows 1 and 4 differ only in plan and seed
        assertThat(codes.get(3)).isNotEqualTo(codes.get(0));
        // the same rows in another order and batch size give the same clips
        Generation pair = SteeredGenerator.generateBatch(g, CONFIG, List.of(rows.get(4), rows.get(2)), StepListener.NONE);
        assertThat(pair.codes()[0]).isEqualTo(codes.get(4));
        assertThat(pair.codes()[1]).isEqualTo(codes.get(2));
        // without guidance (no unconditional rows) as well
        GenerationConfig plain = CONFIG.toBuilder().guidance(1).build();
        Generation noCfg = SteeredGenerator.generateBatch(g, plain, rows.subList(1, 4), StepListener.NONE);
        for (int r = 1; r < 4; r++) {
            SteeredGenerator.Row row = rows.get(r);
            Generation one = SteeredGenerator.generate(g, plain.toBuilder().prompt(row.prompt()).seed(row.seed()).build(),
                    row.plan(), StepListener.NONE);
            assertThat(noCfg.codes()[r - 1]).as("unguided row %d", r).isEqualTo(one.codes()[0]);
        }
    }

    @Test
    void aClipDoesNotDependOnTheThreadThatMadeIt() throws Exception {
        MusicgenGenerator g = new MusicgenGenerator(TinyModel.get());
        SteeredGenerator.Row row = rows().get(1);
        Generation here = alone(g, row);
        AtomicReference<Generation> there = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                there.set(alone(g, row));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "other-thread");
        t.start();
        t.join();
        assertThat(failure.get()).isNull();
        assertThat(there.get().codes()).isDeepEqualTo(here.codes());
        assertThat(there.get().audio()[0]).containsExactly(here.audio()[0]);
    }

    @Test
    void badBatchesAreRefusedNamingTheRow() {
        MusicgenGenerator g = new MusicgenGenerator(TinyModel.get());
        SteeringPlan wide = SteeringPlan.of(SteeringDirection.builder("w", Map.of(0, new float[64])).build());
        List<SteeredGenerator.Row> rows = List.of(rows().get(0), new SteeredGenerator.Row("piano", 1, wide));
        assertThatThrownBy(() -> SteeredGenerator.generateBatch(g, CONFIG, rows, StepListener.NONE))
                .hasMessageContaining("plan of clip 1").hasMessageContaining("hidden size 64");
        assertThatThrownBy(() -> SteeredGenerator.generateBatch(g, CONFIG, List.of(), StepListener.NONE))
                .hasMessageContaining("empty batch");
        assertThatThrownBy(() -> g.generateRows(new long[][] {{1}}, new long[][] {{1}}, CONFIG, new long[] {1, 2}, null,
                StepListener.NONE)).hasMessageContaining("2 row seeds for 1 rows");
    }
}
