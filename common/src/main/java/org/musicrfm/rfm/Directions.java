package org.musicrfm.rfm;

import org.musicrfm.rfm.linalg.Mat;

/**
 * Concept directions: the top eigenvectors of a model's AGOP (columns of {@code vectors}, d × k,
 * FLOAT64, unit length) with their eigenvalues (descending, of the max-normalized AGOP).
 */
public record Directions(double[] eigenvalues, Mat vectors) {

    /** Number of directions. */
    public int count() {
        return eigenvalues.length;
    }

    /** Direction k as a fresh array. */
    public double[] direction(int k) {
        double[] v = new double[vectors.rows()];
        for (int i = 0; i < v.length; i++) {
            v[i] = vectors.get(i, k);
        }
        return v;
    }
}
