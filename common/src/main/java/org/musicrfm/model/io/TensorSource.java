package org.musicrfm.model.io;

import java.io.IOException;
import java.util.Set;

/**
 * Named tensors of a checkpoint, read on demand. Implementations: one safetensors file, one
 * PyTorch {@code .bin} zip, or a sharded set of either. Floating-point tensors are widened to
 * float32 whatever their stored dtype.
 */
public interface TensorSource extends AutoCloseable {

    /** Every tensor name, as stored. */
    Set<String> names();

    /** Dtype and shape of a tensor; a clear error naming it when absent. */
    TensorInfo info(String name);

    /** The tensor as float32, row-major; F16 and BF16 are widened exactly. */
    float[] readFloats(String name) throws IOException;

    /** An integer tensor (I64, I32, ...) as longs, row-major. */
    long[] readLongs(String name) throws IOException;

    @Override
    void close() throws IOException;
}
