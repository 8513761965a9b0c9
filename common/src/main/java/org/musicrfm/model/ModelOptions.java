package org.musicrfm.model;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;

/**
 * Where and in which precision a model runs. float32 is the default; float16 is accepted only on a
 * GPU (PyTorch's CPU half kernels are slow and partial); bfloat16 is refused because creating a BF16
 * array through DJL 0.33 aborts the JVM.
 */
public record ModelOptions(Device device, DataType dtype) {

    public ModelOptions {
        if (device == null) {
            throw new IllegalArgumentException("device is null");
        }
        if (dtype == null) {
            dtype = DataType.FLOAT32;
        }
        if (dtype == DataType.BFLOAT16) {
            throw new IllegalArgumentException("dtype bfloat16 is not supported (DJL 0.33 aborts the JVM on BF16 arrays); "
                    + "use float32, or float16 on a GPU");
        }
        if (dtype != DataType.FLOAT32 && dtype != DataType.FLOAT16) {
            throw new IllegalArgumentException("dtype " + dtype + " is not supported; expected float32 or float16");
        }
        if (dtype == DataType.FLOAT16 && !device.isGpu()) {
            throw new IllegalArgumentException("dtype float16 needs a GPU device, got " + device);
        }
    }

    /** float32 on the CPU. */
    public static ModelOptions cpu() {
        return new ModelOptions(Device.cpu(), DataType.FLOAT32);
    }

    /** float32 on the engine's default device (the first GPU when one is visible, else the CPU). */
    public static ModelOptions defaults() {
        return new ModelOptions(ai.djl.engine.Engine.getEngine("PyTorch").defaultDevice(), DataType.FLOAT32);
    }

    /**
     * Parses {@code cpu}, {@code gpu}, {@code gpu:1} or {@code cuda:0} plus a dtype name
     * ({@code float32}, {@code float16}/{@code fp16}).
     */
    public static ModelOptions parse(String device, String dtype) {
        Device d;
        String dev = device == null ? "cpu" : device.trim().toLowerCase();
        if (dev.equals("cpu")) {
            d = Device.cpu();
        } else if (dev.startsWith("gpu") || dev.startsWith("cuda")) {
            int colon = dev.indexOf(':');
            d = Device.gpu(colon < 0 ? 0 : Integer.parseInt(dev.substring(colon + 1)));
        } else {
            throw new IllegalArgumentException("device '" + device + "': expected cpu, gpu or gpu:N");
        }
        String t = dtype == null ? "float32" : dtype.trim().toLowerCase();
        DataType dt = switch (t) {
            case "float32", "fp32", "f32" -> DataType.FLOAT32;
            case "float16", "fp16", "f16", "half" -> DataType.FLOAT16;
            case "bfloat16", "bf16" -> DataType.BFLOAT16;
            default -> throw new IllegalArgumentException("dtype '" + dtype + "': expected float32 or float16");
        };
        return new ModelOptions(d, dt);
    }

    /** The same device in float32 (parts that always run in full precision: T5, the RVQ distances). */
    public ModelOptions float32() {
        return dtype == DataType.FLOAT32 ? this : new ModelOptions(device, DataType.FLOAT32);
    }
}
