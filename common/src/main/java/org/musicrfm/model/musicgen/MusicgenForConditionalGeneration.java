package org.musicrfm.model.musicgen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.musicrfm.model.BlockHook;
import org.musicrfm.model.Linear;
import org.musicrfm.model.Scope;
import org.musicrfm.model.Weights;
import org.musicrfm.model.encodec.EncodecModel;
import org.musicrfm.model.t5.T5EncoderModel;

/**
 * The full model: T5 text encoder ({@code text_encoder}, run in float32), {@code enc_to_dec_proj}
 * (present when the widths differ), EnCodec ({@code audio_encoder}) and the decoder with its heads
 * ({@code decoder}).
 */
public final class MusicgenForConditionalGeneration {

    private final MusicgenConfig config;
    private final T5EncoderModel textEncoder;
    private final Linear encToDecProj; // null when the checkpoint has none
    private final EncodecModel audioEncoder;
    private final MusicgenForCausalLM decoder;
    private final DataType dtype;

    private MusicgenForConditionalGeneration(MusicgenConfig config, T5EncoderModel textEncoder, Linear encToDecProj,
                                             EncodecModel audioEncoder, MusicgenForCausalLM decoder, DataType dtype) {
        this.config = config;
        this.textEncoder = textEncoder;
        this.encToDecProj = encToDecProj;
        this.audioEncoder = audioEncoder;
        this.decoder = decoder;
        this.dtype = dtype;
    }

    /** Loads every part from the root view of a MusicGen checkpoint. */
    public static MusicgenForConditionalGeneration load(Weights w, MusicgenConfig c) {
        long textDim = c.textEncoder().dModel();
        long hidden = c.decoder().hiddenSize();
        Linear proj = null;
        if (w.has("enc_to_dec_proj.weight")) {
            proj = Linear.load(w.float32().pp("enc_to_dec_proj"), textDim, hidden, true);
        } else if (textDim != hidden) {
            throw new IllegalArgumentException("checkpoint has no enc_to_dec_proj but the text width " + textDim
                    + " differs from the decoder width " + hidden);
        }
        return new MusicgenForConditionalGeneration(c, T5EncoderModel.load(w.float32().pp("text_encoder"), c.textEncoder()),
                proj, EncodecModel.load(w.pp("audio_encoder"), c.audioEncoder()),
                MusicgenForCausalLM.load(w.pp("decoder"), c.decoder()), w.dtype());
    }

    public MusicgenConfig config() {
        return config;
    }

    public T5EncoderModel textEncoder() {
        return textEncoder;
    }

    public EncodecModel audioEncoder() {
        return audioEncoder;
    }

    public MusicgenForCausalLM decoder() {
        return decoder;
    }

    /** T5 states of {@code inputIds} {@code [B, S]} under {@code attentionMask}, projected and masked. */
    public TextConditioning encodeText(NDArray inputIds, NDArray attentionMask) {
        NDArray states = Scope.keep(inputIds, m -> projectText(textEncoder.forward(inputIds, attentionMask),
                attentionMask), attentionMask);
        return new TextConditioning(states, attentionMask);
    }

    /** {@code enc_to_dec_proj(states) * mask[..., None]}, cast to the model dtype. */
    // [B, S, D_text] -> [B, S, H]
    public NDArray projectText(NDArray t5States, NDArray attentionMask) {
        NDArray p = encToDecProj == null ? t5States : encToDecProj.forward(t5States);
        NDArray masked = p.mul(attentionMask.toType(DataType.FLOAT32, false).expandDims(-1));
        return masked.toType(dtype, false);
    }

    /**
     * Teacher-forced forward with text conditioning; see {@link MusicgenDecoder#forward}.
     *
     * @return logits {@code [B * K, T, V]}
     */
    public NDArray forward(NDArray decoderInputIds, TextConditioning text, BlockHook hook, StateObserver observer,
                           KvCache cache) {
        return decoder.forward(decoderInputIds, text.states(), text.mask(), hook, observer, cache);
    }
}
