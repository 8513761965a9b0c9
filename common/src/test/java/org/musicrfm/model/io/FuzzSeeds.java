package org.musicrfm.model.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.musicrfm.Fixtures;
import org.musicrfm.audio.Audio;
import org.musicrfm.audio.SampleFormat;
import org.musicrfm.audio.WavFiles;

/**
 * Writes the fuzzing corpus seeds committed under {@code src/test/resources/fuzz/} (run once from the
 * {@code common} folder: {@code java -cp target/classes:target/test-classes:… org.musicrfm.model.io.FuzzSeeds}).
 * Small valid files of each reader; the fuzz tests mutate them.
 */
public final class FuzzSeeds {

    private FuzzSeeds() {}

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "src/test/resources/fuzz");
        Path wav = Files.createDirectories(root.resolve("wav"));
        float[] s = new float[64];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) Math.sin(i * 0.3) * 0.5f;
        }
        Files.write(wav.resolve("pcm16-mono.wav"), WavFiles.encode(new Audio(s, 32_000, 1), SampleFormat.PCM_16));
        Files.write(wav.resolve("float-stereo.wav"), WavFiles.encode(new Audio(s, 44_100, 2), SampleFormat.FLOAT_32));
        Files.write(wav.resolve("pcm24-extensible.wav"), extensible24(s));

        Path st = Files.createDirectories(root.resolve("safetensors"));
        Files.copy(Fixtures.hfTiny().resolve("dtypes.safetensors"), st.resolve("dtypes.safetensors"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (SafetensorsWriter w = SafetensorsWriter.create(st.resolve("two.safetensors"), java.util.List.of(
                new TensorInfo("a", "F16", new long[] {2, 2}), new TensorInfo("b", "F32", new long[] {2}),
                new TensorInfo("i", "I64", new long[] {2})), Map.of("format", "pt"))) {
            w.writeFloats("a", new float[] {1, 2, 3, 4});
            w.writeFloats("b", new float[] {-1, 0.5f});
            w.writeLongs("i", new long[] {7, -7});
        }

        Path bin = Files.createDirectories(root.resolve("bin"));
        new TorchZipBuilder()
                .storage("0", TorchZipBuilder.floats(1, 2, 3, 4, 5, 6))
                .storage("1", TorchZipBuilder.shorts(0x3c00, 0xc000))
                .tensor("w", "FloatStorage", "0", 6, 0, new long[] {2, 3}, new long[] {3, 1})
                .tensor("t", "FloatStorage", "0", 6, 1, new long[] {2, 2}, new long[] {1, 2})
                .tensor("h", "HalfStorage", "1", 2, 0, new long[] {2}, new long[] {1})
                .write(bin.resolve("small.bin"));

        Path tok = Files.createDirectories(root.resolve("tokenizer"));
        Files.copy(Fixtures.hfTiny().resolve("tokenizer/tokenizer.json"), tok.resolve("tokenizer.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path cfg = Files.createDirectories(root.resolve("config"));
        Files.copy(Fixtures.hfTiny().resolve("musicgen/config.json"), cfg.resolve("config.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** A 24-bit WAVE_FORMAT_EXTENSIBLE file (the layout the reader handles beyond plain PCM). */
    private static byte[] extensible24(float[] s) {
        int data = s.length * 3;
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + 40 + 8 + data).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(4 + 8 + 40 + 8 + data).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(40).putShort((short) 0xFFFE).putShort((short) 1).putInt(48_000)
                .putInt(48_000 * 3).putShort((short) 3).putShort((short) 24)
                .putShort((short) 22).putShort((short) 24).putInt(4)
                .putShort((short) 1).put(new byte[14]); // sub-format GUID: PCM
        b.put("data".getBytes()).putInt(data);
        for (float x : s) {
            int v = Math.round(x * 8_388_607f);
            b.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
        }
        return b.array();
    }
}
