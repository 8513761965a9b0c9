package org.musicrfm.model.clap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import org.musicrfm.model.Linear;
import org.musicrfm.model.Scope;
import org.musicrfm.model.Weights;

/**
 * {@code ClapTextModel} (RoBERTa encoder with its pooler): {@code embeddings},
 * {@code encoder.layer.i}, and {@code pooler}: {@code tanh(dense(h[:, 0]))}, the output
 * {@code get_text_features} projects.
 */
public final class ClapTextModel {

    private final ClapTextConfig config;
    private final ClapTextEmbeddings embeddings;
    private final List<ClapTextLayer> layers;
    private final Linear pooler;

    private ClapTextModel(ClapTextConfig config, ClapTextEmbeddings embeddings, List<ClapTextLayer> layers, Linear pooler) {
        this.config = config;
        this.embeddings = embeddings;
        this.layers = layers;
        this.pooler = pooler;
    }

    /** Loads {@code <prefix>} = {@code text_model}. */
    public static ClapTextModel load(Weights w, ClapTextConfig c) {
        List<ClapTextLayer> layers = new ArrayList<>();
        for (int i = 0; i < c.numHiddenLayers(); i++) {
            layers.add(ClapTextLayer.load(w.pp("encoder").pp("layer").pp(i), c));
        }
        return new ClapTextModel(c, ClapTextEmbeddings.load(w.pp("embeddings"), c), List.copyOf(layers),
                Linear.load(w.pp("pooler").pp("dense"), c.hiddenSize(), c.hiddenSize(), true));
    }

    public ClapTextConfig config() {
        return config;
    }

    /**
     * @param inputIds      {@code [B, S]} int64
     * @param attentionMask {@code [B, S]} 1 for tokens, 0 for padding
     * @return pooled output {@code [B, H]}
     */
    public NDArray forward(NDArray inputIds, NDArray attentionMask) {
        return Scope.keep(inputIds, m -> {
            long s = inputIds.getShape().get(1);
            NDArray h = embeddings.forward(inputIds);
            DataType dt = h.getDataType();
            float min = dt == DataType.FLOAT16 ? -65504f : -Float.MAX_VALUE;
            NDArray mask = attentionMask.toType(DataType.FLOAT32, false).neg().add(1f).mul(min)
                    .toType(dt, false).reshape(-1, 1, 1, s);
            for (ClapTextLayer layer : layers) {
                h = layer.forward(h, mask);
            }
            return pooler.forward(h.get(":, 0, :")).tanh();
        }, attentionMask);
    }
}
