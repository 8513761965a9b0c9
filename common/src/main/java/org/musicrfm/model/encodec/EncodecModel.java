package org.musicrfm.model.encodec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.musicrfm.model.Scope;
import org.musicrfm.model.Weights;

/**
 * EnCodec as MusicGen uses it: {@code encode} audio to codes at the first target bandwidth (4
 * codebooks for the 32 kHz codec), {@code decode} codes to audio (length {@code frames * hop}, not
 * trimmed, as Hugging Face returns it without a padding mask).
 */
public final class EncodecModel {

    private final EncodecConfig config;
    private final EncodecEncoder encoder;
    private final EncodecDecoder decoder;
    private final EncodecResidualVectorQuantizer quantizer;
    private final DataType dtype;

    private EncodecModel(EncodecConfig config, EncodecEncoder encoder, EncodecDecoder decoder,
                         EncodecResidualVectorQuantizer quantizer, DataType dtype) {
        this.config = config;
        this.encoder = encoder;
        this.decoder = decoder;
        this.quantizer = quantizer;
        this.dtype = dtype;
    }

    /** Loads from a view such as {@code audio_encoder}. */
    public static EncodecModel load(Weights w, EncodecConfig c) {
        return new EncodecModel(c, EncodecEncoder.load(w.pp("encoder"), c), EncodecDecoder.load(w.pp("decoder"), c),
                EncodecResidualVectorQuantizer.load(w.pp("quantizer"), c), w.dtype());
    }

    public EncodecConfig config() {
        return config;
    }

    public EncodecEncoder encoder() {
        return encoder;
    }

    public EncodecDecoder decoder() {
        return decoder;
    }

    public EncodecResidualVectorQuantizer quantizer() {
        return quantizer;
    }

    /** Codebooks used by {@link #encode}: those of the first target bandwidth. */
    public int numCodebooks() {
        return config.quantizersForBandwidth(config.targetBandwidths()[0]);
    }

    /** Encoder output before quantization. */
    // [B, C, L] -> [B, hidden, ceil(L / hop)]
    public NDArray embed(NDArray audio) {
        checkAudio(audio);
        return encoder.forward(audio.toType(dtype, false));
    }

    // [B, C, L] float -> [B, K, ceil(L / hop)] int64
    public NDArray encode(NDArray audio) {
        return Scope.keep(audio, m -> quantizer.encode(embed(audio), numCodebooks()));
    }

    // [B, K, T] int64 -> [B, C, T * hop] in the model dtype
    public NDArray decode(NDArray codes) {
        if (codes.getShape().dimension() != 3) {
            throw new IllegalArgumentException("codes: expected [batch, codebooks, frames], got " + codes.getShape());
        }
        if (codes.getShape().get(1) > quantizer.numQuantizers()) {
            throw new IllegalArgumentException("codes have " + codes.getShape().get(1) + " codebooks, the codec has "
                    + quantizer.numQuantizers());
        }
        return Scope.keep(codes, m -> decoder.forward(quantizer.decode(codes).toType(dtype, false)));
    }

    private void checkAudio(NDArray audio) {
        if (audio.getShape().dimension() != 3 || audio.getShape().get(1) != config.audioChannels()) {
            throw new IllegalArgumentException("audio: expected [batch, " + config.audioChannels() + ", samples], got "
                    + audio.getShape());
        }
    }
}
