package org.musicrfm.model.encodec;

import static org.musicrfm.model.io.JsonFields.getBool;
import static org.musicrfm.model.io.JsonFields.getDouble;
import static org.musicrfm.model.io.JsonFields.getDoubles;
import static org.musicrfm.model.io.JsonFields.getInt;
import static org.musicrfm.model.io.JsonFields.getInts;
import static org.musicrfm.model.io.JsonFields.getNullableDouble;
import static org.musicrfm.model.io.JsonFields.getString;

import com.google.gson.JsonObject;
import org.musicrfm.model.io.ConfigSection;

/** The fields of an EnCodec {@code config.json} (Hugging Face's {@code EncodecConfig} defaults when absent). */
public record EncodecConfig(int samplingRate, int audioChannels, boolean normalize, Double chunkLengthS,
                            int hiddenSize, int numFilters, int numResidualLayers, int[] upsamplingRatios,
                            String normType, int kernelSize, int lastKernelSize, int residualKernelSize,
                            int dilationGrowthRate, boolean useCausalConv, String padMode, int compress,
                            int numLstmLayers, double trimRightRatio, int codebookSize, int codebookDim,
                            boolean useConvShortcut, double[] targetBandwidths) {

    public EncodecConfig {
        if (upsamplingRatios.length == 0 || java.util.Arrays.stream(upsamplingRatios).anyMatch(r -> r <= 0)
                || samplingRate <= 0 || targetBandwidths.length == 0 || codebookSize <= 1 || compress <= 0
                || hiddenSize <= 0 || numFilters <= 0 || kernelSize <= 0 || lastKernelSize <= 0
                || residualKernelSize <= 0 || dilationGrowthRate <= 0 || codebookDim <= 0 || audioChannels <= 0) {
            throw new IllegalArgumentException("audio_encoder: upsampling_ratios "
                    + java.util.Arrays.toString(upsamplingRatios) + ", sampling_rate " + samplingRate
                    + ", target_bandwidths " + java.util.Arrays.toString(targetBandwidths) + ", codebook_size "
                    + codebookSize + ", compress " + compress + ", hidden_size " + hiddenSize + ", num_filters " + numFilters
                    + ", kernel sizes " + kernelSize + "/" + lastKernelSize + "/" + residualKernelSize
                    + ", dilation_growth_rate " + dilationGrowthRate + ", codebook_dim " + codebookDim
                    + ": expected positive sizes, ratios and rate, a bandwidth, and more than one code");
        }
        if (!normType.equals("weight_norm")) {
            throw new IllegalArgumentException("EnCodec norm_type '" + normType + "' is not supported (expected weight_norm)");
        }
        if (normalize) {
            throw new IllegalArgumentException("EnCodec with normalize=true is not supported (MusicGen's 32 kHz codec has false)");
        }
        if (chunkLengthS != null) {
            throw new IllegalArgumentException("EnCodec with chunk_length_s=" + chunkLengthS
                    + " is not supported (MusicGen's 32 kHz codec encodes in one chunk)");
        }
        if (!padMode.equals("reflect") && !padMode.equals("constant")) {
            throw new IllegalArgumentException("EnCodec pad_mode '" + padMode + "': expected reflect or constant");
        }
    }

    public static EncodecConfig from(JsonObject c) {
        return from(ConfigSection.of(c, "audio_encoder"));
    }

    /** Reads the section, noting absent keys in its file. */
    public static EncodecConfig from(ConfigSection c) {
        int hidden = getInt(c, "hidden_size", 128);
        return new EncodecConfig(getInt(c, "sampling_rate", 24000), getInt(c, "audio_channels", 1),
                getBool(c, "normalize", false), getNullableDouble(c, "chunk_length_s"), hidden,
                getInt(c, "num_filters", 32), getInt(c, "num_residual_layers", 1),
                getInts(c, "upsampling_ratios", new int[] {8, 5, 4, 2}), getString(c, "norm_type", "weight_norm"),
                getInt(c, "kernel_size", 7), getInt(c, "last_kernel_size", 7), getInt(c, "residual_kernel_size", 3),
                getInt(c, "dilation_growth_rate", 2), getBool(c, "use_causal_conv", true),
                getString(c, "pad_mode", "reflect"), getInt(c, "compress", 2), getInt(c, "num_lstm_layers", 2),
                getDouble(c, "trim_right_ratio", 1.0), getInt(c, "codebook_size", 1024),
                getInt(c, "codebook_dim", hidden), getBool(c, "use_conv_shortcut", true),
                getDoubles(c, "target_bandwidths", new double[] {1.5, 3.0, 6.0, 12.0, 24.0}));
    }

    /** Samples per code frame: the product of the up-sampling ratios (640 at 32 kHz). */
    public int hopLength() {
        int hop = 1;
        for (int r : upsamplingRatios) {
            hop *= r;
        }
        return hop;
    }

    /** Code frames per second, {@code ceil(sampling_rate / hop)}. */
    public int frameRate() {
        return (samplingRate + hopLength() - 1) / hopLength();
    }

    /** Quantizers in the checkpoint: {@code floor(1000 * max bandwidth / (frame_rate * 10))}. */
    public int numQuantizers() {
        double max = targetBandwidths[targetBandwidths.length - 1];
        return (int) Math.floor(1000 * max / (frameRate() * 10));
    }

    /** Quantizers used at a bandwidth (kbps): {@code max(1, floor(bw * 1000 / (log2(codebook) * frame_rate)))}. */
    public int quantizersForBandwidth(double bandwidth) {
        double bitsPerQ = Math.log(codebookSize) / Math.log(2) * frameRate();
        return Math.max(1, (int) Math.floor(bandwidth * 1000 / bitsPerQ));
    }
}
