package org.musicrfm.rfm.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;

/** Host {@link Mat} (column-major) ↔ device NDArray (row-major) transfers. */
final class TorchArrays {

    private TorchArrays() {}

    static DataType dataType(Precision p) {
        return p == Precision.FLOAT32 ? DataType.FLOAT32 : DataType.FLOAT64;
    }

    /** Uploads m as an [rows, cols] array of precision p that owns its memory (column-major strides). */
    static NDArray upload(Mat m, Precision p, NDManager manager) {
        Mat src = m.precision() == p ? m : m.to(p);
        Shape colMajor = new Shape(src.cols(), src.rows());
        // DJL's PyTorch arrays made from Java data wrap a direct buffer that only the created array keeps
        // alive: a view of it (the transpose) would read freed memory once that array is closed and
        // collected, so the result is a copy that owns its memory.
        try (NDArray t = src.isF32() ? manager.create(src.f32(), colMajor) : manager.create(src.f64(), colMajor);
             NDArray view = t.transpose()) {
            NDArray out = view.duplicate();
            out.attach(manager);
            return out;
        }
    }

    /** Downloads a 1-D or 2-D array as a FLOAT64 host matrix (1-D → n×1). */
    static Mat download(NDArray a) {
        Shape s = a.getShape();
        int rows = (int) s.get(0);
        int cols = s.dimension() > 1 ? (int) s.get(1) : 1;
        double[] data;
        if (a.getDataType() == DataType.FLOAT64) {
            data = a.toDoubleArray();
        } else {
            try (NDArray d = a.toType(DataType.FLOAT64, true)) {
                data = d.toDoubleArray();
            }
        }
        return Mat.fromRowMajor(rows, cols, data, Precision.FLOAT64);
    }

    /** Downloads into the given precision. */
    static Mat download(NDArray a, Precision p) {
        Mat m = download(a);
        return p == Precision.FLOAT64 ? m : m.to(p);
    }
}
