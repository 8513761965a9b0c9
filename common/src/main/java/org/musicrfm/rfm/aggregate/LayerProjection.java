package org.musicrfm.rfm.aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;

/**
 * The aggregator's features: for each selected layer, its activations times the first k of its
 * probe's directions ([n, d] · [d, k] → [n, k]), concatenated over the layers in order
 * ([n, Σ k_ℓ]).
 *
 * @param layers     the selected layers, in feature order
 * @param directions per selected layer, the directions used (d × k_ℓ)
 */
public record LayerProjection(List<Integer> layers, List<Mat> directions) {

    public LayerProjection {
        layers = List.copyOf(layers);
        directions = List.copyOf(directions);
        if (layers.isEmpty() || layers.size() != directions.size()) {
            throw new IllegalArgumentException("need one direction matrix per selected layer, got " + layers.size()
                    + " layers and " + directions.size() + " matrices");
        }
    }

    /** Keeps the first {@code k} directions of each probe (all of them when it has fewer). */
    public static LayerProjection of(List<LayerProbe> probes, int k) {
        List<Integer> layers = new ArrayList<>();
        List<Mat> dirs = new ArrayList<>();
        for (LayerProbe p : probes) {
            layers.add(p.layer());
            dirs.add(p.directions().colSlice(0, Math.min(k, p.directions().cols())).to(Precision.FLOAT64));
        }
        return new LayerProjection(layers, dirs);
    }

    /** Number of features: Σ k_ℓ. */
    public int width() {
        return directions.stream().mapToInt(Mat::cols).sum();
    }

    /** Features of clips given each selected layer's activations (same row order in every layer). */
    public Mat features(Map<Integer, Mat> activations) {
        List<Mat> parts = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Mat x = activations.get(layers.get(i));
            if (x == null) {
                throw new IllegalArgumentException("no activations for layer " + layers.get(i) + " (have "
                        + activations.keySet() + ")");
            }
            parts.add(project(x, directions.get(i), layers.get(i)));
        }
        int n = parts.get(0).rows();
        Mat out = Mat.zeros(n, width(), Precision.FLOAT64);
        int col = 0;
        for (int i = 0; i < parts.size(); i++) {
            Mat p = parts.get(i);
            if (p.rows() != n) {
                throw new IllegalArgumentException("layer " + layers.get(i) + " has " + p.rows() + " rows, layer "
                        + layers.get(0) + " " + n);
            }
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < p.cols(); c++) {
                    out.set(r, col + c, p.get(r, c));
                }
            }
            col += p.cols();
        }
        return out;
    }

    // [n, d] · [d, k] -> [n, k]
    private static Mat project(Mat x, Mat v, int layer) {
        if (x.cols() != v.rows()) {
            throw new IllegalArgumentException("layer " + layer + ": activations have " + x.cols()
                    + " features, its directions " + v.rows());
        }
        int n = x.rows();
        int d = x.cols();
        int k = v.cols();
        double[] xs = x.toRowMajor();
        double[] vs = v.toRowMajor();
        double[] out = new double[n * k];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                double a = xs[r * d + j];
                if (a == 0) {
                    continue;
                }
                for (int c = 0; c < k; c++) {
                    out[r * k + c] += a * vs[j * k + c];
                }
            }
        }
        return Mat.fromRowMajor(n, k, out, Precision.FLOAT64);
    }
}
