package org.musicrfm.model.musicgen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import org.musicrfm.model.BlockHook;
import org.musicrfm.model.HookContext;
import org.musicrfm.model.SplitMix;
import org.musicrfm.model.StepMap;
import org.musicrfm.model.t5.T5Tokenizer;

/**
 * Text-to-music decoding on a loaded {@link MusicgenModel}, as transformers' {@code generate}:
 * <ul>
 *   <li>delay pattern: every row starts with the BOS; codebook {@code k} is forced to BOS at positions
 *       {@code 0..k} and to pad after its last frame; the codes are read back unshifted;</li>
 *   <li>classifier-free guidance: batch {@code [cond; uncond]}, the unconditional text being zero
 *       states under a zero mask (its cross attention gives exactly 0; no −inf),
 *       {@code logits = uncond + g·(cond − uncond)};</li>
 *   <li>greedy argmax, or top-k / temperature sampling whose draws are a pure function of (seed, prompt
 *       index, sample index, step, codebook);</li>
 *   <li>the key/value cache (one position per step) or, for checks, the whole sequence every step;</li>
 *   <li>an optional {@link BlockHook} on every block output, told the step that produced each position
 *       and the CFG row layout ({@link HookContext}); no hook, no cost.</li>
 * </ul>
 * {@code N} decoding steps give {@code N − K + 1} frames, 50 per second of 32 kHz audio.
 */
public final class MusicgenGenerator {

    private final MusicgenModel model;
    private final MusicgenDecoderConfig decoder;
    private final double frameRate;

    public MusicgenGenerator(MusicgenModel model) {
        this.model = model;
        this.decoder = model.config().decoder();
        this.frameRate = frameRate(model.config());
    }

    public MusicgenModel model() {
        return model;
    }

    /** Frames (decoding steps) per second of audio: sampling rate / EnCodec hop (50 at 32 kHz). */
    public double frameRate() {
        return frameRate;
    }

    /** Decoding steps of {@code config}, checked against the model's positions. */
    public int steps(GenerationConfig config) {
        return steps(model.config(), config);
    }

    /** Frames per second of a model's audio: sampling rate / EnCodec hop (50 at 32 kHz). */
    public static double frameRate(MusicgenConfig model) {
        return model.audioEncoder().samplingRate() / (double) model.audioEncoder().hopLength();
    }

    /**
     * Decoding steps of {@code config} on a model with configuration {@code model} (no weights needed),
     * checked: at least one frame, and no more positions than {@code max_position_embeddings}.
     */
    public static int steps(MusicgenConfig model, GenerationConfig config) {
        MusicgenDecoderConfig dc = model.decoder();
        double rate = frameRate(model);
        int k = dc.numCodebooks();
        int n = config.maxNewTokens(k, rate);
        int frames = n - k + 1;
        if (frames < 1) {
            throw new IllegalArgumentException("max new tokens " + n + " gives no frame with " + k + " codebooks (need >= " + k
                    + ")");
        }
        if (n > dc.maxPositionEmbeddings()) {
            int maxFrames = dc.maxPositionEmbeddings() - k + 1;
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%d frames (%.2f s) need %d positions, beyond the model's %d (max_position_embeddings): at most %d "
                            + "frames (%.2f s)", frames, frames / rate, n, dc.maxPositionEmbeddings(), maxFrames,
                    maxFrames / rate));
        }
        return n;
    }

    /** Generates from {@code config}'s prompts and decodes the audio. */
    public Generation generate(GenerationConfig config) {
        return generate(config, null, StepListener.NONE);
    }

    /**
     * Generates under {@code hook} (null: none) and decodes the audio, each clip on its own so that its
     * samples depend only on its codes, never on the batch it was generated in.
     */
    public Generation generate(GenerationConfig config, BlockHook hook, StepListener listener) {
        long[][][] codes = generateCodes(config, hook, listener);
        float[][] audio = new float[codes.length][];
        for (int r = 0; r < codes.length; r++) {
            audio[r] = model.decodeAudio(new long[][][] {codes[r]})[0];
        }
        return new Generation(codes, audio, model.config().audioEncoder().samplingRate());
    }

    /** Codes {@code [P · S][K][frames]} for {@code config}'s prompts (tokenized with the model's tokenizer). */
    public long[][][] generateCodes(GenerationConfig config, BlockHook hook, StepListener listener) {
        if (config.prompts().isEmpty()) {
            throw new IllegalArgumentException("no prompts: expected at least one text");
        }
        steps(config); // a bad length fails before tokenizing
        T5Tokenizer.Tokens t = model.tokenize(config.prompts());
        return generateCodes(t.ids(), t.mask(), config, hook, listener);
    }

    /**
     * Codes {@code [P · S][K][frames]} for prompts given as T5 token ids and mask {@code [P][L]}
     * ({@code config.prompts()} may then be empty; when not, it must have P entries).
     */
    public long[][][] generateCodes(long[][] ids, long[][] mask, GenerationConfig config, BlockHook hook,
                                    StepListener listener) {
        return generateCodes(ids, mask, config, null, hook, listener);
    }

    /**
     * A batch of independent clips: row {@code r} of {@code ids}/{@code mask} is one clip, sampled as
     * the first sample of the first prompt of a generation seeded {@code rowSeeds[r]} — the draws a
     * one-prompt generation with that seed makes — so each row's draws are those it gets alone.
     * {@code config} gives the length and sampling settings (its prompts, seed, prompt index and
     * samples per prompt are ignored); {@code hook} sees the whole batch ({@code [rows; unconditional rows]}).
     */
    public long[][][] generateRows(long[][] ids, long[][] mask, GenerationConfig config, long[] rowSeeds, BlockHook hook,
                                   StepListener listener) {
        if (rowSeeds == null || rowSeeds.length != ids.length) {
            throw new IllegalArgumentException((rowSeeds == null ? "no" : String.valueOf(rowSeeds.length))
                    + " row seeds for " + ids.length + " rows: expected one per row");
        }
        GenerationConfig rows = config.toBuilder().prompts(java.util.List.of()).samplesPerPrompt(1).firstPromptIndex(0)
                .build();
        return generateCodes(ids, mask, rows, rowSeeds.clone(), hook, listener);
    }

    private long[][][] generateCodes(long[][] ids, long[][] mask, GenerationConfig config, long[] rowSeeds, BlockHook hook,
                                     StepListener listener) {
        if (ids.length == 0 || ids.length != mask.length) {
            throw new IllegalArgumentException("token ids for " + ids.length + " prompts with a mask for " + mask.length
                    + ": expected the same number, at least 1");
        }
        if (!config.prompts().isEmpty() && config.prompts().size() != ids.length) {
            throw new IllegalArgumentException(config.prompts().size() + " prompts but token ids for " + ids.length);
        }
        int steps = steps(config);
        int k = decoder.numCodebooks();
        int frames = steps - k + 1;
        int samples = config.samplesPerPrompt();
        int b = ids.length * samples;
        boolean cfg = config.isGuided();
        int rows = cfg ? 2 * b : b;
        long[][][] seq = new long[b][k][steps + 1];
        for (long[][] clip : seq) {
            for (long[] row : clip) {
                row[0] = decoder.bosTokenId();
            }
        }
        BlockHook layoutHook = hook == null ? null
                : hook.withLayout(new StepMap(1, config.firstStep()), cfg ? b : HookContext.ALL_ROWS);
        try (NDManager scope = model.newScope()) {
            TextConditioning text = model.encodeTokens(scope, repeatRows(ids, samples), repeatRows(mask, samples));
            if (cfg) { // [B, S, H] -> [2B, S, H]: unconditional rows = zero states under a zero mask
                text = new TextConditioning(text.states().concat(text.states().zerosLike(), 0),
                        text.mask().concat(text.mask().zerosLike(), 0));
            }
            KvCache cache = config.kvCache() ? new KvCache(scope, model.numLayers(), steps) : null;
            for (int t = 0; t < steps; t++) {
                float[] logits = stepLogits(scope, seq, t, rows, text, layoutHook, cache, config.guidance()); // [B*K*V]
                int vocab = logits.length / (b * k);
                int p = t + 1;
                for (int r = 0; r < b; r++) {
                    for (int c = 0; c < k; c++) {
                        seq[r][c][p] = p <= c ? decoder.bosTokenId()
                                : p > c + frames ? decoder.padTokenId()
                                : pick(logits, (r * k + c) * vocab, vocab, config, rowSeeds, r, t, c);
                    }
                }
                listener.onStep(t + 1, steps);
            }
        }
        long[][][] codes = new long[b][k][frames];
        for (int r = 0; r < b; r++) {
            for (int c = 0; c < k; c++) {
                System.arraycopy(seq[r][c], c + 1, codes[r][c], 0, frames);
            }
        }
        return codes;
    }

    /** Guided logits of the last position after decoding step {@code t}, copied to Java: {@code [B * K * V]}. */
    private float[] stepLogits(NDManager scope, long[][][] seq, int t, int rows, TextConditioning text, BlockHook hook,
                               KvCache cache, double guidance) {
        int b = seq.length;
        int k = seq[0].length;
        int from = cache != null ? t : 0;
        int len = t + 1 - from;
        long[] flat = new long[rows * k * len];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < k; c++) {
                System.arraycopy(seq[r % b][c], from, flat, (r * k + c) * len, len);
            }
        }
        try (NDManager step = scope.newSubManager()) {
            NDArray input = step.create(flat, new Shape((long) rows * k, len));
            NDArray last = model.model().forward(input, text, hook, null, cache).get(":, -1, :"); // [rows*K, V]
            if (rows != b) {
                NDList halves = last.split(2, 0);
                NDArray cond = halves.get(0);
                NDArray uncond = halves.get(1);
                last = uncond.add(cond.sub(uncond).mul((float) guidance)); // [B*K, V]
            }
            return last.toType(DataType.FLOAT32, false).toFloatArray();
        }
    }

    private long pick(float[] logits, int at, int vocab, GenerationConfig config, long[] rowSeeds, int row, int step,
                      int codebook) {
        if (config.isGreedy()) {
            return TokenSampler.argMax(logits, at, vocab);
        }
        int s = config.samplesPerPrompt();
        double u = rowSeeds != null ? SplitMix.uniform(rowSeeds[row], 0, 0, step, codebook)
                : SplitMix.uniform(config.seed(), config.firstPromptIndex() + row / s, row % s, step, codebook);
        return TokenSampler.sample(logits, at, vocab, config.topK(), config.temperature(), u);
    }

    /** Each row {@code n} times in a row: {@code [P][L] -> [P·n][L]}. */
    private static long[][] repeatRows(long[][] a, int n) {
        if (n == 1) {
            return a;
        }
        long[][] out = new long[a.length * n][];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i / n];
        }
        return out;
    }
}
