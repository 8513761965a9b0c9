package org.musicrfm.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.audio.Audio;
import org.musicrfm.audio.WavFiles;
import org.musicrfm.model.io.Dtype;
import org.musicrfm.model.io.ModelIdentity;
import org.musicrfm.model.io.RandomCheckpoint;
import org.musicrfm.steering.LayerDirection;
import org.musicrfm.steering.SteeringPack;
import picocli.CommandLine;

/** {@code steer} on a random tiny checkpoint: WAV + sidecar, η0 = 0 equals no pack, incompatible packs refused. */
class SteerCommandTest {

    @TempDir
    static Path tmp;

    static Path modelDir;
    static Path pack;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new SteerCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static Path writePack(Path model, Path file, int hidden, int layers) throws Exception {
        Random r = new Random(2);
        SteeringPack.Builder b = SteeringPack.builder("notes", ModelIdentity.of(model), hidden, layers).modelName("tiny")
                .dataset("syntheory").splitSeed(5).scoring("accuracy", false);
        for (String label : new String[] {"C", "D"}) {
            Map<Integer, LayerDirection> ls = new TreeMap<>();
            for (int l = 0; l < layers; l++) {
                float[] v = new float[hidden];
                double n = 0;
                for (int i = 0; i < hidden; i++) {
                    v[i] = (float) r.nextGaussian();
                    n += v[i] * v[i];
                }
                for (int i = 0; i < hidden; i++) {
                    v[i] /= (float) Math.sqrt(n);
                }
                ls.put(l, LayerDirection.of(new float[][] {v}, new float[] {1f}, 0.4 + 0.2 * l));
            }
            b.addClass(label, ls);
        }
        b.write(file);
        return file;
    }

    @BeforeAll
    static void setUp() throws Exception {
        modelDir = RandomCheckpoint.write(RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY), tmp.resolve("tiny"), 1,
                Dtype.F32);
        pack = writePack(modelDir, tmp.resolve("notes.safetensors"), 32, 3);
    }

    @Test
    void writesWavAndSidecarWithEveryKnob() throws Exception {
        Path wav = tmp.resolve("steered.wav");
        Run r = run("--model", modelDir.toString(), "--pack", pack + ":C", "--eta", "0.45", "--weights", "exp:0.95",
                "--schedule", "exp-decay", "--gate", "0.3", "--gate-mode", "step-layer", "--cfg-rows", "cond",
                "--prompt", "calm piano", "--seconds", "0.2", "--out", wav.toString(), "--seed", "7", "--top-k", "20");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("steer: 10 frames (0.20 s) with 1 direction(s)");
        Audio audio = WavFiles.read(wav);
        assertThat(audio.sampleRate()).isEqualTo(32000);
        assertThat(audio.frames()).isEqualTo(10 * 640);
        JsonObject meta = JsonParser.parseString(Files.readString(tmp.resolve("steered.json"))).getAsJsonObject();
        assertThat(meta.get("prompt").getAsString()).isEqualTo("calm piano");
        assertThat(meta.getAsJsonObject("settings").get("seed").getAsLong()).isEqualTo(7);
        assertThat(meta.getAsJsonObject("settings").get("top_k").getAsInt()).isEqualTo(20);
        assertThat(meta.get("gate_seed").getAsLong()).isEqualTo(7);
        assertThat(meta.getAsJsonObject("model").get("compatibility_key").getAsString())
                .isEqualTo(ModelIdentity.of(modelDir).compatibilityKey());
        JsonObject d = meta.getAsJsonArray("directions").get(0).getAsJsonObject();
        assertThat(d.get("name").getAsString()).isEqualTo("notes:C");
        assertThat(d.get("eta").getAsDouble()).isEqualTo(0.45);
        assertThat(d.get("weighting").getAsString()).isEqualTo("exp:0.95,1");
        assertThat(d.get("schedule").getAsString()).isEqualTo("exp-decay:0.998");
        assertThat(d.get("gate").getAsString()).isEqualTo("bernoulli:0.3,step-layer,seed=7");
        assertThat(d.get("cfg_rows").getAsString()).isEqualTo("cond");
        // exp weighting: ŝ = 0, 0.5, 1 on layers 0..2; layer 0 gets weight 0 and is dropped
        assertThat(d.getAsJsonObject("layer_weights").keySet()).containsExactly("1", "2");
        assertThat(meta.getAsJsonArray("packs").get(0).getAsJsonObject().get("class").getAsString()).isEqualTo("C");
        // the typed spec as given, and the one output with its identity
        JsonObject given = meta.getAsJsonObject("steering").getAsJsonArray("directions").get(0).getAsJsonObject();
        assertThat(given.get("pack").getAsString()).isEqualTo(pack.toString());
        assertThat(given.get("target").getAsString()).isEqualTo("C");
        assertThat(given.get("gate_p").getAsDouble()).isEqualTo(0.3);
        assertThat(given.get("gate_mode").getAsString()).isEqualTo("step-layer");
        JsonObject output = meta.getAsJsonArray("outputs").get(0).getAsJsonObject();
        assertThat(output.get("file").getAsString()).isEqualTo(wav.toAbsolutePath().toString());
        assertThat(output.get("identity").getAsString()).isEqualTo(meta.get("identity").getAsString());
        int codebooks = JsonParser.parseString(Files.readString(modelDir.resolve("config.json"))).getAsJsonObject()
                .getAsJsonObject("decoder").get("num_codebooks").getAsInt();
        assertThat(meta.get("decoding_steps").getAsInt()).isEqualTo(10 + codebooks - 1); // the delay pattern
        assertThat(meta.get("frame_rate").getAsDouble()).isEqualTo(50.0); // 32000 / 640
        assertThat(meta.has("cross_fade")).isFalse();

        // the same command again gives the same bytes (seeded sampling and gates)
        Path again = tmp.resolve("again.wav");
        run("--model", modelDir.toString(), "--pack", pack + ":C", "--eta", "0.45", "--weights", "exp:0.95",
                "--schedule", "exp-decay", "--gate", "0.3", "--gate-mode", "step-layer", "--cfg-rows", "cond",
                "--prompt", "calm piano", "--seconds", "0.2", "--out", again.toString(), "--seed", "7", "--top-k", "20");
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(wav));

        // into the same file: its identity matches the sidecar's, nothing is done; another eta replaces it
        String identity = meta.get("identity").getAsString();
        long time = Files.getLastModifiedTime(wav).toMillis();
        Run same = run("--model", modelDir.toString(), "--pack", pack + ":C", "--eta", "0.45", "--weights", "exp:0.95",
                "--schedule", "exp-decay", "--gate", "0.3", "--gate-mode", "step-layer", "--cfg-rows", "cond",
                "--prompt", "calm piano", "--seconds", "0.2", "--out", wav.toString(), "--seed", "7", "--top-k", "20");
        assertThat(same.out()).contains("up to date");
        assertThat(Files.getLastModifiedTime(wav).toMillis()).isEqualTo(time);
        Run other = run("--model", modelDir.toString(), "--pack", pack + ":C", "--eta", "0.3", "--weights", "exp:0.95",
                "--schedule", "exp-decay", "--gate", "0.3", "--gate-mode", "step-layer", "--cfg-rows", "cond",
                "--prompt", "calm piano", "--seconds", "0.2", "--out", wav.toString(), "--seed", "7", "--top-k", "20");
        assertThat(other.out()).contains("steer: 10 frames");
        JsonObject after = JsonParser.parseString(Files.readString(tmp.resolve("steered.json"))).getAsJsonObject();
        assertThat(after.get("identity").getAsString()).isNotEqualTo(identity);
        assertThat(after.getAsJsonArray("directions").get(0).getAsJsonObject().get("eta").getAsDouble()).isEqualTo(0.3);
    }

    @Test
    void zeroEtaEqualsNoPackAndTwoPacksCrossFade() throws Exception {
        Path plain = tmp.resolve("plain.wav");
        Path zero = tmp.resolve("zero.wav");
        Path fade = tmp.resolve("fade.wav");
        assertThat(run("--model", modelDir.toString(), "--prompt", "jazz", "--seconds", "0.2", "--out", plain.toString(),
                "--top-k", "1").exit()).isZero();
        assertThat(run("--model", modelDir.toString(), "--pack", pack + ":D", "--eta", "0", "--prompt", "jazz",
                "--seconds", "0.2", "--out", zero.toString(), "--top-k", "1").exit()).isZero();
        assertThat(Files.readAllBytes(zero)).isEqualTo(Files.readAllBytes(plain));
        Run r = run("--model", modelDir.toString(), "--pack", pack + ":C", "--pack", pack + ":D", "--eta", "3,2",
                "--weights", "uniform", "--cross-fade", "2..8", "--prompt", "jazz", "--seconds", "0.2", "--out",
                fade.toString(), "--top-k", "1");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonObject meta = JsonParser.parseString(Files.readString(tmp.resolve("fade.json"))).getAsJsonObject();
        assertThat(meta.getAsJsonArray("directions").get(0).getAsJsonObject().get("schedule").getAsString())
                .isEqualTo("fade-out:2..8");
        assertThat(meta.getAsJsonArray("directions").get(1).getAsJsonObject().get("eta").getAsDouble()).isEqualTo(2.0);
        assertThat(Files.readAllBytes(fade)).isNotEqualTo(Files.readAllBytes(plain));
    }

    @Test
    void secondsBecomeStepsAtTheFrameRateOfTheCheckpointsConfig() throws Exception {
        // the tiny checkpoint with EnCodec ratios 8, 5, 4, 2: hop 320, 100 steps per second (twice the bandwidth
        // keeps the decoder's codebooks)
        JsonObject config = RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY);
        JsonObject audio = config.getAsJsonObject("audio_encoder");
        JsonArray ratios = new JsonArray();
        for (int r : new int[] {8, 5, 4, 2}) {
            ratios.add(r);
        }
        JsonArray bandwidths = new JsonArray();
        bandwidths.add(2 * audio.getAsJsonArray("target_bandwidths").get(0).getAsDouble());
        audio.add("upsampling_ratios", ratios);
        audio.add("target_bandwidths", bandwidths);
        Path fast = RandomCheckpoint.write(config, tmp.resolve("rate100"), 1, Dtype.F32);
        Path fastPack = writePack(fast, tmp.resolve("rate100.safetensors"), 32, 3);
        JsonObject written = JsonParser.parseString(Files.readString(fast.resolve("config.json"))).getAsJsonObject()
                .getAsJsonObject("audio_encoder");
        int hop = 1;
        for (var r : written.getAsJsonArray("upsampling_ratios")) {
            hop *= r.getAsInt();
        }
        double rate = written.get("sampling_rate").getAsInt() / (double) hop;
        assertThat(rate).isEqualTo(100.0); // 32000 / 320

        // 0.1 s = 10 steps here (5 at musicgen-small's 50), so the window 6..0.1s runs forward
        Path wav = tmp.resolve("rate100.wav");
        Run r = run("--model", fast.toString(), "--pack", fastPack + ":C", "--pack", fastPack + ":D", "--schedule",
                "linear-rise:0.1s", "--cross-fade", "6..0.1s", "--prompt", "jazz", "--seconds", "0.2", "--out",
                wav.toString(), "--top-k", "1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("steer: 20 frames (0.20 s)"); // 0.2 s × 100
        assertThat(WavFiles.read(wav).frames()).isEqualTo(20 * hop);
        JsonObject meta = JsonParser.parseString(Files.readString(tmp.resolve("rate100.json"))).getAsJsonObject();
        assertThat(meta.get("frame_rate").getAsDouble()).isEqualTo(rate);
        assertThat(meta.getAsJsonArray("directions").get(0).getAsJsonObject().get("schedule").getAsString())
                .isEqualTo("linear-rise:10*fade-out:6..10");
        assertThat(meta.getAsJsonArray("directions").get(1).getAsJsonObject().get("schedule").getAsString())
                .isEqualTo("linear-rise:10*fade-in:6..10");
        assertThat(meta.getAsJsonObject("steering").get("fade").getAsString()).isEqualTo("6..0.1s");

        // 0.1s..8 is 10..8 steps here (5..8 at 50): refused before the model loads, nothing written
        Path refused = tmp.resolve("refused.wav");
        Run mixed = run("--model", fast.toString(), "--pack", fastPack + ":C", "--pack", fastPack + ":D", "--cross-fade",
                "0.1s..8", "--prompt", "jazz", "--seconds", "0.2", "--out", refused.toString());
        assertThat(mixed.exit()).isEqualTo(SteerCommand.FAILED);
        assertThat(mixed.err()).contains("steer.fade: '0.1s..8': the end must come after the start");
        assertThat(Files.exists(refused)).isFalse();
    }

    @Test
    void badInputIsAClearError() throws Exception {
        Path wav = tmp.resolve("x.wav");
        Run noClass = run("--model", modelDir.toString(), "--pack", pack.toString(), "--prompt", "a", "--out", wav.toString());
        assertThat(noClass.exit()).isEqualTo(SteerCommand.FAILED);
        assertThat(noClass.err()).contains("name a class").contains("C, D");
        Run unknown = run("--model", modelDir.toString(), "--pack", pack + ":E", "--prompt", "a", "--out", wav.toString());
        assertThat(unknown.err()).contains("no class 'E'");

        var wide = RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY);
        wide.getAsJsonObject("decoder").addProperty("hidden_size", 64);
        Path wideModel = RandomCheckpoint.write(wide, tmp.resolve("wide"), 1, Dtype.F32);
        Path widePack = writePack(wideModel, tmp.resolve("wide.safetensors"), 64, 3);
        Run incompatible = run("--model", modelDir.toString(), "--pack", widePack + ":C", "--prompt", "a", "--out",
                wav.toString());
        assertThat(incompatible.exit()).isEqualTo(SteerCommand.FAILED);
        assertThat(incompatible.err()).contains(ModelIdentity.of(wideModel).compatibilityKey())
                .contains(ModelIdentity.of(modelDir).compatibilityKey()).contains("hidden size 64");
        Run twoEtas = run("--model", modelDir.toString(), "--pack", pack + ":C", "--eta", "1,2,3", "--prompt", "a", "--out",
                wav.toString());
        assertThat(twoEtas.err()).contains("--eta given 3 times for 1 packs");
        Run badSchedule = run("--model", modelDir.toString(), "--pack", pack + ":C", "--schedule", "cosine", "--prompt", "a",
                "--out", wav.toString());
        assertThat(badSchedule.err()).contains("unknown schedule 'cosine'");
        assertThat(run("--model", tmp.resolve("missing").toString(), "--prompt", "a", "--out", wav.toString()).err())
                .contains("no such folder");
        assertThat(SteerCommand.parseLayers("0-2,5")).containsExactly(0, 1, 2, 5);
        assertThat(Files.exists(wav)).isFalse();
    }
}
