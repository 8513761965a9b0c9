package org.musicrfm.model.musicgen;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * Settings of one text-to-music generation (immutable; defaults as audiocraft's: guidance 3, top-k
 * 250, temperature 1). The length is given either as {@code maxNewTokens} (Hugging Face's meaning:
 * decoder steps; {@code N} steps give {@code N − K + 1} frames with {@code K} codebooks) or as
 * {@code seconds} (50 frames per second at 32 kHz); the other is 0.
 *
 * @param prompts          text prompts (may be empty when the caller passes token ids)
 * @param maxNewTokens     decoding steps, or 0 when {@code seconds} is given
 * @param seconds          audio length, or 0 when {@code maxNewTokens} is given
 * @param guidance         classifier-free guidance scale; 1 disables it (no unconditional rows)
 * @param topK             top-k of sampling; 1 is greedy
 * @param temperature      sampling temperature; 0 is greedy
 * @param seed             base seed of the sampling draws: each draw is a function of (seed, prompt
 *                         index, sample index, step, codebook), never of batch composition or call order
 * @param greedy           argmax decoding (ignores top-k, temperature and seed)
 * @param kvCache          decode incrementally with the key/value cache (false: re-run the whole
 *                         sequence each step; same codes, for checks)
 * @param samplesPerPrompt generations per prompt (rows prompt-major: prompt 0's samples first)
 * @param firstPromptIndex index of {@code prompts[0]} in the caller's list (its seed identity)
 * @param firstStep        number of the first decoding step as hooks see it (0; see {@link org.musicrfm.model.StepMap})
 */
public record GenerationConfig(List<String> prompts, int maxNewTokens, double seconds, double guidance, int topK,
                               double temperature, long seed, boolean greedy, boolean kvCache, int samplesPerPrompt,
                               int firstPromptIndex, int firstStep) {

    public static final double GUIDANCE = 3.0;
    public static final int TOP_K = 250;
    public static final double TEMPERATURE = 1.0;

    public GenerationConfig {
        prompts = List.copyOf(prompts);
        for (int i = 0; i < prompts.size(); i++) {
            if (prompts.get(i).isBlank()) {
                throw new IllegalArgumentException("prompt " + (firstPromptIndex + i) + " is empty: expected a text");
            }
        }
        if ((maxNewTokens > 0) == (seconds > 0) || maxNewTokens < 0 || seconds < 0 || !Double.isFinite(seconds)) {
            throw new IllegalArgumentException("length: give either max new tokens > 0 or seconds > 0, got "
                    + maxNewTokens + " tokens and " + seconds + " s");
        }
        if (!(guidance >= 1) || !Double.isFinite(guidance)) {
            throw new IllegalArgumentException("guidance " + guidance + ": expected >= 1 (1: no classifier-free guidance)");
        }
        if (topK < 1) {
            throw new IllegalArgumentException("top-k " + topK + ": expected >= 1");
        }
        if (!(temperature >= 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature " + temperature + ": expected >= 0");
        }
        if (samplesPerPrompt < 1) {
            throw new IllegalArgumentException("samples per prompt " + samplesPerPrompt + ": expected >= 1");
        }
        if (firstPromptIndex < 0 || firstStep < 0) {
            throw new IllegalArgumentException("first prompt index " + firstPromptIndex + " and first step " + firstStep
                    + ": expected >= 0");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.prompts = prompts;
        b.maxNewTokens = maxNewTokens;
        b.seconds = seconds;
        b.guidance = guidance;
        b.topK = topK;
        b.temperature = temperature;
        b.seed = seed;
        b.greedy = greedy;
        b.kvCache = kvCache;
        b.samplesPerPrompt = samplesPerPrompt;
        b.firstPromptIndex = firstPromptIndex;
        b.firstStep = firstStep;
        return b;
    }

    /** Argmax decoding: {@code greedy}, top-k 1 or temperature 0. */
    public boolean isGreedy() {
        return greedy || topK == 1 || temperature == 0;
    }

    /** Classifier-free guidance on: the batch gets unconditional rows. */
    public boolean isGuided() {
        return guidance > 1;
    }

    /** Frames of audio codes for a model with {@code codebooks} codebooks and {@code frameRate} frames per second. */
    public int frames(int codebooks, double frameRate) {
        return maxNewTokens(codebooks, frameRate) - codebooks + 1;
    }

    /** Decoding steps: {@code maxNewTokens}, or {@code round(seconds · frameRate) + K − 1}. */
    public int maxNewTokens(int codebooks, double frameRate) {
        if (maxNewTokens > 0) {
            return maxNewTokens;
        }
        long frames = Math.max(1, Math.round(seconds * frameRate));
        if (frames > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("seconds " + seconds + ": far beyond any model's positions");
        }
        return (int) frames + codebooks - 1;
    }

    /** Every setting, for sidecars. */
    public JsonObject describe() {
        JsonObject o = new JsonObject();
        JsonArray ps = new JsonArray();
        prompts.forEach(ps::add);
        o.add("prompts", ps);
        if (maxNewTokens > 0) {
            o.addProperty("max_new_tokens", maxNewTokens);
        } else {
            o.addProperty("seconds", seconds);
        }
        o.addProperty("guidance", guidance);
        o.addProperty("top_k", topK);
        o.addProperty("temperature", temperature);
        o.addProperty("seed", seed);
        o.addProperty("greedy", isGreedy());
        o.addProperty("kv_cache", kvCache);
        o.addProperty("samples_per_prompt", samplesPerPrompt);
        o.addProperty("first_prompt_index", firstPromptIndex);
        o.addProperty("first_step", firstStep);
        return o;
    }

    /** Collects settings; starts from the defaults (10 s, guidance 3, top-k 250, temperature 1, seed 0, KV cache). */
    public static final class Builder {
        private List<String> prompts = List.of();
        private int maxNewTokens;
        private double seconds = 10;
        private double guidance = GUIDANCE;
        private int topK = TOP_K;
        private double temperature = TEMPERATURE;
        private long seed;
        private boolean greedy;
        private boolean kvCache = true;
        private int samplesPerPrompt = 1;
        private int firstPromptIndex;
        private int firstStep;

        private Builder() {}

        public Builder prompts(List<String> p) {
            prompts = p;
            return this;
        }

        public Builder prompt(String p) {
            return prompts(List.of(p));
        }

        /** Length in decoding steps (clears seconds). */
        public Builder maxNewTokens(int n) {
            maxNewTokens = n;
            seconds = 0;
            return this;
        }

        /** Length in seconds of audio (clears max new tokens). */
        public Builder seconds(double s) {
            seconds = s;
            maxNewTokens = 0;
            return this;
        }

        public Builder guidance(double g) {
            guidance = g;
            return this;
        }

        public Builder topK(int k) {
            topK = k;
            return this;
        }

        public Builder temperature(double t) {
            temperature = t;
            return this;
        }

        public Builder seed(long s) {
            seed = s;
            return this;
        }

        public Builder greedy(boolean g) {
            greedy = g;
            return this;
        }

        public Builder kvCache(boolean c) {
            kvCache = c;
            return this;
        }

        public Builder samplesPerPrompt(int n) {
            samplesPerPrompt = n;
            return this;
        }

        public Builder firstPromptIndex(int i) {
            firstPromptIndex = i;
            return this;
        }

        public Builder firstStep(int s) {
            firstStep = s;
            return this;
        }

        public GenerationConfig build() {
            return new GenerationConfig(prompts, maxNewTokens, seconds, guidance, topK, temperature, seed, greedy, kvCache,
                    samplesPerPrompt, firstPromptIndex, firstStep);
        }
    }
}
