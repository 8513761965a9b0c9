package org.musicrfm.steering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.musicrfm.model.HookContext;
import org.musicrfm.model.StepMap;

/** The plan's arithmetic: coefficients, several directions, cross-fades, CFG rows, zero cost, the caching hook. */
class SteeringPlanTest {

    /** Steps per second for schedule texts (musicgen-small's 32000 / 640). */
    private static final double RATE = 50;

    static final int H = 4;

    /** A 4-row CFG batch at {@code offset}: rows 0-1 conditional, 2-3 unconditional; step = position. */
    static HookContext cfgHalves(int offset) {
        return new HookContext(offset, StepMap.DEFAULT, 2);
    }

    static Map<Integer, float[]> vectors(float scale) {
        return Map.of(0, new float[] {scale, 0, 0, 0}, 1, new float[] {0, scale, 0, 0}, 2, new float[] {0, 0, scale, 1});
    }

    @Test
    void oneDirectionIsEtaTimesWeightTimesScheduleTimesGateTimesQ() {
        SteeringDirection d = SteeringDirection.builder("a", vectors(1))
                .weighting(LayerWeighting.explicit(Map.of(0, 0.5, 2, 2.0)))
                .eta(0.4).schedule(Schedule.expDecay(0.5)).gate(Gate.sequence(1, 0)).build();
        SteeringPlan plan = SteeringPlan.of(d);
        assertThat(plan.layers()).containsExactly(0, 2);
        assertThat(plan.addition(0, 0, true)).containsExactly(0.2f, 0, 0, 0);          // 0.4 · 0.5 · 1 · 1
        assertThat(plan.addition(2, 2, true)).containsExactly(0, 0, 0.2f, 0.2f);       // 0.4 · 2 · 0.25 · 1
        assertThat(plan.addition(2, 1, true)).containsExactly(0, 0, 0, 0);             // gate closed at odd steps
        assertThat(plan.addition(1, 0, true)).containsExactly(0, 0, 0, 0);             // weight 0: not steered
        assertThat(d.coefficient(2, 4, false)).isEqualTo(0.4 * 2 * 0.0625);
    }

    @Test
    void directionsAddUpAndStaggerAndCrossFade() {
        SteeringDirection a = SteeringDirection.builder("a", vectors(1)).eta(1).build();
        SteeringDirection b = SteeringDirection.builder("b", vectors(-2)).eta(0.5).build();
        SteeringPlan both = SteeringPlan.of(a, b);
        assertThat(both.addition(1, 9, true)).containsExactly(0, 0, 0, 0);   // 1·1 + 0.5·(−2)
        assertThat(both.addition(2, 9, true)).containsExactly(0, 0, 0, 1.5f); // unscaled last entry: 1 + 0.5·1

        SteeringPlan staggered = SteeringPlan.of(a.withSchedule(Schedule.constant(1).window(0, 10)),
                b.withSchedule(Schedule.constant(1).startingAt(5)));
        assertThat(staggered.addition(0, 4, true)[0]).isEqualTo(1f);
        assertThat(staggered.addition(0, 7, true)[0]).isEqualTo(0f);
        assertThat(staggered.addition(0, 12, true)[0]).isEqualTo(-1f);

        SteeringPlan fade = SteeringPlan.builder().crossFade(a, b, 100, 200).build();
        assertThat(fade.directions().get(0).schedule().spec()).isEqualTo("fade-out:100..200");
        assertThat(fade.directions().get(1).schedule().spec()).isEqualTo("fade-in:100..200");
        assertThat(fade.addition(0, 50, true)[0]).isEqualTo(1f);
        assertThat(fade.addition(0, 150, true)[0]).isEqualTo(0.5f * 1 + 0.5f * 0.5f * -2);
        assertThat(fade.addition(0, 250, true)[0]).isEqualTo(-1f);

        SteeringPlan expFade = SteeringPlan.builder().crossFade(a, b, Schedule.parse("1-exp-decay:0.5", RATE)).build();
        assertThat(expFade.directions().get(0).schedule().value(1)).isEqualTo(0.5);
        assertThat(expFade.directions().get(1).schedule().value(1)).isEqualTo(0.5);
    }

    @Test
    void cfgRowsChooseWhatTheUnconditionalRowsGet() {
        SteeringDirection cond = SteeringDirection.builder("c", vectors(1)).cfgRows(CfgRows.parse("cond")).build();
        SteeringPlan p = SteeringPlan.of(cond);
        assertThat(p.rowDependent()).isTrue();
        assertThat(p.addition(0, 0, true)[0]).isEqualTo(1f);
        assertThat(p.addition(0, 0, false)[0]).isEqualTo(0f);
        SteeringPlan sep = SteeringPlan.of(cond.withCfgRows(CfgRows.parse("1,0.25")));
        assertThat(sep.addition(0, 0, false)[0]).isEqualTo(0.25f);
        assertThat(SteeringPlan.of(cond.withCfgRows(CfgRows.BOTH)).rowDependent()).isFalse();
    }

    @Test
    void inactiveDirectionsCostNothing() {
        SteeringDirection a = SteeringDirection.builder("a", vectors(1)).build();
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray hidden = m.randomNormal(new Shape(2, 3, H));
            for (SteeringPlan p : new SteeringPlan[] {SteeringPlan.of(a.withEta(0)),
                    SteeringPlan.of(a.withGate(Gate.bernoulli(0, Gate.Mode.STEP, 1))),
                    SteeringPlan.of(a.withSchedule(Schedule.constant(0))), SteeringPlan.none()}) {
                assertThat(p.isNoop()).isTrue();
                try (SteeringHook hook = p.hook(m)) {
                    for (int l = 0; l < 3; l++) {
                        assertThat(hook.apply(l, hidden, 0)).isSameAs(hidden);
                    }
                    assertThat(hook.builds()).isZero();
                }
                assertThat(p.apply(0, hidden, 0)).isSameAs(hidden);
            }
            // a closed gate at this step: the block is left alone, no add
            SteeringPlan gated = SteeringPlan.of(a.withGate(Gate.sequence(0, 1)));
            try (SteeringHook hook = gated.hook(m)) {
                assertThat(hook.apply(1, hidden.get(":, 0:1, :"), 0)).isNotSameAs(hidden);
                NDArray one = hidden.get(":, 0:1, :");
                assertThat(hook.apply(1, one, 0)).isSameAs(one);
            }
        }
    }

    @Test
    void hookAddsEachPositionsOwnStepAndAgreesCachedAndUncached() {
        SteeringDirection a = SteeringDirection.builder("a", vectors(1)).eta(0.7)
                .schedule(Schedule.linearDecay(6)).gate(Gate.bernoulli(0.5, Gate.Mode.STEP_LAYER, 5)).build();
        SteeringDirection b = SteeringDirection.builder("b", vectors(0.5f)).eta(-0.3).schedule(Schedule.sine(4))
                .cfgRows(CfgRows.CONDITIONAL).build();
        SteeringPlan plan = SteeringPlan.of(a, b);
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            int t = 6;
            NDArray hidden = m.randomNormal(new Shape(4, t, H)); // rows 0-1 conditional, 2-3 unconditional
            float[] h = hidden.toFloatArray();
            try (SteeringHook full = plan.hook(m); SteeringHook inc = plan.hook(m)) {
                for (int layer = 0; layer < 3; layer++) {
                    float[] got = full.apply(layer, hidden, cfgHalves(0)).toFloatArray();
                    for (int r = 0; r < 4; r++) {
                        for (int i = 0; i < t; i++) {
                            float[] add = plan.addition(layer, i, r < 2);
                            for (int k = 0; k < H; k++) {
                                int at = (r * t + i) * H + k;
                                assertThat(got[at]).isEqualTo(h[at] + add[k]);
                            }
                        }
                    }
                    for (int i = 0; i < t; i++) {
                        NDArray step = hidden.get(":, {}:{}, :", i, i + 1);
                        float[] one = inc.apply(layer, step, cfgHalves(i)).toFloatArray();
                        for (int r = 0; r < 4; r++) {
                            for (int k = 0; k < H; k++) {
                                assertThat(one[r * H + k]).isEqualTo(got[(r * t + i) * H + k]);
                            }
                        }
                    }
                }
                // prompt of 3 positions: positions 0..2 are step 0, position 3 is step 1
                try (SteeringHook prompt = plan.hook(m)) {
                    float[] got = prompt.apply(0, hidden.get(":, 3:4, :"), new HookContext(3, new StepMap(3), 2))
                            .toFloatArray();
                    float[] add = plan.addition(0, 1, true);
                    assertThat(got[0]).isEqualTo(h[3 * H] + add[0]);
                }
            }
        }
    }

    @Test
    void oneBuildPerForwardCallAndHalfPrecision() {
        SteeringDirection a = SteeringDirection.builder("a", vectors(1)).schedule(Schedule.expDecay(0.9)).build();
        SteeringPlan plan = SteeringPlan.of(a);
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray hidden = m.zeros(new Shape(2, 1, H));
            try (SteeringHook hook = plan.hook(m)) {
                for (int step = 0; step < 5; step++) {
                    for (int layer = 0; layer < 3; layer++) {
                        NDArray out = hook.apply(layer, hidden, step);
                        assertThat(out.getFloat(1, 0, layer)).isCloseTo((float) Math.pow(0.9, step), within(1e-7f));
                    }
                }
                assertThat(hook.builds()).isEqualTo(5);
                NDArray half = hidden.toType(DataType.FLOAT64, false);
                assertThat(hook.apply(0, half, 0).getDataType()).isEqualTo(DataType.FLOAT64);
            }
        }
    }

    @Test
    void mismatchesAreClearErrors() {
        SteeringDirection a = SteeringDirection.builder("a", vectors(1)).build();
        SteeringPlan plan = SteeringPlan.of(a);
        assertThatThrownBy(() -> plan.validateFor(2, H)).hasMessageContaining("block 2").hasMessageContaining("2 blocks");
        assertThatThrownBy(() -> plan.validateFor(3, 8)).hasMessageContaining("hidden size 4").hasMessageContaining("8");
        SteeringDirection other = SteeringDirection.builder("b", Map.of(0, new float[8])).build();
        assertThatThrownBy(() -> SteeringPlan.of(a, other)).hasMessageContaining("hidden size 8");
        assertThatThrownBy(() -> SteeringDirection.builder("x", new java.util.TreeMap<>(Map.of(0, new float[2], 1, new float[3]))))
                .hasMessageContaining("length 3, expected 2");
        assertThatThrownBy(() -> SteeringDirection.builder("x", vectors(1)).layers(java.util.List.of(5)).build())
                .hasMessageContaining("layer 5 selected");
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch"); SteeringHook hook = plan.hook(m)) {
            assertThatThrownBy(() -> hook.apply(0, m.zeros(new Shape(1, 1, 8)), 0))
                    .hasMessageContaining("[B, T, 4]");
        }
    }
}
