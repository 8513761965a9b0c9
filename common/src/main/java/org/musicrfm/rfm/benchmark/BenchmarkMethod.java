package org.musicrfm.rfm.benchmark;

import java.util.Arrays;
import java.util.Locale;

/** The methods the benchmark compares, with the pooling each one reads. */
public enum BenchmarkMethod {
    /** The layer-aggregation model over the mean-pooled RFM probes' top directions. */
    AGGREGATE("aggregate", "mean"),
    /** The multiclass (or regression) RFM on mean-pooled activations, per layer. */
    RFM_MEAN("rfm_mean", "mean"),
    /** The same RFM on the last token's activations, per layer. */
    RFM_LAST("rfm_last", "last"),
    /** Logistic regression (ridge for regression) on mean-pooled activations, per layer. */
    LINEAR("linear", "mean"),
    /** SynTheory's two-layer FFN probe on mean-pooled activations, per layer. */
    FFN("ffn", "mean");

    private final String id;
    private final String pooling;

    BenchmarkMethod(String id, String pooling) {
        this.id = id;
        this.pooling = pooling;
    }

    public String id() {
        return id;
    }

    /** The activation pooling the method reads. */
    public String pooling() {
        return pooling;
    }

    /** Parses an id ({@code aggregate}, {@code rfm_mean}, {@code rfm_last}, {@code linear}, {@code ffn}). */
    public static BenchmarkMethod parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT);
        for (BenchmarkMethod m : values()) {
            if (m.id.equals(k)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + s + "' (known: "
                + Arrays.stream(values()).map(BenchmarkMethod::id).toList() + ")");
    }
}
