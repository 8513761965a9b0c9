package org.musicrfm.rfm.torch;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.musicrfm.rfm.backend.KernelSpec;
import org.musicrfm.rfm.backend.KernelSystem;
import org.musicrfm.rfm.backend.Points;
import org.musicrfm.rfm.backend.RfmBackend;
import org.musicrfm.rfm.backend.SymmetricEigen;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;

/**
 * RFM backend on libtorch through DJL (PyTorch engine): a GPU when one is visible, else the CPU.
 * Products and element-wise work are DJL NDArray operations; Cholesky, LU and eigh go through a
 * project-written TorchScript module ({@link TorchLinalg}). Supports the Mahalanobis kernel (full
 * or diagonal M); the K_{p,q} kernel runs on {@link org.musicrfm.rfm.backend.CpuBackend} only.
 * Close the backend to free device memory.
 */
public final class TorchBackend implements RfmBackend, AutoCloseable {

    private final Precision precision;
    private final Device device;
    private final NDManager root;
    private final TorchLinalg linalg;

    public TorchBackend(Precision precision, Device device) {
        this.precision = precision;
        this.device = device;
        this.root = NDManager.newBaseManager(device, "PyTorch");
        this.linalg = new TorchLinalg(device);
    }

    /** GPU 0 when the PyTorch engine sees a GPU, else the CPU. */
    public static TorchBackend defaultDevice(Precision precision) {
        Engine engine = Engine.getEngine("PyTorch");
        return new TorchBackend(precision, engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu());
    }

    public Device device() {
        return device;
    }

    NDManager root() {
        return root;
    }

    TorchLinalg linalg() {
        return linalg;
    }

    @Override
    public Precision precision() {
        return precision;
    }

    @Override
    public Points points(Mat x) {
        Mat host = x.precision() == precision ? x : x.to(precision);
        NDArray arr = TorchArrays.upload(host, precision, root);
        return new TorchPoints(host, root, arr);
    }

    @Override
    public KernelSystem solve(Points train, Mat y, Mat m, KernelSpec kernel, double reg) {
        if (!(train instanceof TorchPoints t)) {
            throw new IllegalArgumentException("training points come from another backend: " + train);
        }
        if (kernel.type() != KernelSpec.Type.MAHALANOBIS) {
            throw new UnsupportedOperationException("the torch backend supports the Mahalanobis kernel only; "
                    + "use CpuBackend for " + kernel.type());
        }
        if (y.rows() != t.rows()) {
            throw new IllegalArgumentException("targets have " + y.rows() + " rows, training points " + t.rows());
        }
        if (!(reg >= 0) || !Double.isFinite(reg)) {
            throw new IllegalArgumentException("ridge reg must be finite and >= 0, got " + reg);
        }
        return new TorchKernelSystem(this, t, y, m, kernel, reg);
    }

    @Override
    public SymmetricEigen eigh(Mat symmetric) {
        try (NDManager t = root.newSubManager()) {
            NDArray a = TorchArrays.upload(symmetric, Precision.FLOAT64, t);
            NDArray[] wv = linalg.eigh(a, t);
            Mat w = TorchArrays.download(wv[0]);
            Mat v = TorchArrays.download(wv[1]);
            int n = w.rows();
            double[] values = new double[n];
            Mat vectors = Mat.zeros(n, n, Precision.FLOAT64);
            for (int k = 0; k < n; k++) {
                int src = n - 1 - k;
                values[k] = w.get(src, 0);
                for (int i = 0; i < n; i++) {
                    vectors.set(i, k, v.get(i, src));
                }
            }
            return new SymmetricEigen(values, vectors);
        }
    }

    @Override
    public void close() {
        linalg.close();
        root.close();
    }

    @Override
    public String toString() {
        return "TorchBackend[" + precision + ", " + device + "]";
    }
}
