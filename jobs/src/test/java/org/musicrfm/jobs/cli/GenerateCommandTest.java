package org.musicrfm.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.audio.Audio;
import org.musicrfm.audio.WavFiles;
import org.musicrfm.model.io.Dtype;
import org.musicrfm.model.io.ModelIdentity;
import org.musicrfm.model.io.RandomCheckpoint;
import org.musicrfm.steering.GeneratedOutputs;
import picocli.CommandLine;

/** {@code generate} on a random tiny checkpoint (256 positions): WAV + sidecar, batch files, clear errors. */
class GenerateCommandTest {

    @TempDir
    static Path tmp;

    static Path modelDir;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new GenerateCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void setUp() throws Exception {
        modelDir = RandomCheckpoint.write(RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY), tmp.resolve("tiny"), 1,
                Dtype.F32);
    }

    private static JsonObject json(Path file) throws Exception {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    @Test
    void writesWavSidecarAndProgress() throws Exception {
        Path wav = tmp.resolve("one.wav");
        Run r = run("--model", modelDir.toString(), "--prompt", "calm piano", "--seconds", "0.2", "--out", wav.toString(),
                "--seed", "7", "--top-k", "20", "--temperature", "0.9");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("generate: 1 prompt(s), 10 frames (0.20 s) each");
        assertThat(r.err()).contains("[generate] 13/13 steps").contains("steps/s"); // 10 frames + 3 delay steps
        Audio audio = WavFiles.read(wav);
        assertThat(audio.sampleRate()).isEqualTo(32000);
        assertThat(audio.frames()).isEqualTo(10 * 640);
        JsonObject meta = json(tmp.resolve("one.json"));
        assertThat(meta.get("command").getAsString()).isEqualTo("generate");
        JsonObject s = meta.getAsJsonObject("settings");
        assertThat(s.get("seed").getAsLong()).isEqualTo(7);
        assertThat(s.get("top_k").getAsInt()).isEqualTo(20);
        assertThat(s.get("temperature").getAsDouble()).isEqualTo(0.9);
        assertThat(s.get("guidance").getAsDouble()).isEqualTo(3.0);
        assertThat(s.get("seconds").getAsDouble()).isEqualTo(0.2);
        assertThat(s.get("greedy").getAsBoolean()).isFalse();
        assertThat(s.get("kv_cache").getAsBoolean()).isTrue();
        assertThat(s.getAsJsonArray("prompts").get(0).getAsString()).isEqualTo("calm piano");
        assertThat(meta.get("decoding_steps").getAsInt()).isEqualTo(13);
        ModelIdentity id = ModelIdentity.of(modelDir);
        assertThat(meta.getAsJsonObject("model").get("compatibility_key").getAsString()).isEqualTo(id.compatibilityKey());
        assertThat(meta.getAsJsonObject("model").get("fingerprint").getAsString()).isEqualTo(id.fingerprint());
        assertThat(meta.getAsJsonArray("outputs").get(0).getAsJsonObject().get("file").getAsString())
                .isEqualTo(wav.toAbsolutePath().toString());

        // the same command gives the same bytes; another seed other bytes
        Path again = tmp.resolve("again.wav");
        run("--model", modelDir.toString(), "--prompt", "calm piano", "--seconds", "0.2", "--out", again.toString(),
                "--seed", "7", "--top-k", "20", "--temperature", "0.9");
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(wav));
        Path other = tmp.resolve("other.wav");
        run("--model", modelDir.toString(), "--prompt", "calm piano", "--seconds", "0.2", "--out", other.toString(),
                "--seed", "8", "--top-k", "20", "--temperature", "0.9");
        assertThat(Files.readAllBytes(other)).isNotEqualTo(Files.readAllBytes(wav));
    }

    @Test
    void batchFileWritesOneWavPerPromptIndependentOfTheBatchSize() throws Exception {
        Path prompts = tmp.resolve("prompts.txt");
        Files.writeString(prompts, "calm piano\n\n  a fast jazz beat  \nloud rocking guitar\n");
        Path wav = tmp.resolve("batch.wav");
        Run r = run("--model", modelDir.toString(), "--batch-file", prompts.toString(), "--seconds", "0.1", "--out",
                wav.toString(), "--seed", "3", "--batch-size", "2");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("[generate] 16/16 steps"); // 2 batches x (5 frames + 3)
        assertThat(wav).doesNotExist();
        Path[] files = {tmp.resolve("batch-000.wav"), tmp.resolve("batch-001.wav"), tmp.resolve("batch-002.wav")};
        for (Path f : files) {
            assertThat(WavFiles.read(f).frames()).isEqualTo(5 * 640);
        }
        JsonArray outputs = json(tmp.resolve("batch.json")).getAsJsonArray("outputs");
        assertThat(outputs).hasSize(3);
        assertThat(outputs.get(1).getAsJsonObject().get("prompt").getAsString()).isEqualTo("a fast jazz beat");
        assertThat(outputs.get(2).getAsJsonObject().get("file").getAsString()).isEqualTo(files[2].toAbsolutePath().toString());

        // all three in one batch: the same bytes (draws depend on the prompt index, not on the batch)
        Path whole = tmp.resolve("whole.wav");
        assertThat(run("--model", modelDir.toString(), "--batch-file", prompts.toString(), "--seconds", "0.1", "--out",
                whole.toString(), "--seed", "3").exit()).isZero();
        for (int i = 0; i < 3; i++) {
            assertThat(Files.readAllBytes(GeneratedOutputs.numbered(whole, i))).isEqualTo(Files.readAllBytes(files[i]));
        }
        // prompt 0 alone is prompt 0 of the batch
        Path single = tmp.resolve("single.wav");
        assertThat(run("--model", modelDir.toString(), "--prompt", "calm piano", "--seconds", "0.1", "--out",
                single.toString(), "--seed", "3").exit()).isZero();
        assertThat(Files.readAllBytes(single)).isEqualTo(Files.readAllBytes(files[0]));
        assertThat(Files.readAllBytes(files[1])).isNotEqualTo(Files.readAllBytes(files[0]));
    }

    @Test
    void rerunKeepsOutputsWhoseIdentityMatchesAndRemovesThoseThatNoLongerBelong() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("rerun"));
        Path prompts = dir.resolve("prompts.txt");
        Files.writeString(prompts, "calm piano\na fast jazz beat\nloud rocking guitar\n");
        Path wav = dir.resolve("clips.wav");
        String[] args = {"--model", modelDir.toString(), "--batch-file", prompts.toString(), "--seconds", "0.1",
                "--out", wav.toString(), "--seed", "3"};
        assertThat(run(args).exit()).isZero();
        long keptTime = Files.getLastModifiedTime(GeneratedOutputs.numbered(wav, 0)).toMillis();

        // Same first prompt, another second one, no third: 000 kept, 001 generated, 002 removed.
        Files.writeString(prompts, "calm piano\nslow strings\n");
        Thread.sleep(20);
        Run r = run(args);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("(1 generated, 1 kept)");
        assertThat(Files.getLastModifiedTime(GeneratedOutputs.numbered(wav, 0)).toMillis()).isEqualTo(keptTime);
        assertThat(GeneratedOutputs.numbered(wav, 2)).doesNotExist();
        JsonArray outputs = json(dir.resolve("clips.json")).getAsJsonArray("outputs");
        assertThat(outputs).hasSize(2);
        assertThat(outputs.get(1).getAsJsonObject().get("prompt").getAsString()).isEqualTo("slow strings");

        // Equal to a clean run into an empty folder.
        Path clean = Files.createDirectories(tmp.resolve("rerun-clean")).resolve("clips.wav");
        assertThat(run("--model", modelDir.toString(), "--batch-file", prompts.toString(), "--seconds", "0.1",
                "--out", clean.toString(), "--seed", "3").exit()).isZero();
        for (int i = 0; i < 2; i++) {
            assertThat(Files.readAllBytes(GeneratedOutputs.numbered(wav, i)))
                    .isEqualTo(Files.readAllBytes(GeneratedOutputs.numbered(clean, i)));
            assertThat(outputs.get(i).getAsJsonObject().get("identity").getAsString()).isEqualTo(
                    json(clean.resolveSibling("clips.json")).getAsJsonArray("outputs").get(i).getAsJsonObject()
                            .get("identity").getAsString());
        }
        // Another seed changes every identity: nothing is kept.
        args[args.length - 1] = "4";
        assertThat(run(args).out()).contains("(2 generated, 0 kept)");
    }

    @Test
    void badInputIsAClearErrorAndWritesNothing() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        String wav = dir.resolve("x.wav").toString();
        String m = modelDir.toString();
        Run missing = run("--model", tmp.resolve("missing").toString(), "--prompt", "a", "--out", wav);
        assertThat(missing.exit()).isEqualTo(GenerateCommand.FAILED);
        assertThat(missing.err()).contains("--model " + tmp.resolve("missing") + ": no such folder");
        assertThat(run("--model", m, "--prompt", "  ", "--out", wav).err()).contains("--prompt is empty");
        assertThat(run("--model", m, "--prompt", "a", "--seconds", "0", "--out", wav).err())
                .contains("--seconds 0.0: expected a length > 0");
        assertThat(run("--model", m, "--prompt", "a", "--seconds", "-2", "--out", wav).err())
                .contains("--seconds -2.0: expected a length > 0");
        Run tooLong = run("--model", m, "--prompt", "a", "--seconds", "6", "--out", wav);
        assertThat(tooLong.exit()).isEqualTo(GenerateCommand.FAILED);
        assertThat(tooLong.err()).contains("--seconds 6.0: 300 frames (6.00 s) need 303 positions, beyond the model's 256")
                .contains("at most 253 frames (5.06 s)");
        assertThat(run("--model", m, "--batch-file", dir.resolve("none.txt").toString(), "--out", wav).err())
                .contains("none.txt: no such file");
        Path blank = Files.writeString(dir.resolve("blank.txt"), "\n  \n");
        assertThat(run("--model", m, "--batch-file", blank.toString(), "--out", wav).err()).contains("no prompts");
        assertThat(run("--model", m, "--prompt", "a", "--out", dir.resolve("x.mp3").toString()).err())
                .contains("expected a .wav file name");
        assertThat(run("--model", m, "--prompt", "a", "--top-k", "0", "--out", wav).err()).contains("top-k 0");
        assertThat(run("--model", m, "--prompt", "a", "--guidance", "0.5", "--out", wav).err()).contains("guidance 0.5");
        assertThat(run("--model", m, "--prompt", "a", "--device", "tpu", "--out", wav).exit())
                .isEqualTo(GenerateCommand.FAILED);
        assertThat(run("--model", m, "--prompt", "a", "--batch-file", blank.toString(), "--out", wav).exit())
                .isEqualTo(2); // picocli: mutually exclusive
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("blank.txt");
        }
    }

    @Test
    void helpStatesTheDefaultsAndMainKnowsTheCommand() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("generate", "--help")).isZero();
        assertThat(out.toString()).contains("--top-k").contains("(default: 250,").contains("audiocraft's")
                .contains("--guidance").contains("default: 3.0").contains("--temperature").contains("default: 1.0")
                .contains("--seconds").contains("default: 10").contains("--seed").contains("default: 0")
                .contains("--batch-file").contains("--device").contains("--dtype");
    }

    /** A copy of the tiny model whose config.json went through {@code edit}. */
    private static Path withConfig(String name, java.util.function.Consumer<JsonObject> edit) throws Exception {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(modelDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        JsonObject config = json(dir.resolve("config.json"));
        edit.accept(config);
        Files.writeString(dir.resolve("config.json"), config.toString());
        return dir;
    }

    @Test
    void configErrorsNameConfigJsonAndTheKeyNotTheLength() throws Exception {
        Path noAudio = withConfig("no-audio-encoder", c -> c.remove("audio_encoder"));
        Run r = run("--model", noAudio.toString(), "--prompt", "x", "--seconds", "0.2", "--out", tmp.resolve("e1.wav").toString());
        assertThat(r.exit()).isEqualTo(GenerateCommand.FAILED);
        assertThat(r.err()).startsWith("generate: " + noAudio.resolve("config.json").toAbsolutePath() + ": no \"audio_encoder\" object")
                .doesNotContain("--seconds");

        Path noRatios = withConfig("no-ratios", c -> c.getAsJsonObject("audio_encoder").remove("upsampling_ratios"));
        r = run("--model", noRatios.toString(), "--prompt", "x", "--seconds", "0.2", "--out", tmp.resolve("e2.wav").toString());
        assertThat(r.err()).contains(noRatios.resolve("config.json").toAbsolutePath().toString())
                .contains("audio_encoder.upsampling_ratios=[8, 5, 4, 2]").doesNotContain("--seconds");

        Path noHidden = withConfig("no-hidden", c -> c.getAsJsonObject("decoder").remove("hidden_size"));
        r = run("--model", noHidden.toString(), "--prompt", "x", "--seconds", "0.2", "--out", tmp.resolve("e3.wav").toString());
        assertThat(r.exit()).isEqualTo(GenerateCommand.FAILED);
        assertThat(r.err()).contains("decoder.hidden_size=1024").doesNotContain("--seconds");
        assertThat(tmp.resolve("e3.wav")).doesNotExist();

        Path badType = withConfig("bad-type", c -> c.getAsJsonObject("decoder").addProperty("num_hidden_layers", "three"));
        r = run("--model", badType.toString(), "--prompt", "x", "--seconds", "0.2", "--out", tmp.resolve("e4.wav").toString());
        assertThat(r.err()).startsWith("generate: " + badType.resolve("config.json").toAbsolutePath()
                + ": decoder.num_hidden_layers = \"three\": expected an integer");
    }

    @Test
    void anUnknownDtypeNamesTheTensorNotTheLength() throws Exception {
        Path dir = withConfig("f33", c -> { });
        Path weights = dir.resolve("model.safetensors");
        byte[] b = Files.readAllBytes(weights);
        String all = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = all.indexOf("\"F32\"");
        assertThat(at).isPositive();
        b[at + 3] = '3'; // "F32" -> "F33", same length
        Files.write(weights, b);
        Run r = run("--model", dir.toString(), "--prompt", "x", "--seconds", "0.2", "--out", tmp.resolve("e5.wav").toString());
        assertThat(r.exit()).isEqualTo(GenerateCommand.FAILED);
        assertThat(r.err()).startsWith("generate: unknown dtype 'F33' of tensor").contains(weights.toString());
    }

    @Test
    void keysFilledWithTransformersDefaultsAreWarnedAboutAndRecorded() throws Exception {
        Path dir = withConfig("defaults", c -> {
            c.getAsJsonObject("decoder").remove("num_attention_heads");
            c.getAsJsonObject("text_encoder").remove("relative_attention_max_distance");
        });
        Path wav = tmp.resolve("defaults.wav");
        Run r = run("--model", dir.toString(), "--prompt", "x", "--seconds", "0.2", "--greedy", "--out", wav.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("generate: warning: " + dir.resolve("config.json").toAbsolutePath()
                + " lacks keys; transformers' defaults used: text_encoder.relative_attention_max_distance=128, "
                + "decoder.num_attention_heads=16");
        JsonArray recorded = json(tmp.resolve("defaults.json")).getAsJsonObject("model").getAsJsonArray("config_defaults");
        assertThat(recorded.toString()).isEqualTo(
                "[\"text_encoder.relative_attention_max_distance=128\",\"decoder.num_attention_heads=16\"]");
        Run plain = run("--model", modelDir.toString(), "--prompt", "x", "--seconds", "0.2", "--greedy", "--out",
                tmp.resolve("plain.wav").toString());
        assertThat(plain.err()).doesNotContain("warning");
        assertThat(json(tmp.resolve("plain.json")).getAsJsonObject("model").getAsJsonArray("config_defaults")).isEmpty();
    }
}
