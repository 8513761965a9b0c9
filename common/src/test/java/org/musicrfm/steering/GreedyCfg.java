package org.musicrfm.steering;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.musicrfm.model.BlockHook;
import org.musicrfm.model.musicgen.KvCache;
import org.musicrfm.model.musicgen.MusicgenModel;
import org.musicrfm.model.musicgen.TextConditioning;

/**
 * Test-only greedy decoding with classifier-free guidance, as transformers' MusicGen {@code generate}
 * runs it (batch {@code [cond; uncond]}, unconditional text = zeros under a zero mask, delay pattern
 * with BOS/pad 2048, {@code logits = uncond + g·(cond − uncond)}, argmax), with or without the
 * key/value cache. It stands in for the generation API until that lands, to check steering against
 * the fixture's greedy codes.
 */
final class GreedyCfg {

    private GreedyCfg() {}

    /** Codes {@code [B][K][maxNewTokens − K]} for prompts given as token ids and mask {@code [B][S]}. */
    static long[][][] generate(MusicgenModel model, long[][] ids, long[][] mask, int maxNewTokens, double guidance,
                               BlockHook hook, boolean cached) {
        int k = model.config().decoder().numCodebooks();
        long bos = model.config().decoder().bosTokenId();
        long pad = model.config().decoder().padTokenId();
        int b = ids.length;
        int maxLen = maxNewTokens + 1;
        int frames = maxLen - k;
        long[][][] seq = new long[b][k][maxLen];
        for (long[][] clip : seq) {
            for (long[] row : clip) {
                row[0] = bos;
            }
        }
        try (NDManager scope = model.newScope()) {
            TextConditioning text = model.encodeTokens(scope, ids, mask);
            NDArray states = text.states().concat(text.states().zerosLike(), 0); // [2B, S, H]
            NDArray textMask = text.mask().concat(text.mask().zerosLike(), 0);
            TextConditioning cfg = new TextConditioning(states, textMask);
            KvCache cache = cached ? new KvCache(scope, model.numLayers()) : null;
            for (int t = 0; t < maxNewTokens; t++) {
                int from = cached ? t : 0;
                int len = t + 1 - from;
                long[] flat = new long[2 * b * k * len];
                for (int half = 0; half < 2; half++) {
                    for (int i = 0; i < b; i++) {
                        for (int c = 0; c < k; c++) {
                            System.arraycopy(seq[i][c], from, flat, ((half * b + i) * k + c) * len, len);
                        }
                    }
                }
                try (NDManager step = scope.newSubManager()) {
                    NDArray input = step.create(flat, new Shape(2L * b * k, len));
                    NDArray logits = model.model().forward(input, cfg, hook, null, cache); // [2BK, len, V]
                    NDArray last = logits.get(":, -1, :");
                    NDList halves = last.split(2, 0);
                    NDArray cond = halves.get(0);
                    NDArray uncond = halves.get(1);
                    NDArray guided = uncond.add(cond.sub(uncond).mul((float) guidance));
                    long[] next = guided.argMax(1).toLongArray(); // [B*K]
                    int p = t + 1;
                    for (int i = 0; i < b; i++) {
                        for (int c = 0; c < k; c++) {
                            long v = next[i * k + c];
                            if (p <= c) {
                                v = bos;
                            } else if (p > c + frames) {
                                v = pad;
                            }
                            seq[i][c][p] = v;
                        }
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

    static long[] flatten(long[][][] codes) {
        int n = codes.length * codes[0].length * codes[0][0].length;
        long[] out = new long[n];
        int i = 0;
        for (long[][] clip : codes) {
            for (long[] row : clip) {
                for (long v : row) {
                    out[i++] = v;
                }
            }
        }
        return out;
    }
}
