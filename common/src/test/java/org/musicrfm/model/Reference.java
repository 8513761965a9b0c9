package org.musicrfm.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.musicrfm.Fixtures;
import org.musicrfm.model.io.SafetensorsFile;

/** The tensors of {@code fixtures/hf-tiny/reference.safetensors} (test resources), opened once per JVM. */
public final class Reference {

    private static SafetensorsFile file;

    private Reference() {}

    private static synchronized SafetensorsFile file() {
        if (file == null) {
            try {
                file = SafetensorsFile.open(Fixtures.hfTiny().resolve("reference.safetensors"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    public static float[] floats(String name) {
        try {
            return file().readFloats(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static long[] longs(String name) {
        try {
            return file().readLongs(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static long[] shape(String name) {
        return file().info(name).shape();
    }

    public static Path musicgenFolder() {
        return Fixtures.hfTiny().resolve("musicgen");
    }

    public static Path tokenizer() {
        return Fixtures.hfTiny().resolve("tokenizer").resolve("tokenizer.json");
    }
}
