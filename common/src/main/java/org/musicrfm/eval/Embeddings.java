package org.musicrfm.eval;

import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;

/** Checks and converts embedding sets given as rows (n × d). */
final class Embeddings {

    private Embeddings() {}

    /** Throws unless rows is a non-empty rectangular array of finite numbers with at least minRows rows. */
    static int check(double[][] rows, String what, int minRows) {
        if (rows == null || rows.length < minRows) {
            throw new IllegalArgumentException(what + " has " + (rows == null ? 0 : rows.length)
                    + " rows, at least " + minRows + " needed");
        }
        int d = rows[0].length;
        if (d == 0) {
            throw new IllegalArgumentException(what + " has zero-length rows");
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException(what + " row " + i + " has length " + rows[i].length + ", expected " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(rows[i][j])) {
                    throw new IllegalArgumentException(what + " entry (" + i + ", " + j + ") is " + rows[i][j]
                            + ", expected a finite number");
                }
            }
        }
        return d;
    }

    /** Throws unless both sets have the same dimension. */
    static void sameDim(double[][] x, double[][] y) {
        if (x[0].length != y[0].length) {
            throw new IllegalArgumentException("embedding sets differ in dimension: " + x[0].length + " vs " + y[0].length);
        }
    }

    static Mat mat(double[][] rows) {
        return Mat.fromRows(rows, Precision.FLOAT64);
    }
}
