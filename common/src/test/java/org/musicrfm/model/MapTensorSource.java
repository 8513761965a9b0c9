package org.musicrfm.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.musicrfm.model.io.TensorInfo;
import org.musicrfm.model.io.TensorSource;

/** In-memory float32 tensors for unit tests of single modules. */
public final class MapTensorSource implements TensorSource {

    private final Map<String, float[]> data = new LinkedHashMap<>();
    private final Map<String, long[]> shapes = new LinkedHashMap<>();

    public MapTensorSource put(String name, float[] values, long... shape) {
        data.put(name, values);
        shapes.put(name, shape);
        return this;
    }

    @Override
    public Set<String> names() {
        return data.keySet();
    }

    @Override
    public TensorInfo info(String name) {
        if (!shapes.containsKey(name)) {
            throw new IllegalArgumentException("no tensor " + name);
        }
        return new TensorInfo(name, "F32", shapes.get(name));
    }

    @Override
    public float[] readFloats(String name) {
        return data.get(name).clone();
    }

    @Override
    public long[] readLongs(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
}
