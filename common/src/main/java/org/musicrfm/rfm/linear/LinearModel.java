package org.musicrfm.rfm.linear;

import org.musicrfm.rfm.linalg.Blas;
import org.musicrfm.rfm.linalg.Mat;

/**
 * An affine map of standardized features, f(x) = ((x − mean)/sd)·W + b: ridge outputs, or
 * logistic logits (one column for binary, one per class otherwise).
 */
public record LinearModel(Standardizer scaling, Mat weights, double[] intercept) {

    /** f at the rows of x: n × c, FLOAT64. */
    public Mat outputs(Mat x) {
        Mat out = Blas.mul(false, scaling.apply(x), false, weights);
        for (int j = 0; j < out.cols(); j++) {
            for (int i = 0; i < out.rows(); i++) {
                out.set(i, j, out.get(i, j) + intercept[j]);
            }
        }
        return out;
    }
}
