package org.musicrfm.steering;

import ai.djl.ndarray.NDManager;
import java.util.function.Function;
import org.musicrfm.model.BlockHook;
import org.musicrfm.model.musicgen.Generation;
import org.musicrfm.model.musicgen.GenerationConfig;
import org.musicrfm.model.musicgen.MusicgenGenerator;
import org.musicrfm.model.musicgen.StepListener;

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
