package org.musicrfm.rfm.linalg;

import java.util.Arrays;

/**
 * Dense column-major matrix backed by a {@code float[]} (FLOAT32) or a {@code double[]} (FLOAT64),
 * laid out as BLAS/LAPACK expect it: element (i, j) sits at {@code i + j * rows}.
 * A vector is an n×1 matrix. At most 2^31 − 1 elements (n×n up to n = 46,340).
 */
public final class Mat {

    private final int rows;
    private final int cols;
    private final float[] f;
    private final double[] d;

    private Mat(int rows, int cols, float[] f, double[] d) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative shape " + rows + "x" + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.f = f;
        this.d = d;
    }

    /** A zero matrix. */
    public static Mat zeros(int rows, int cols, Precision p) {
        long size = (long) rows * cols;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("matrix " + rows + "x" + cols + " exceeds 2^31 elements");
        }
        return p == Precision.FLOAT32
                ? new Mat(rows, cols, new float[(int) size], null)
                : new Mat(rows, cols, null, new double[(int) size]);
    }

    /** Wraps a column-major float array (not copied). */
    public static Mat wrap(int rows, int cols, float[] data) {
        check(rows, cols, data.length);
        return new Mat(rows, cols, data, null);
    }

    /** Wraps a column-major double array (not copied). */
    public static Mat wrap(int rows, int cols, double[] data) {
        check(rows, cols, data.length);
        return new Mat(rows, cols, null, data);
    }

    private static void check(int rows, int cols, int length) {
        if ((long) rows * cols != length) {
            throw new IllegalArgumentException("array of length " + length + " is not " + rows + "x" + cols);
        }
    }

    /** Identity matrix. */
    public static Mat identity(int n, Precision p) {
        Mat m = zeros(n, n, p);
        for (int i = 0; i < n; i++) {
            m.set(i, i, 1.0);
        }
        return m;
    }

    /** Copies a row-major array of rows (all of equal length). */
    public static Mat fromRows(double[][] rows, Precision p) {
        int n = rows.length;
        int c = n == 0 ? 0 : rows[0].length;
        Mat m = zeros(n, c, p);
        for (int i = 0; i < n; i++) {
            if (rows[i].length != c) {
                throw new IllegalArgumentException("row " + i + " has length " + rows[i].length + ", expected " + c);
            }
            for (int j = 0; j < c; j++) {
                m.set(i, j, rows[i][j]);
            }
        }
        return m;
    }

    /** Copies a row-major array of float rows (all of equal length). */
    public static Mat fromRows(float[][] rows, Precision p) {
        int n = rows.length;
        int c = n == 0 ? 0 : rows[0].length;
        Mat m = zeros(n, c, p);
        for (int i = 0; i < n; i++) {
            if (rows[i].length != c) {
                throw new IllegalArgumentException("row " + i + " has length " + rows[i].length + ", expected " + c);
            }
            for (int j = 0; j < c; j++) {
                m.set(i, j, rows[i][j]);
            }
        }
        return m;
    }

    /** Copies a flat row-major array. */
    public static Mat fromRowMajor(int rows, int cols, double[] data, Precision p) {
        check(rows, cols, data.length);
        Mat m = zeros(rows, cols, p);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m.set(i, j, data[i * cols + j]);
            }
        }
        return m;
    }

    /** A column vector holding the given values. */
    public static Mat column(double[] values, Precision p) {
        Mat m = zeros(values.length, 1, p);
        for (int i = 0; i < values.length; i++) {
            m.set(i, 0, values[i]);
        }
        return m;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public Precision precision() {
        return f != null ? Precision.FLOAT32 : Precision.FLOAT64;
    }

    public boolean isF32() {
        return f != null;
    }

    /** The float storage; fails for a FLOAT64 matrix. */
    public float[] f32() {
        if (f == null) {
            throw new IllegalStateException("FLOAT64 matrix " + rows + "x" + cols + " has no float storage");
        }
        return f;
    }

    /** The double storage; fails for a FLOAT32 matrix. */
    public double[] f64() {
        if (d == null) {
            throw new IllegalStateException("FLOAT32 matrix " + rows + "x" + cols + " has no double storage");
        }
        return d;
    }

    public double get(int i, int j) {
        int k = i + j * rows;
        return f != null ? f[k] : d[k];
    }

    public void set(int i, int j, double v) {
        int k = i + j * rows;
        if (f != null) {
            f[k] = (float) v;
        } else {
            d[k] = v;
        }
    }

    /** Element at flat column-major index k. */
    public double at(int k) {
        return f != null ? f[k] : d[k];
    }

    /** Sets the element at flat column-major index k. */
    public void put(int k, double v) {
        if (f != null) {
            f[k] = (float) v;
        } else {
            d[k] = v;
        }
    }

    public int size() {
        return rows * cols;
    }

    public Mat copy() {
        return f != null ? new Mat(rows, cols, f.clone(), null) : new Mat(rows, cols, null, d.clone());
    }

    /** This matrix in precision p (a copy, also when p is already this precision). */
    public Mat to(Precision p) {
        if (p == precision()) {
            return copy();
        }
        Mat m = zeros(rows, cols, p);
        for (int k = 0; k < size(); k++) {
            m.put(k, at(k));
        }
        return m;
    }

    /** Rows as double arrays. */
    public double[][] toRows() {
        double[][] out = new double[rows][cols];
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                out[i][j] = get(i, j);
            }
        }
        return out;
    }

    /** Column-major contents as doubles. */
    public double[] toDoubles() {
        if (d != null) {
            return d.clone();
        }
        double[] out = new double[f.length];
        for (int k = 0; k < f.length; k++) {
            out[k] = f[k];
        }
        return out;
    }

    /** Row-major contents as doubles. */
    public double[] toRowMajor() {
        double[] out = new double[size()];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = get(i, j);
            }
        }
        return out;
    }

    /** Rows {@code [from, to)} as a new matrix. */
    public Mat rowSlice(int from, int to) {
        if (from < 0 || to > rows || from > to) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") of " + rows);
        }
        int m = to - from;
        Mat out = zeros(m, cols, precision());
        for (int j = 0; j < cols; j++) {
            if (f != null) {
                System.arraycopy(f, from + j * rows, out.f, j * m, m);
            } else {
                System.arraycopy(d, from + j * rows, out.d, j * m, m);
            }
        }
        return out;
    }

    /** The given rows, in order. */
    public Mat selectRows(int[] index) {
        Mat out = zeros(index.length, cols, precision());
        for (int j = 0; j < cols; j++) {
            for (int r = 0; r < index.length; r++) {
                out.set(r, j, get(index[r], j));
            }
        }
        return out;
    }

    /** Columns {@code [from, to)} as a new matrix. */
    public Mat colSlice(int from, int to) {
        if (from < 0 || to > cols || from > to) {
            throw new IndexOutOfBoundsException("columns [" + from + ", " + to + ") of " + cols);
        }
        Mat out = zeros(rows, to - from, precision());
        if (f != null) {
            System.arraycopy(f, from * rows, out.f, 0, (to - from) * rows);
        } else {
            System.arraycopy(d, from * rows, out.d, 0, (to - from) * rows);
        }
        return out;
    }

    /** Transposed copy. */
    public Mat transpose() {
        Mat out = zeros(cols, rows, precision());
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                out.set(j, i, get(i, j));
            }
        }
        return out;
    }

    /** Largest element. */
    public double max() {
        double m = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < size(); k++) {
            m = Math.max(m, at(k));
        }
        return m;
    }

    /** Multiplies every element by s in place; returns this. */
    public Mat scaleInPlace(double s) {
        if (f != null) {
            float fs = (float) s;
            for (int k = 0; k < f.length; k++) {
                f[k] *= fs;
            }
        } else {
            for (int k = 0; k < d.length; k++) {
                d[k] *= s;
            }
        }
        return this;
    }

    /** Frobenius norm, accumulated in double. */
    public double frobenius() {
        double s = 0;
        for (int k = 0; k < size(); k++) {
            double v = at(k);
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** ‖this − ref‖_F / ‖ref‖_F. */
    public double relativeError(Mat ref) {
        if (ref.rows != rows || ref.cols != cols) {
            throw new IllegalArgumentException("shape " + rows + "x" + cols + " vs reference " + ref.rows + "x" + ref.cols);
        }
        double num = 0;
        double den = 0;
        for (int k = 0; k < size(); k++) {
            double e = at(k) - ref.at(k);
            num += e * e;
            den += ref.at(k) * ref.at(k);
        }
        return Math.sqrt(num / den);
    }

    /** Fills the strict lower triangle from the strict upper one (square matrices). */
    public void symmetrizeFromUpper() {
        if (rows != cols) {
            throw new IllegalStateException("not square: " + rows + "x" + cols);
        }
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < j; i++) {
                put(j + i * rows, at(i + j * rows));
            }
        }
    }

    @Override
    public String toString() {
        return "Mat[" + rows + "x" + cols + ", " + precision() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mat m && m.rows == rows && m.cols == cols
                && Arrays.equals(m.f, f) && Arrays.equals(m.d, d);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + (f != null ? Arrays.hashCode(f) : Arrays.hashCode(d));
    }
}
