package org.musicrfm.model.clap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.musicrfm.model.Scope;
import org.musicrfm.model.Weights;

/**
 * {@code ClapModel}: {@code text_model} + {@code text_projection}, {@code audio_model.audio_encoder} +
 * {@code audio_projection}, and the contrastive head ({@code logit_scale_a}, {@code logit_scale_t}).
 * Embeddings are L2-normalized, as {@code get_audio_features} / {@code get_text_features} return them.
 */
public final class ClapModel {

    private final ClapConfig config;
    private final ClapTextModel textModel;
    private final ClapProjectionLayer textProjection;
    private final ClapAudioEncoder audioEncoder;
    private final ClapProjectionLayer audioProjection;
    private final float logitScaleAudio; // exp(logit_scale_a)
    private final float logitScaleText;  // exp(logit_scale_t)

    private ClapModel(ClapConfig config, ClapTextModel textModel, ClapProjectionLayer textProjection,
                      ClapAudioEncoder audioEncoder, ClapProjectionLayer audioProjection, float logitScaleAudio,
                      float logitScaleText) {
        this.config = config;
        this.textModel = textModel;
        this.textProjection = textProjection;
        this.audioEncoder = audioEncoder;
        this.audioProjection = audioProjection;
        this.logitScaleAudio = logitScaleAudio;
        this.logitScaleText = logitScaleText;
    }

    /** Loads from the root view of a CLAP checkpoint. */
    public static ClapModel load(Weights w, ClapConfig c) {
        int p = c.projectionDim();
        return new ClapModel(c, ClapTextModel.load(w.pp("text_model"), c.text()),
                ClapProjectionLayer.load(w.pp("text_projection"), c.text().hiddenSize(), p),
                ClapAudioEncoder.load(w.pp("audio_model").pp("audio_encoder"), c.audio()),
                ClapProjectionLayer.load(w.pp("audio_projection"), c.audio().hiddenSize(), p),
                (float) Math.exp(w.floats("logit_scale_a")[0]), (float) Math.exp(w.floats("logit_scale_t")[0]));
    }

    public ClapConfig config() {
        return config;
    }

    public ClapAudioEncoder audioEncoder() {
        return audioEncoder;
    }

    public ClapTextModel textModel() {
        return textModel;
    }

    /** {@code exp(logit_scale_a)}, the scale of {@code logits_per_audio}. */
    public float logitScaleAudio() {
        return logitScaleAudio;
    }

    /** {@code exp(logit_scale_t)}, the scale of {@code logits_per_text}. */
    public float logitScaleText() {
        return logitScaleText;
    }

    /** {@code get_audio_features}: {@code [B, 1, T, F]} log-mel features -> unit vectors {@code [B, projection_dim]}. */
    public NDArray audioEmbeddings(NDArray features) {
        return Scope.keep(features, m -> normalize(audioProjection.forward(audioEncoder.forward(features))));
    }

    /** {@code get_text_features}: ids and mask {@code [B, S]} -> unit vectors {@code [B, projection_dim]}. */
    public NDArray textEmbeddings(NDArray inputIds, NDArray attentionMask) {
        return Scope.keep(inputIds, m -> normalize(textProjection.forward(textModel.forward(inputIds, attentionMask))),
                attentionMask);
    }

    /** {@code logits_per_audio} {@code [Na, Nt]} from unit embeddings; {@code logits_per_text} is its transpose scaled by {@code exp(logit_scale_t)}. */
    public NDArray logitsPerAudio(NDArray audioEmbeds, NDArray textEmbeds) {
        return audioEmbeds.matMul(textEmbeds.transpose()).mul(logitScaleAudio);
    }

    /** {@code logits_per_text} {@code [Nt, Na]}. */
    public NDArray logitsPerText(NDArray textEmbeds, NDArray audioEmbeds) {
        return textEmbeds.matMul(audioEmbeds.transpose()).mul(logitScaleText);
    }

    /** {@code x / max(||x||, 1e-12)} over the last axis, computed in float32. */
    static NDArray normalize(NDArray x) {
        NDArray f = x.toType(DataType.FLOAT32, false);
        return f.div(f.square().sum(new int[] {-1}, true).sqrt().maximum(1e-12f));
    }
}
