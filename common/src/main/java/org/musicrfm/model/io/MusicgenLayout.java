package org.musicrfm.model.io;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.musicrfm.model.io.TensorSpec.Kind;

/**
 * Every tensor of {@code MusicgenForConditionalGeneration} (T5 text encoder, EnCodec, MusicGen decoder,
 * {@code enc_to_dec_proj}, {@code lm_heads}) derived from a MusicGen {@code config.json}, with canonical
 * names (weight norm as {@code weight_g}/{@code weight_v}) in module order. Absent config keys take
 * the transformers defaults of {@code T5Config}, {@code EncodecConfig} and {@code MusicgenDecoderConfig}.
 */
public final class MusicgenLayout {

    /** The dimensions of the T5 text encoder ({@code text_encoder} section). */
    public record TextEncoderDims(int vocabSize, int dModel, int dKv, int dFf, int numLayers, int numHeads,
                                  int relativeAttentionNumBuckets, boolean gatedFeedForward) {
        static TextEncoderDims of(JsonObject config, ConfigFile file) {
            ConfigReader c = ConfigReader.section(config, "text_encoder", file);
            String proj = c.string("feed_forward_proj", "relu");
            return new TextEncoderDims(c.positive("vocab_size", 32128), c.positive("d_model", 512),
                    c.positive("d_kv", 64), c.positive("d_ff", 2048), c.positive("num_layers", 6),
                    c.positive("num_heads", 8), c.positive("relative_attention_num_buckets", 32),
                    proj.startsWith("gated-"));
        }
    }

    /** The dimensions of EnCodec ({@code audio_encoder} section). */
    public record EncodecDims(int audioChannels, int hiddenSize, int numFilters, int numResidualLayers,
                              int[] upsamplingRatios, String normType, int kernelSize, int lastKernelSize,
                              int residualKernelSize, int dilationGrowthRate, int compress, int numLstmLayers,
                              int codebookSize, int codebookDim, boolean useConvShortcut, int numQuantizers) {
        static EncodecDims of(JsonObject config, ConfigFile file) {
            ConfigReader c = ConfigReader.section(config, "audio_encoder", file);
            int hidden = c.positive("hidden_size", 128);
            int[] ratios = c.integers("upsampling_ratios", 8, 5, 4, 2);
            int samplingRate = c.integer("sampling_rate", 24000);
            double[] bandwidths = c.numbers("target_bandwidths", 1.5, 3.0, 6.0, 12.0, 24.0);
            long hop = 1;
            for (int r : ratios) {
                if (r <= 0 || hop * r > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(file.name() + ": audio_encoder.upsampling_ratios = "
                            + java.util.Arrays.toString(ratios) + ": expected positive ratios");
                }
                hop *= r;
            }
            long frameRate = (samplingRate + hop - 1) / hop; // math.ceil(sampling_rate / hop_length)
            // EncodecConfig.num_quantizers: int(1000 * target_bandwidths[-1] // (frame_rate * 10))
            int numQuantizers = (int) Math.floor(1000 * bandwidths[bandwidths.length - 1] / (frameRate * 10.0));
            Integer codebookDim = c.optionalInteger("codebook_dim");
            String norm = c.string("norm_type", "weight_norm");
            if (!norm.equals("weight_norm") && !norm.equals("time_group_norm")) {
                throw new IllegalArgumentException("config.json audio_encoder.norm_type = " + norm
                        + ": expected weight_norm or time_group_norm");
            }
            return new EncodecDims(c.positive("audio_channels", 1), hidden, c.positive("num_filters", 32),
                    c.integer("num_residual_layers", 1), ratios, norm, c.positive("kernel_size", 7),
                    c.positive("last_kernel_size", 7), c.positive("residual_kernel_size", 3),
                    c.positive("dilation_growth_rate", 2), c.positive("compress", 2), c.integer("num_lstm_layers", 2),
                    c.positive("codebook_size", 1024), codebookDim == null ? hidden : codebookDim,
                    c.bool("use_conv_shortcut", true), numQuantizers);
        }
    }

    /** The dimensions of the MusicGen decoder ({@code decoder} section). */
    public record DecoderDims(int vocabSize, int hiddenSize, int numHiddenLayers, int numAttentionHeads, int ffnDim,
                              int numCodebooks, Integer crossAttentionHiddenSize) {
        static DecoderDims of(JsonObject config, ConfigFile file) {
            ConfigReader c = ConfigReader.section(config, "decoder", file);
            return new DecoderDims(c.positive("vocab_size", 2048), c.positive("hidden_size", 1024),
                    c.positive("num_hidden_layers", 24), c.positive("num_attention_heads", 16),
                    c.positive("ffn_dim", 4096), c.positive("num_codebooks", 4),
                    c.optionalInteger("cross_attention_hidden_size"));
        }
    }

    private final TextEncoderDims text;
    private final EncodecDims encodec;
    private final DecoderDims decoder;
    private final List<TensorSpec> tensors = new ArrayList<>();

    private MusicgenLayout(JsonObject config, ConfigFile file) {
        this.text = TextEncoderDims.of(config, file);
        this.encodec = EncodecDims.of(config, file);
        this.decoder = DecoderDims.of(config, file);
        addTextEncoder();
        addEncodec();
        addDecoder();
        // MusicgenForConditionalGeneration projects the text states only when the widths differ
        if (text.dModel() != decoder.hiddenSize() && decoder.crossAttentionHiddenSize() == null) {
            linear("enc_to_dec_proj", decoder.hiddenSize(), text.dModel(), true);
        }
    }

    /** The layout of the model a MusicGen {@code config.json} describes. */
    public static MusicgenLayout of(JsonObject config) {
        return of(config, new ConfigFile("config.json"));
    }

    /** As {@link #of(JsonObject)}; errors name {@code file}. */
    public static MusicgenLayout of(JsonObject config, ConfigFile file) {
        return new MusicgenLayout(config, file);
    }

    /** Every tensor, canonical names, in module order. */
    public List<TensorSpec> tensors() {
        return Collections.unmodifiableList(tensors);
    }

    public TextEncoderDims textEncoder() {
        return text;
    }

    public EncodecDims encodec() {
        return encodec;
    }

    public DecoderDims decoder() {
        return decoder;
    }

    /** Total number of parameters and buffers. */
    public long elementCount() {
        long n = 0;
        for (TensorSpec t : tensors) {
            n += t.elementCount();
        }
        return n;
    }

    private void add(String name, Kind kind, long fanIn, long... shape) {
        tensors.add(new TensorSpec(name, shape, kind, fanIn));
    }

    private void linear(String prefix, long out, long in, boolean bias) {
        add(prefix + ".weight", Kind.LINEAR, in, out, in);
        if (bias) {
            add(prefix + ".bias", Kind.BIAS, in, out);
        }
    }

    private void layerNorm(String prefix, long dim, boolean bias) {
        add(prefix + ".weight", Kind.NORM_WEIGHT, 1, dim);
        if (bias) {
            add(prefix + ".bias", Kind.NORM_BIAS, 1, dim);
        }
    }

    private void addTextEncoder() {
        String p = "text_encoder.";
        int d = text.dModel();
        int inner = text.numHeads() * text.dKv();
        add(p + "shared.weight", Kind.EMBEDDING, 1, text.vocabSize(), d);
        for (int i = 0; i < text.numLayers(); i++) {
            String b = p + "encoder.block." + i + ".layer.";
            linear(b + "0.SelfAttention.q", inner, d, false);
            linear(b + "0.SelfAttention.k", inner, d, false);
            linear(b + "0.SelfAttention.v", inner, d, false);
            linear(b + "0.SelfAttention.o", d, inner, false);
            if (i == 0) {
                add(b + "0.SelfAttention.relative_attention_bias.weight", Kind.RELATIVE_BIAS, d,
                        text.relativeAttentionNumBuckets(), text.numHeads());
            }
            layerNorm(b + "0.layer_norm", d, false);
            if (text.gatedFeedForward()) {
                linear(b + "1.DenseReluDense.wi_0", text.dFf(), d, false);
                linear(b + "1.DenseReluDense.wi_1", text.dFf(), d, false);
            } else {
                linear(b + "1.DenseReluDense.wi", text.dFf(), d, false);
            }
            linear(b + "1.DenseReluDense.wo", d, text.dFf(), false);
            layerNorm(b + "1.layer_norm", d, false);
        }
        layerNorm(p + "encoder.final_layer_norm", d, false);
    }

    private void addEncodec() {
        EncodecDims e = encodec;
        String enc = "audio_encoder.encoder.layers.";
        int layer = 0;
        conv(enc + layer++, e.audioChannels(), e.numFilters(), e.kernelSize(), 1, false);
        int scaling = 1;
        for (int r = e.upsamplingRatios().length - 1; r >= 0; r--) {
            int ratio = e.upsamplingRatios()[r];
            int scale = scaling * e.numFilters();
            for (int j = 0; j < e.numResidualLayers(); j++) {
                resnetBlock(enc + layer++, scale);
            }
            layer++; // ELU
            conv(enc + layer++, scale, scale * 2, ratio * 2, ratio, false);
            scaling *= 2;
        }
        lstm(enc + layer++, scaling * e.numFilters());
        layer++; // ELU
        conv(enc + layer, scaling * e.numFilters(), e.hiddenSize(), e.lastKernelSize(), 1, false);

        String dec = "audio_encoder.decoder.layers.";
        layer = 0;
        scaling = 1 << e.upsamplingRatios().length;
        conv(dec + layer++, e.hiddenSize(), scaling * e.numFilters(), e.kernelSize(), 1, false);
        lstm(dec + layer++, scaling * e.numFilters());
        for (int ratio : e.upsamplingRatios()) {
            int scale = scaling * e.numFilters();
            layer++; // ELU
            conv(dec + layer++, scale, scale / 2, ratio * 2, ratio, true);
            for (int j = 0; j < e.numResidualLayers(); j++) {
                resnetBlock(dec + layer++, scale / 2);
            }
            scaling /= 2;
        }
        layer++; // ELU
        conv(dec + layer, e.numFilters(), e.audioChannels(), e.lastKernelSize(), 1, false);

        for (int q = 0; q < e.numQuantizers(); q++) {
            String cb = "audio_encoder.quantizer.layers." + q + ".codebook.";
            add(cb + "inited", Kind.CODEBOOK_FLAG, 1, 1);
            add(cb + "cluster_size", Kind.CODEBOOK_COUNT, 1, e.codebookSize());
            add(cb + "embed", Kind.CODEBOOK, 1, e.codebookSize(), e.codebookDim());
            add(cb + "embed_avg", Kind.CODEBOOK, 1, e.codebookSize(), e.codebookDim());
        }
    }

    /** EncodecConv1d / EncodecConvTranspose1d: {@code prefix.conv.*} (+ {@code prefix.norm.*} for time_group_norm). */
    private void conv(String prefix, int in, int out, int kernel, int stride, boolean transposed) {
        // Conv1d weight [out, in, k]; ConvTranspose1d weight [in, out, k] (weight norm over dim 0 in both)
        long d0 = transposed ? in : out;
        long d1 = transposed ? out : in;
        long fanIn = transposed ? Math.max(1, (long) in * kernel / stride) : (long) in * kernel;
        if (encodec.normType().equals("weight_norm")) {
            add(prefix + ".conv.weight_g", Kind.WEIGHT_NORM_G, fanIn, d0, 1, 1);
            add(prefix + ".conv.weight_v", Kind.WEIGHT_NORM_V, fanIn, d0, d1, kernel);
        } else {
            add(prefix + ".conv.weight", Kind.CONV, fanIn, d0, d1, kernel);
        }
        add(prefix + ".conv.bias", Kind.BIAS, fanIn, out);
        if (encodec.normType().equals("time_group_norm")) {
            layerNorm(prefix + ".norm", out, true);
        }
    }

    private void resnetBlock(String prefix, int dim) {
        int hidden = dim / encodec.compress();
        // block = [ELU, conv(dim→hidden, residual_kernel), ELU, conv(hidden→dim, 1)]
        conv(prefix + ".block.1", dim, hidden, encodec.residualKernelSize(), 1, false);
        conv(prefix + ".block.3", hidden, dim, 1, 1, false);
        if (encodec.useConvShortcut()) {
            conv(prefix + ".shortcut", dim, dim, 1, 1, false);
        }
    }

    private void lstm(String prefix, int dim) {
        for (int l = 0; l < encodec.numLstmLayers(); l++) {
            add(prefix + ".lstm.weight_ih_l" + l, Kind.LSTM_WEIGHT, dim, 4L * dim, dim);
            add(prefix + ".lstm.weight_hh_l" + l, Kind.LSTM_WEIGHT, dim, 4L * dim, dim);
            add(prefix + ".lstm.bias_ih_l" + l, Kind.LSTM_BIAS, dim, 4L * dim);
            add(prefix + ".lstm.bias_hh_l" + l, Kind.LSTM_BIAS, dim, 4L * dim);
        }
    }

    private void addDecoder() {
        DecoderDims d = decoder;
        int h = d.hiddenSize();
        String m = "decoder.model.decoder.";
        for (int k = 0; k < d.numCodebooks(); k++) {
            add(m + "embed_tokens." + k + ".weight", Kind.EMBEDDING, 1, d.vocabSize() + 1L, h);
        }
        for (int i = 0; i < d.numHiddenLayers(); i++) {
            String l = m + "layers." + i + ".";
            for (String attn : new String[] {"self_attn", "encoder_attn"}) {
                linear(l + attn + ".k_proj", h, h, false);
                linear(l + attn + ".v_proj", h, h, false);
                linear(l + attn + ".q_proj", h, h, false);
                linear(l + attn + ".out_proj", h, h, false);
                layerNorm(l + attn + "_layer_norm", h, true);
            }
            linear(l + "fc1", d.ffnDim(), h, false);
            linear(l + "fc2", h, d.ffnDim(), false);
            layerNorm(l + "final_layer_norm", h, true);
        }
        layerNorm(m + "layer_norm", h, true);
        for (int k = 0; k < d.numCodebooks(); k++) {
            linear("decoder.lm_heads." + k, d.vocabSize(), h, false);
        }
    }
}
