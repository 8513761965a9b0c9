package org.musicrfm.rfm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.musicrfm.model.io.SafetensorsFile;
import org.musicrfm.model.io.TensorInfo;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Precision;

/** One xRFM reference case ({@code fixtures/rfm-xrfm/*.safetensors}, all F64), read whole through {@link SafetensorsFile}. */
final class RfmFixture {

    private final Path path;
    private final Map<String, String> metadata;
    private final Map<String, TensorInfo> infos = new HashMap<>();
    private final Map<String, double[]> values = new HashMap<>();

    private RfmFixture(Path path) throws IOException {
        this.path = path;
        try (SafetensorsFile f = SafetensorsFile.open(path)) {
            metadata = Map.copyOf(f.metadata());
            for (String name : f.names()) {
                TensorInfo info = f.info(name);
                if (!info.dtype().equals("F64")) {
                    throw new IllegalArgumentException(path + ": tensor " + name + " is " + info.dtype() + ", expected F64");
                }
                infos.put(name, info);
                values.put(name, f.readDoubles(name));
            }
        }
    }

    static RfmFixture read(Path path) throws IOException {
        return new RfmFixture(path);
    }

    String meta(String key) {
        return metadata.get(key);
    }

    /** A 1-D or 2-D tensor as a matrix (1-D → n×1). */
    Mat matrix(String name, Precision p) {
        TensorInfo info = infos.get(name);
        if (info == null) {
            throw new IllegalArgumentException(path + ": no tensor " + name);
        }
        int rows = (int) info.shape()[0];
        int cols = info.shape().length > 1 ? (int) info.shape()[1] : 1;
        return Mat.fromRowMajor(rows, cols, values.get(name).clone(), p);
    }

    double[] vector(String name) {
        return matrix(name, Precision.FLOAT64).toDoubles();
    }
}
