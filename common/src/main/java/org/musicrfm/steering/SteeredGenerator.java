package org.musicrfm.steering;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.musicrfm.model.BlockHook;
import org.musicrfm.model.musicgen.KvCache;
import org.musicrfm.model.musicgen.MusicgenDecoderConfig;
import org.musicrfm.model.musicgen.MusicgenModel;
import org.musicrfm.model.musicgen.TextConditioning;

/**
 * Text-to-music decoding under a {@link SteeringPlan}, on the model runtime's forward pass and
 * {@link KvCache}: delay pattern (BOS/pad fill codebook {@code k}'s first {@code k + 1} and last
 * positions), classifier-free guidance (batch {@code [cond; uncond]}, unconditional text = zeros
 * under a zero mask, {@code logits = uncond + g·(cond − uncond)}), then greedy argmax or seeded
 * top-k/temperature sampling. Greedy output equals transformers' {@code generate} (tests). Each
 * sampling draw is a pure function of (seed, prompt index, step, codebook). {@code max_new_tokens = N}
 * gives {@code N − K + 1} frames, 50 per second.
 *
 * <p>This is the steering engine's own decoding loop, written against the runtime's public
 * forward/cache API while the runtime's generator (issue 4) is under way; switch callers to that
 * one when it lands.
 */
public final class SteeredGenerator {

    private SteeredGenerator() {}

    /**
     * Decoding settings; defaults as audiocraft's: guidance 3, top-k 250, temperature 1.
     *
     * @param topK        1 (or temperature 0) is greedy
     * @param seed        base seed of the sampling draws
     * @param cached      decode incrementally with the key/value cache (false: re-run the whole sequence each step)
     */
    public record Settings(double guidance, int topK, double temperature, long seed, boolean cached) {
        public static final double GUIDANCE = 3.0;
        public static final int TOP_K = 250;
        public static final double TEMPERATURE = 1.0;

        public Settings {
            if (!(guidance >= 1) || !Double.isFinite(guidance)) {
                throw new IllegalArgumentException("guidance " + guidance + ": expected >= 1 (1: no classifier-free guidance)");
            }
            if (topK < 1) {
                throw new IllegalArgumentException("top-k " + topK + ": expected >= 1");
            }
            if (!(temperature >= 0) || !Double.isFinite(temperature)) {
                throw new IllegalArgumentException("temperature " + temperature + ": expected >= 0");
            }
        }

        public static Settings sampling(long seed) {
            return new Settings(GUIDANCE, TOP_K, TEMPERATURE, seed, true);
        }

        public static Settings greedy() {
            return new Settings(GUIDANCE, 1, TEMPERATURE, 0, true);
        }

        public boolean isGreedy() {
            return topK == 1 || temperature == 0;
        }

        public Settings withCached(boolean c) {
            return new Settings(guidance, topK, temperature, seed, c);
        }
    }

    /** Decoding steps ({@code max_new_tokens}) for {@code seconds} of audio with {@code codebooks} codebooks. */
    public static int maxNewTokens(double seconds, int codebooks) {
        if (!(seconds > 0) || !Double.isFinite(seconds)) {
            throw new IllegalArgumentException("seconds " + seconds + ": expected > 0");
        }
        return (int) Math.max(1, Math.round(Steps.ofSeconds(seconds))) + codebooks - 1;
    }

    /** Tokenizes {@code prompts} and generates {@code seconds} of codes {@code [B][K][frames]}. */
    public static long[][][] generate(MusicgenModel model, List<String> prompts, double seconds, Settings settings,
                                      SteeringPlan plan) {
        if (prompts.isEmpty() || prompts.stream().anyMatch(p -> p == null || p.isBlank())) {
            throw new IllegalArgumentException("prompts must be non-empty texts, got " + prompts);
        }
        var tokens = model.tokenize(prompts);
        return generate(model, tokens.ids(), tokens.mask(), maxNewTokens(seconds, model.config().decoder().numCodebooks()),
                settings, plan);
    }

    /** Codes {@code [B][K][maxNewTokens − K + 1]} for prompts given as token ids and mask {@code [B][S]}. */
    public static long[][][] generate(MusicgenModel model, long[][] ids, long[][] mask, int maxNewTokens, Settings settings,
                                      SteeringPlan plan) {
        return generate(model, ids, mask, maxNewTokens, settings, plan, StepMap.DEFAULT);
    }

    /** As above, with the plan's steps counted by {@code steps} (e.g. starting later than 0). */
    public static long[][][] generate(MusicgenModel model, long[][] ids, long[][] mask, int maxNewTokens, Settings settings,
                                      SteeringPlan plan, StepMap steps) {
        MusicgenDecoderConfig dc = model.config().decoder();
        int k = dc.numCodebooks();
        int b = ids.length;
        int maxLen = maxNewTokens + 1;
        int frames = maxLen - k;
        if (frames < 1) {
            throw new IllegalArgumentException("max new tokens " + maxNewTokens + " gives no frame with " + k + " codebooks");
        }
        if (maxLen > dc.maxPositionEmbeddings()) {
            throw new IllegalArgumentException(frames + " frames (" + (frames / Steps.PER_SECOND) + " s) need " + maxLen
                    + " positions, beyond the model's " + dc.maxPositionEmbeddings());
        }
        plan.validateFor(model.numLayers(), dc.hiddenSize());
        boolean cfg = settings.guidance() > 1;
        int rows = cfg ? 2 * b : b;
        long[][][] seq = new long[b][k][maxLen];
        for (long[][] clip : seq) {
            for (long[] row : clip) {
                row[0] = dc.bosTokenId();
            }
        }
        try (NDManager scope = model.newScope(); SteeringHook steering = plan.hook(scope, steps, b)) {
            BlockHook hook = plan.isNoop() ? null : steering;
            TextConditioning text = model.encodeTokens(scope, ids, mask);
            if (cfg) {
                text = new TextConditioning(text.states().concat(text.states().zerosLike(), 0), // [2B, S, H]
                        text.mask().concat(text.mask().zerosLike(), 0));
            }
            KvCache cache = settings.cached() ? new KvCache(scope, model.numLayers()) : null;
            for (int t = 0; t < maxNewTokens; t++) {
                int from = settings.cached() ? t : 0;
                int len = t + 1 - from;
                long[] flat = new long[rows * k * len];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < k; c++) {
                        System.arraycopy(seq[r % b][c], from, flat, (r * k + c) * len, len);
                    }
                }
                float[] logits;
                try (NDManager step = scope.newSubManager()) {
                    NDArray input = step.create(flat, new Shape((long) rows * k, len));
                    NDArray last = model.model().forward(input, text, hook, null, cache).get(":, -1, :"); // [rows*K, V]
                    if (cfg) {
                        NDList halves = last.split(2, 0);
                        NDArray cond = halves.get(0);
                        NDArray uncond = halves.get(1);
                        last = uncond.add(cond.sub(uncond).mul((float) settings.guidance()));
                    }
                    logits = last.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray(); // [B*K*V]
                }
                int vocab = logits.length / (b * k);
                int p = t + 1;
                for (int i = 0; i < b; i++) {
                    for (int c = 0; c < k; c++) {
                        long v;
                        if (p <= c) {
                            v = dc.bosTokenId();
                        } else if (p > c + frames) {
                            v = dc.padTokenId();
                        } else {
                            int at = (i * k + c) * vocab;
                            v = settings.isGreedy() ? argMax(logits, at, vocab)
                                    : sample(logits, at, vocab, settings, SplitMix.uniform(settings.seed(), i, t, c));
                        }
                        seq[i][c][p] = v;
                    }
                }
            }
        }
        long[][][] codes = new long[b][k][frames];
        for (int i = 0; i < b; i++) {
            for (int c = 0; c < k; c++) {
                System.arraycopy(seq[i][c], c + 1, codes[i][c], 0, frames);
            }
        }
        return codes;
    }

    /** First index of the largest value (torch.argmax's tie rule). */
    static int argMax(float[] x, int at, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (x[at + j] > x[at + best]) {
                best = j;
            }
        }
        return best;
    }

    /**
     * Top-k then temperature softmax sampling by inverse CDF with uniform {@code u}: keeps every logit
     * at least the k-th largest (ties kept, as transformers' top-k warper).
     */
    static int sample(float[] x, int at, int n, Settings s, double u) {
        int k = Math.min(s.topK(), n);
        float[] sorted = new float[n];
        System.arraycopy(x, at, sorted, 0, n);
        java.util.Arrays.sort(sorted);
        float threshold = sorted[n - k];
        float max = sorted[n - 1];
        double total = 0;
        double[] w = new double[n];
        for (int j = 0; j < n; j++) {
            if (x[at + j] >= threshold) {
                w[j] = Math.exp((x[at + j] - max) / s.temperature());
                total += w[j];
            }
        }
        double target = u * total;
        double cum = 0;
        int lastKept = -1;
        for (int j = 0; j < n; j++) {
            if (w[j] > 0) {
                cum += w[j];
                lastKept = j;
                if (cum > target) {
                    return j;
                }
            }
        }
        return lastKept;
    }
}
