package org.musicrfm.model.io;

import java.util.Arrays;

/** Name, stored dtype (safetensors spelling: F32, F16, BF16, F64, I64, ...) and shape of a tensor. */
public record TensorInfo(String name, String dtype, long[] shape) {

    public long elementCount() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape);
    }
}
