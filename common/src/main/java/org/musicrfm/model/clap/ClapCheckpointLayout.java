package org.musicrfm.model.clap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every tensor of {@code ClapModel} (parameters and persistent buffers) that {@code save_pretrained}
 * writes for a config, in module order, with how a random checkpoint fills it.
 */
public final class ClapCheckpointLayout {

    /** How a random checkpoint fills a tensor. */
    public enum Fill {
        /** N(0, 0.02): linear, convolution and embedding weights, relative position bias tables. */
        NORMAL,
        ZEROS,
        ONES,
        /** {@code log(logit_scale_init_value)}. */
        LOGIT_SCALE,
        /** int64 buffer {@code arange(n)} ({@code position_ids}). */
        ARANGE,
        /** int64 buffer of zeros ({@code token_type_ids}, {@code num_batches_tracked}). */
        LONG_ZEROS,
        /** int64 Swin {@code relative_position_index}. */
        RELATIVE_INDEX
    }

    /** One tensor. */
    public record Entry(String name, long[] shape, Fill fill) {
        public long elementCount() {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            return n;
        }

        public boolean isLong() {
            return fill == Fill.ARANGE || fill == Fill.LONG_ZEROS || fill == Fill.RELATIVE_INDEX;
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    private ClapCheckpointLayout(ClapConfig c) {
        addText(c.text(), c.projectionDim());
        addAudio(c.audio(), c.projectionDim());
        add("logit_scale_a", Fill.LOGIT_SCALE);
        add("logit_scale_t", Fill.LOGIT_SCALE);
    }

    public static ClapCheckpointLayout of(ClapConfig config) {
        return new ClapCheckpointLayout(config);
    }

    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    public long elementCount() {
        return entries.stream().mapToLong(Entry::elementCount).sum();
    }

    private void add(String name, Fill fill, long... shape) {
        entries.add(new Entry(name, shape, fill));
    }

    private void linear(String p, long in, long out, boolean bias) {
        add(p + ".weight", Fill.NORMAL, out, in);
        if (bias) {
            add(p + ".bias", Fill.ZEROS, out);
        }
    }

    private void layerNorm(String p, long dim) {
        add(p + ".weight", Fill.ONES, dim);
        add(p + ".bias", Fill.ZEROS, dim);
    }

    private void addText(ClapTextConfig t, int proj) {
        String e = "text_model.embeddings.";
        int h = t.hiddenSize();
        add(e + "word_embeddings.weight", Fill.NORMAL, t.vocabSize(), h);
        add(e + "position_embeddings.weight", Fill.NORMAL, t.maxPositionEmbeddings(), h);
        add(e + "token_type_embeddings.weight", Fill.NORMAL, t.typeVocabSize(), h);
        layerNorm(e + "LayerNorm", h);
        add(e + "position_ids", Fill.ARANGE, 1, t.maxPositionEmbeddings());
        add(e + "token_type_ids", Fill.LONG_ZEROS, 1, t.maxPositionEmbeddings());
        for (int i = 0; i < t.numHiddenLayers(); i++) {
            String l = "text_model.encoder.layer." + i + ".";
            linear(l + "attention.self.query", h, h, true);
            linear(l + "attention.self.key", h, h, true);
            linear(l + "attention.self.value", h, h, true);
            linear(l + "attention.output.dense", h, h, true);
            layerNorm(l + "attention.output.LayerNorm", h);
            linear(l + "intermediate.dense", h, t.intermediateSize(), true);
            linear(l + "output.dense", t.intermediateSize(), h, true);
            layerNorm(l + "output.LayerNorm", h);
        }
        linear("text_model.pooler.dense", h, h, true);
        linear("text_projection.linear1", h, proj, true);
        linear("text_projection.linear2", proj, proj, true);
    }

    private void addAudio(ClapAudioConfig a, int proj) {
        String p = "audio_model.audio_encoder.";
        int f = a.numMelBins();
        add(p + "batch_norm.weight", Fill.ONES, f);
        add(p + "batch_norm.bias", Fill.ZEROS, f);
        add(p + "batch_norm.running_mean", Fill.ZEROS, f);
        add(p + "batch_norm.running_var", Fill.ONES, f);
        add(p + "batch_norm.num_batches_tracked", Fill.LONG_ZEROS);
        int e = a.patchEmbedsHiddenSize();
        add(p + "patch_embed.proj.weight", Fill.NORMAL, e, a.patchEmbedInputChannels(), a.patchSize()[0], a.patchSize()[1]);
        add(p + "patch_embed.proj.bias", Fill.ZEROS, e);
        if (a.enablePatchLayerNorm()) {
            layerNorm(p + "patch_embed.norm", e);
        }
        int w = a.windowSize();
        long n = (long) w * w;
        for (int i = 0; i < a.numStages(); i++) {
            int dim = a.stageDim(i);
            int heads = a.numAttentionHeads()[i];
            for (int j = 0; j < a.depths()[i]; j++) {
                String b = p + "layers." + i + ".blocks." + j + ".";
                layerNorm(b + "layernorm_before", dim);
                add(b + "attention.self.relative_position_bias_table", Fill.NORMAL, (2L * w - 1) * (2L * w - 1), heads);
                add(b + "attention.self.relative_position_index", Fill.RELATIVE_INDEX, n, n);
                linear(b + "attention.self.query", dim, dim, a.qkvBias());
                linear(b + "attention.self.key", dim, dim, a.qkvBias());
                linear(b + "attention.self.value", dim, dim, a.qkvBias());
                linear(b + "attention.output.dense", dim, dim, true);
                layerNorm(b + "layernorm_after", dim);
                linear(b + "intermediate.dense", dim, a.mlpDim(dim), true);
                linear(b + "output.dense", a.mlpDim(dim), dim, true);
            }
            if (i < a.numStages() - 1) {
                layerNorm(p + "layers." + i + ".downsample.norm", 4L * dim);
                linear(p + "layers." + i + ".downsample.reduction", 4L * dim, 2L * dim, false);
            }
        }
        layerNorm(p + "norm", a.numFeatures());
        linear("audio_projection.linear1", a.hiddenSize(), proj, true);
        linear("audio_projection.linear2", proj, proj, true);
    }

    /** Swin's {@code relative_position_index} for a window of {@code w}: {@code [w*w, w*w]}. */
    public static long[] relativePositionIndex(int w) {
        int n = w * w;
        long[] out = new long[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i * n + j] = (long) (i / w - j / w + w - 1) * (2 * w - 1) + (i % w - j % w + w - 1);
            }
        }
        return out;
    }
}
