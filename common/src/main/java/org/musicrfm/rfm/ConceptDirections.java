package org.musicrfm.rfm;

import org.musicrfm.rfm.backend.RfmBackend;
import org.musicrfm.rfm.backend.SymmetricEigen;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;

/**
 * Concept directions from the AGOP of the best model: its top eigenvectors (LAPACK syevd), each
 * signed so that the projections of the training points correlate positively (Pearson) with the
 * training target when one target column is given (binary or regression).
 */
public final class ConceptDirections {

    private ConceptDirections() {}

    /**
     * @param target one training target per row of {@code xTrain}, or null to leave signs as
     *               the eigensolver returns them (multiclass)
     */
    public static Directions compute(RfmModel model, int top, Mat xTrain, double[] target) {
        if (model.bestAgop() == null) {
            throw new IllegalStateException("the model was fit without bestAgop; set RfmConfig.withBestAgop(true)");
        }
        return fromAgop(model.backend(), model.bestAgop(), top, xTrain, target);
    }

    /** Directions of a given AGOP (d × d, or d × 1 for a diagonal one). */
    public static Directions fromAgop(RfmBackend backend, Mat agop, int top, Mat xTrain, double[] target) {
        int d = agop.rows();
        if (top < 1 || top > d) {
            throw new IllegalArgumentException("asked for " + top + " directions of a " + d + "-dimensional AGOP");
        }
        double[] values = new double[top];
        Mat vectors = Mat.zeros(d, top, Precision.FLOAT64);
        if (agop.cols() == 1) {
            Integer[] order = new Integer[d];
            for (int i = 0; i < d; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(agop.get(b, 0), agop.get(a, 0)));
            for (int k = 0; k < top; k++) {
                values[k] = agop.get(order[k], 0);
                vectors.set(order[k], k, 1.0);
            }
        } else {
            SymmetricEigen eig = backend.eigh(agop);
            for (int k = 0; k < top; k++) {
                values[k] = eig.values()[k];
                for (int i = 0; i < d; i++) {
                    vectors.set(i, k, eig.vectors().get(i, k));
                }
            }
        }
        if (target != null) {
            fixSigns(vectors, xTrain, target);
        }
        return new Directions(values, vectors);
    }

    /** Flips each column v so that Pearson(X·v, target) ≥ 0. */
    static void fixSigns(Mat vectors, Mat x, double[] target) {
        if (x.rows() != target.length) {
            throw new IllegalArgumentException(x.rows() + " training rows but " + target.length + " targets");
        }
        if (x.cols() != vectors.rows()) {
            throw new IllegalArgumentException("training rows have " + x.cols() + " features, directions " + vectors.rows());
        }
        int n = x.rows();
        int d = x.cols();
        for (int k = 0; k < vectors.cols(); k++) {
            double[] proj = new double[n];
            for (int j = 0; j < d; j++) {
                double v = vectors.get(j, k);
                for (int i = 0; i < n; i++) {
                    proj[i] += x.get(i, j) * v;
                }
            }
            if (Metrics.pearson(proj, target) < 0) {
                for (int j = 0; j < d; j++) {
                    vectors.set(j, k, -vectors.get(j, k));
                }
            }
        }
    }
}
