package org.musicrfm.steering;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One layer of one class in a {@link SteeringPack}: the probe's top eigenvectors {@code [n][H]}
 * (row 0 is the steering direction), their eigenvalues, the probe's validation score, and the
 * probe's hyperparameters and metrics (numbers; booleans as 0/1).
 */
public record LayerDirection(float[][] vectors, float[] eigenvalues, double score,
                             SortedMap<String, Double> hyperparameters, SortedMap<String, Double> metrics) {

    public LayerDirection {
        if (vectors.length == 0 || vectors[0].length == 0) {
            throw new IllegalArgumentException("layer direction needs at least one non-empty vector");
        }
        if (eigenvalues.length != vectors.length) {
            throw new IllegalArgumentException("layer direction has " + vectors.length + " vectors but "
                    + eigenvalues.length + " eigenvalues");
        }
        float[][] copy = new float[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i].length != vectors[0].length) {
                throw new IllegalArgumentException("layer direction vector " + i + " has length " + vectors[i].length
                        + ", vector 0 has " + vectors[0].length);
            }
            copy[i] = vectors[i].clone();
        }
        vectors = copy;
        eigenvalues = eigenvalues.clone();
        hyperparameters = Collections.unmodifiableSortedMap(new TreeMap<>(hyperparameters == null ? Map.of() : hyperparameters));
        metrics = Collections.unmodifiableSortedMap(new TreeMap<>(metrics == null ? Map.of() : metrics));
    }

    /** Vectors, eigenvalues and score, without hyperparameters or metrics. */
    public static LayerDirection of(float[][] vectors, float[] eigenvalues, double score) {
        return new LayerDirection(vectors, eigenvalues, score, new TreeMap<>(), new TreeMap<>());
    }

    public LayerDirection withHyperparameters(Map<String, Double> h) {
        return new LayerDirection(vectors, eigenvalues, score, new TreeMap<>(h), metrics);
    }

    public LayerDirection withMetrics(Map<String, Double> m) {
        return new LayerDirection(vectors, eigenvalues, score, hyperparameters, new TreeMap<>(m));
    }

    /** Number of stored components. */
    public int components() {
        return vectors.length;
    }

    public int hiddenSize() {
        return vectors[0].length;
    }

    /** The sum of the given components (component 0 alone is the usual direction). */
    public float[] combined(int... components) {
        float[] out = new float[hiddenSize()];
        for (int c : components) {
            if (c < 0 || c >= vectors.length) {
                throw new IllegalArgumentException("component " + c + " requested, " + vectors.length + " stored");
            }
            for (int i = 0; i < out.length; i++) {
                out[i] += vectors[c][i];
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerDirection d && java.util.Arrays.deepEquals(vectors, d.vectors)
                && java.util.Arrays.equals(eigenvalues, d.eigenvalues) && Double.compare(score, d.score) == 0
                && hyperparameters.equals(d.hyperparameters) && metrics.equals(d.metrics);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.deepHashCode(vectors) * 31 + java.util.Arrays.hashCode(eigenvalues);
    }

    @Override
    public String toString() {
        return "LayerDirection[" + vectors.length + " x " + hiddenSize() + ", score " + score + "]";
    }
}
