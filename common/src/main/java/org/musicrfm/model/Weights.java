package org.musicrfm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.musicrfm.model.io.Checkpoint;
import org.musicrfm.model.io.TensorInfo;
import org.musicrfm.model.io.TensorSource;

/**
 * Named checkpoint tensors turned into NDArrays on the model's device, under a name prefix (as
 * candle's {@code VarBuilder}): {@code w.pp("layers").pp(3).get("fc1.weight", ffn, hidden)} reads
 * {@code <prefix>.layers.3.fc1.weight} and checks its shape. Arrays live in the model's manager.
 */
public final class Weights {

    private final TensorSource source;
    private final NDManager manager;
    private final DataType dtype;
    private final String prefix;

    private Weights(TensorSource source, NDManager manager, DataType dtype, String prefix) {
        this.source = source;
        this.manager = manager;
        this.dtype = dtype;
        this.prefix = prefix;
    }

    /** Root view: arrays go to {@code manager} (whose device they take) in {@code dtype}. */
    public static Weights of(TensorSource source, NDManager manager, DataType dtype) {
        return new Weights(source, manager, dtype, "");
    }

    /** A view under {@code prefix.name}. */
    public Weights pp(String name) {
        return new Weights(source, manager, dtype, full(name));
    }

    public Weights pp(int index) {
        return pp(Integer.toString(index));
    }

    /** The same view, but arrays are created in float32 whatever the model dtype. */
    public Weights float32() {
        return new Weights(source, manager, DataType.FLOAT32, prefix);
    }

    public DataType dtype() {
        return dtype;
    }

    public NDManager manager() {
        return manager;
    }

    public String prefix() {
        return prefix;
    }

    /** Full tensor name of {@code name} under this view. */
    public String full(String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    public boolean has(String name) {
        return source.names().contains(full(name));
    }

    /** Stored shape of a tensor (clear error when absent). */
    public long[] shape(String name) {
        return source.info(full(name)).shape();
    }

    /** Reads a tensor as float32 values, checking its shape. */
    public float[] floats(String name, long... shape) {
        String n = full(name);
        if (source instanceof Checkpoint ckpt) {
            try {
                return ckpt.require(n, shape);
            } catch (IOException e) {
                throw new UncheckedIOException("reading tensor '" + n + "'", e);
            }
        }
        TensorInfo info = source.info(n);
        if (!Arrays.equals(info.shape(), shape)) {
            throw new IllegalArgumentException("tensor '" + n + "': expected shape " + Arrays.toString(shape)
                    + ", found " + Arrays.toString(info.shape()));
        }
        try {
            return source.readFloats(n);
        } catch (IOException e) {
            throw new UncheckedIOException("reading tensor '" + n + "'", e);
        }
    }

    /** A tensor as an array on the model's device in this view's dtype. */
    public NDArray get(String name, long... shape) {
        NDArray a = manager.create(floats(name, shape), new Shape(shape));
        return cast(a);
    }

    /**
     * A weight-normed weight {@code w = g * v / ||v||}, the norm over every dimension but 0, from
     * {@code <name>_g} ({@code [out, 1, ...]}) and {@code <name>_v} (the weight's shape); computed in
     * float32 before any cast.
     */
    public NDArray weightNorm(String name, long... shape) {
        long[] gShape = new long[shape.length];
        Arrays.fill(gShape, 1);
        gShape[0] = shape[0];
        try (NDManager tmp = manager.newSubManager()) {
            NDArray v = tmp.create(floats(name + "_v", shape), new Shape(shape));
            NDArray g = tmp.create(floats(name + "_g", gShape), new Shape(gShape));
            int[] axes = new int[shape.length - 1];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = i + 1;
            }
            NDArray norm = v.square().sum(axes, true).sqrt();
            NDArray w = v.mul(g.div(norm));
            NDArray out = w.toType(dtype, false);
            out.attach(manager);
            return out;
        }
    }

    private NDArray cast(NDArray a) {
        if (a.getDataType() == dtype) {
            return a;
        }
        NDArray c = a.toType(dtype, false);
        a.close();
        return c;
    }
}
