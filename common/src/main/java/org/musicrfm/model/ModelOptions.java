package org.musicrfm.model;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;

/**
 * Where and in which precision a model runs. float32 is the default; float16 runs on the GPU and,
 * for parity checks and memory, on the CPU (PyTorch 2.5's CPU half kernels cover every op the port
 * uses, slower than float32; T5 and the RVQ distances stay in float32); bfloat16 is refused because
 * DJL 0.33 aborts the JVM on any BF16 tensor (even {@code toType(BFLOAT16)}: "terminate called
 * without an active exception").
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
            throw new IllegalArgumentException("--dtype bfloat16 is not supported: DJL 0.33 aborts the JVM on any "
                    + "BF16 tensor; use float16 (GPU or CPU) or float32");
        }
        if (dtype != DataType.FLOAT32 && dtype != DataType.FLOAT16) {
            throw new IllegalArgumentException("dtype " + dtype + " is not supported; expected float32 or float16");
        }
    }

    /**
     * Fails at once, with the reason, when the device is a GPU that PyTorch cannot see (no card, or
     * a build without the CUDA natives): better than a failure deep inside the first forward pass.
     * Call it where the model will run (the CLI process, an executor), not on a driver that only plans.
     */
    public ModelOptions requireAvailable() {
        if (device.isGpu()) {
            int visible = ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount();
            if (device.getDeviceId() >= visible) {
                throw new IllegalArgumentException("--device gpu:" + device.getDeviceId() + ": " + (visible == 0
                        ? "no GPU is visible to PyTorch here (no CUDA card, or a build without the CUDA natives: "
                        + "mvn -Pcuda package)" : "only " + visible + " GPU(s) visible (gpu:0..gpu:" + (visible - 1) + ")")
                        + "; use --device cpu");
            }
        }
        return this;
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
