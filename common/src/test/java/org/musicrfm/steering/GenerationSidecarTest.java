package org.musicrfm.steering;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one sidecar record of generate and steer: snake_case keys, absent fields left out, read back equal. */
class GenerationSidecarTest {

    @TempDir
    Path tmp;

    @Test
    void writesSnakeCaseKeysLeavesOutUnusedFieldsAndReadsBack() throws Exception {
        JsonObject settings = new JsonObject();
        settings.addProperty("seed", 7);
        GenerationSidecar s = new GenerationSidecar("steer", "1.0", new GenerationSidecar.ModelInfo("/m", "key", "fp",
                "cpu", "float32", 2, List.of("pad_token_id")), settings, "calm piano", 0.2, null, 13, 50.0, 10, 32_000,
                6_400,
                List.of(new GenerationSidecar.Output(0, "calm piano", "/out/a.wav", "id0")),
                List.of(new GenerationSidecar.PackInfo("/p.safetensors", "C", "notes", "tiny", "fp", "syntheory",
                        "accuracy")), 7L, null, List.of(0), null, null, 1, 1.5, null, "id0");
        Path file = tmp.resolve("a.json");
        s.write(file);
        JsonObject o = JsonParser.parseString(java.nio.file.Files.readString(file)).getAsJsonObject();
        assertThat(o.keySet()).containsExactly("command", "software_version", "model", "settings", "prompt", "seconds",
                "decoding_steps", "frame_rate", "frames", "sample_rate", "audio_samples", "outputs", "packs", "gate_seed", "components",
                "generated", "elapsed_seconds", "identity");
        assertThat(o.getAsJsonObject("model").get("compatibility_key").getAsString()).isEqualTo("key");
        assertThat(o.getAsJsonObject("model").getAsJsonArray("config_defaults").get(0).getAsString())
                .isEqualTo("pad_token_id");
        assertThat(o.getAsJsonArray("packs").get(0).getAsJsonObject().get("class").getAsString()).isEqualTo("C");
        assertThat(o.getAsJsonArray("packs").get(0).getAsJsonObject().get("score_metric").getAsString())
                .isEqualTo("accuracy");
        assertThat(o.getAsJsonArray("outputs").get(0).getAsJsonObject().get("prompt_index").getAsInt()).isZero();
        assertThat(o.getAsJsonObject("settings").get("seed").getAsInt()).isEqualTo(7);
        assertThat(o.get("frame_rate").getAsDouble()).isEqualTo(50.0);

        GenerationSidecar back = GenerationSidecar.read(file);
        assertThat(back).isEqualTo(s);
        assertThat(back.packs().get(0).className()).isEqualTo("C");
    }
}
