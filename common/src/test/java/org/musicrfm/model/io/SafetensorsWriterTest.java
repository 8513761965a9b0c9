package org.musicrfm.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.Fixtures;

class SafetensorsWriterTest {

    @TempDir
    Path tmp;

    @Test
    void narrowsToF16AndBf16ExactlyAsTorchRounds() throws Exception {
        float[] x;
        float[] f16;
        float[] bf16;
        long[] ids;
        try (SafetensorsFile ref = SafetensorsFile.open(Fixtures.hfTiny().resolve("dtypes.safetensors"))) {
            x = ref.readFloats("x.f32");
            f16 = ref.readFloats("x.f16_as_f32");
            bf16 = ref.readFloats("x.bf16_as_f32");
            ids = ref.readLongs("ids.i64");
        }
        Path file = tmp.resolve("out.safetensors");
        long[] shape = {3, 5};
        try (SafetensorsWriter w = SafetensorsWriter.create(file, List.of(
                new TensorInfo("a.f32", "F32", shape), new TensorInfo("b.f16", "F16", shape),
                new TensorInfo("c.bf16", "BF16", shape), new TensorInfo("d.ids", "I64", new long[] {2, 3})),
                Map.of("format", "pt"))) {
            w.writeFloats("a.f32", x);
            w.writeFloats("b.f16", x);
            w.writeFloats("c.bf16", x);
            w.writeLongs("d.ids", ids);
        }
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertThat(f.metadata()).containsEntry("format", "pt");
            assertThat(f.readFloats("a.f32")).containsExactly(x);
            assertThat(f.readFloats("b.f16")).containsExactly(f16);
            assertThat(f.readFloats("c.bf16")).containsExactly(bf16);
            assertThat(f.readLongs("d.ids")).containsExactly(0, 1, 2, 3, 4, 5);
            assertThat(f.info("b.f16").shape()).containsExactly(3, 5);
        }
        long headerLen = java.nio.ByteBuffer.wrap(Files.readAllBytes(file), 0, 8)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(headerLen % 8).isZero();
        assertThat(Files.size(file)).isEqualTo(8 + headerLen + 15 * 4 + 15 * 2 + 15 * 2 + 6 * 8);
    }

    /**
     * The header's metadata keys are written sorted, so the same content gives the same bytes (and the
     * same model fingerprint) in every JVM: {@code Map.of} iterates in an order salted per JVM, which
     * made two {@code model init} runs with one seed write different files.
     */
    @Test
    void metadataKeysAreWrittenSorted() throws Exception {
        Path file = tmp.resolve("m.safetensors");
        Map<String, String> metadata = new java.util.LinkedHashMap<>();
        for (String k : List.of("musicrfm_seed", "format", "zeta", "musicrfm_synthetic", "alpha", "beta")) {
            metadata.put(k, k.toUpperCase());
        }
        try (SafetensorsWriter w = SafetensorsWriter.create(file, List.of(new TensorInfo("t", "F32", new long[] {1})),
                metadata)) {
            w.writeFloats("t", new float[] {1f});
        }
        byte[] bytes = Files.readAllBytes(file);
        long headerLen = java.nio.ByteBuffer.wrap(bytes, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, (int) headerLen, java.nio.charset.StandardCharsets.UTF_8);
        var meta = com.google.gson.JsonParser.parseString(header).getAsJsonObject().getAsJsonObject("__metadata__");
        assertThat(meta.keySet()).containsExactly("alpha", "beta", "format", "musicrfm_seed", "musicrfm_synthetic",
                "zeta");
    }

    @Test
    void enforcesOrderCountsAndCompleteness() throws Exception {
        Path file = tmp.resolve("o.safetensors");
        SafetensorsWriter w = SafetensorsWriter.create(file, List.of(
                new TensorInfo("a", "F32", new long[] {2}), new TensorInfo("b", "F32", new long[] {1})), Map.of());
        assertThatThrownBy(() -> w.writeFloats("b", new float[1])).hasMessageContaining("expected a, got b");
        assertThatThrownBy(() -> w.writeFloats("a", new float[3])).hasMessageContaining("got 3 values");
        w.writeFloats("a", new float[] {1, 2});
        assertThatThrownBy(w::close).isInstanceOf(IOException.class).hasMessageContaining("only 1 of 2");
        assertThatThrownBy(() -> SafetensorsWriter.create(file, List.of(), Map.of()))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    }
}
