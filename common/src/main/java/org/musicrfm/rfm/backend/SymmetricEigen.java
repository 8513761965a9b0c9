package org.musicrfm.rfm.backend;

import org.musicrfm.rfm.linalg.Mat;

/**
 * Eigenvalues of a symmetric matrix in descending order and the matching orthonormal
 * eigenvectors as the columns of {@code vectors} (d × d, FLOAT64).
 */
public record SymmetricEigen(double[] values, Mat vectors) {

    /** Column k of the eigenvectors. */
    public double[] vector(int k) {
        double[] v = new double[vectors.rows()];
        for (int i = 0; i < v.length; i++) {
            v[i] = vectors.get(i, k);
        }
        return v;
    }
}
