package org.musicrfm.steering;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.function.Function;
import org.musicrfm.model.BlockHook;
import org.musicrfm.model.musicgen.Generation;
import org.musicrfm.model.musicgen.GenerationConfig;
import org.musicrfm.model.musicgen.MusicgenGenerator;
import org.musicrfm.model.musicgen.StepListener;
import org.musicrfm.model.t5.T5Tokenizer;

/**
 * Generation under a {@link SteeringPlan}: the runtime's {@link MusicgenGenerator} with the plan's
 * caching {@link SteeringHook} (none at all when the plan never adds anything), after checking the
 * plan against the model's blocks and width.
 */
public final class SteeredGenerator {

    private SteeredGenerator() {}

    /** Codes and audio of {@code config}'s prompts, steered by {@code plan}. */
    public static Generation generate(MusicgenGenerator generator, GenerationConfig config, SteeringPlan plan,
                                      StepListener listener) {
        return withHook(generator, plan, hook -> generator.generate(config, hook, listener));
    }

    /** Codes {@code [P · S][K][frames]} of prompts given as token ids and mask, steered by {@code plan}. */
    public static long[][][] generateCodes(MusicgenGenerator generator, long[][] ids, long[][] mask, GenerationConfig config,
                                           SteeringPlan plan) {
        return withHook(generator, plan, hook -> generator.generateCodes(ids, mask, config, hook, StepListener.NONE));
    }

    /** One clip of a batch: its prompt, sampling and gate seed, and steering plan. */
    public record Row(String prompt, long seed, SteeringPlan plan) {
        public Row {
            if (prompt == null || prompt.isBlank()) {
                throw new IllegalArgumentException("batch row: empty prompt");
            }
            if (plan == null) {
                throw new IllegalArgumentException("batch row '" + prompt + "': no plan (use SteeringPlan.none())");
            }
        }
    }

    /**
     * Generates {@code rows} as one batch, each clip under its own plan (the plans may differ in every
     * knob), with {@code config}'s length and sampling settings (its prompts and seed are not used).
     * Each clip's draws are those of a one-prompt generation seeded with its row's seed, and each
     * clip's audio is decoded alone, so a clip is what {@link #generate} makes for it alone as long as
     * the batched forward pass gives each row the numbers it gets alone (prompts of equal token length:
     * no padding).
     */
    public static Generation generateBatch(MusicgenGenerator generator, GenerationConfig config, List<Row> rows,
                                           StepListener listener) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("empty batch: expected at least one row");
        }
        var model = generator.model();
        T5Tokenizer.Tokens t = model.tokenize(rows.stream().map(Row::prompt).toList());
        long[] seeds = rows.stream().mapToLong(Row::seed).toArray();
        List<SteeringPlan> plans = rows.stream().map(Row::plan).toList();
        long[][][] codes;
        try (NDManager scope = model.newScope(); BatchSteeringHook hook = new BatchSteeringHook(plans, scope)) {
            hook.validateFor(model.numLayers(), model.config().decoder().hiddenSize());
            codes = generator.generateRows(t.ids(), t.mask(), config, seeds, hook.isNoop() ? null : hook, listener);
        }
        float[][] audio = new float[codes.length][];
        for (int r = 0; r < codes.length; r++) {
            audio[r] = model.decodeAudio(new long[][][] {codes[r]})[0];
        }
        return new Generation(codes, audio, model.config().audioEncoder().samplingRate());
    }

    private static <T> T withHook(MusicgenGenerator generator, SteeringPlan plan, Function<BlockHook, T> run) {
        var model = generator.model();
        plan.validateFor(model.numLayers(), model.config().decoder().hiddenSize());
        if (plan.isNoop()) {
            return run.apply(null);
        }
        try (NDManager scope = model.newScope(); SteeringHook hook = plan.hook(scope)) {
            return run.apply(hook);
        }
    }
}
