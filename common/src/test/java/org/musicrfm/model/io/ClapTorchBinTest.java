package org.musicrfm.model.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.Fixtures;
import org.musicrfm.model.ModelOptions;
import org.musicrfm.model.Parity;
import org.musicrfm.model.Reference;
import org.musicrfm.model.clap.ClapEmbedder;

/**
 * The CLAP fixture re-stored as one {@code pytorch_model.bin} (the layout of laion/larger_clap_music)
 * loads through the same reader path and gives the reference embeddings.
 */
class ClapTorchBinTest {

    @Test
    void pytorchModelBinGivesTheSameEmbeddings(@TempDir Path tmp) throws Exception {
        Path fixture = Fixtures.hfTiny().resolve("clap");
        Path bin = tmp.resolve("clap-bin");
        Files.createDirectories(bin);
        Files.copy(fixture.resolve("config.json"), bin.resolve("config.json"));
        Files.copy(fixture.resolve("preprocessor_config.json"), bin.resolve("preprocessor_config.json"));
        TorchZipBuilder zip = new TorchZipBuilder();
        int key = 0;
        try (SafetensorsFile st = SafetensorsFile.open(fixture.resolve("model.safetensors"))) {
            for (String name : st.names()) {
                TensorInfo info = st.info(name);
                long[] shape = info.shape();
                long[] stride = new long[shape.length];
                long numel = 1;
                for (int d = shape.length - 1; d >= 0; d--) {
                    stride[d] = numel;
                    numel *= shape[d];
                }
                boolean isLong = info.dtype().equals("I64");
                String k = Integer.toString(key++);
                zip.storage(k, isLong ? TorchZipBuilder.longs(st.readLongs(name)) : TorchZipBuilder.floats(st.readFloats(name)));
                zip.tensor(name, isLong ? "LongStorage" : "FloatStorage", k, numel, 0, shape, stride);
            }
        }
        zip.write(bin.resolve("pytorch_model.bin"));
        float[] wav = Reference.floats("clap.waveform");
        try (ClapEmbedder fromBin = ClapEmbedder.load(bin, ModelOptions.cpu());
             ClapEmbedder fromSafetensors = ClapEmbedder.load(fixture, ModelOptions.cpu());
             Checkpoint c = Checkpoint.open(bin)) {
            assertThat(c.layout()).isEqualTo(Checkpoint.Layout.TORCH_BIN);
            float[] a = fromBin.audio(List.of(wav), 48_000)[0];
            assertThat(a).containsExactly(fromSafetensors.audio(List.of(wav), 48_000)[0]);
            Parity.assertClose("clap.audio_embeds (pytorch_model.bin)", a, Reference.floats("clap.audio_embeds"));
        }
    }
}
