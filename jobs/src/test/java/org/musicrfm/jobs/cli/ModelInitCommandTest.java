package org.musicrfm.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.model.io.Checkpoint;
import org.musicrfm.model.io.ModelIdentity;
import org.musicrfm.model.io.RandomCheckpoint;
import picocli.CommandLine;

class ModelInitCommandTest {

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ModelInitCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void writesTinyPrintsIdentityAndRefusesToOverwrite() throws Exception {
        Path dir = tmp.resolve("tiny");
        Run r = run("--size", "tiny", "--out", dir.toString(), "--seed", "3");
        assertThat(r.exit()).as(r.err()).isZero();
        ModelIdentity id = ModelIdentity.of(dir);
        assertThat(r.out()).contains("folder: " + dir.toAbsolutePath())
                .contains("compatibility key: " + id.compatibilityKey())
                .contains("fingerprint: " + id.fingerprint());
        try (Checkpoint c = Checkpoint.open(dir)) {
            assertThat(RandomCheckpoint.isSynthetic(c.config())).isTrue();
            assertThat(c.config().get("musicrfm_seed").getAsLong()).isEqualTo(3);
            assertThat(c.names()).hasSize(195);
        }
        byte[] before = Files.readAllBytes(dir.resolve("model.safetensors"));
        Run again = run("--size", "tiny", "--out", dir.toString(), "--seed", "4");
        assertThat(again.exit()).isEqualTo(ModelInitCommand.FAILED);
        assertThat(again.err()).contains("not empty");
        assertThat(Files.readAllBytes(dir.resolve("model.safetensors"))).isEqualTo(before);
    }

    @Test
    void configFileAndF16() throws Exception {
        Path cfg = tmp.resolve("config.json");
        Files.writeString(cfg, RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY).toString());
        Path dir = tmp.resolve("from-config");
        Run r = run("--config", cfg.toString(), "--out", dir.toString(), "--dtype", "f16");
        assertThat(r.exit()).as(r.err()).isZero();
        try (Checkpoint c = Checkpoint.open(dir)) {
            assertThat(c.info("decoder.lm_heads.0.weight").dtype()).isEqualTo("F16");
        }
        Path tinyDir = tmp.resolve("preset");
        assertThat(run("--size", "tiny", "--out", tinyDir.toString()).exit()).isZero();
        assertThat(ModelIdentity.of(dir).compatibleWith(ModelIdentity.of(tinyDir))).isTrue();
    }

    @Test
    void usageErrors() {
        assertThat(run("--out", tmp.resolve("x").toString()).exit()).isEqualTo(2); // neither --size nor --config
        assertThat(run("--size", "tiny", "--config", "c.json", "--out", tmp.resolve("y").toString()).exit())
                .isEqualTo(2);
        Run huge = run("--size", "huge", "--out", tmp.resolve("z").toString());
        assertThat(huge.exit()).isEqualTo(ModelInitCommand.FAILED);
        assertThat(huge.err()).contains("unknown model size 'huge'");
        Run missing = run("--config", tmp.resolve("nope.json").toString(), "--out", tmp.resolve("w").toString());
        assertThat(missing.exit()).isEqualTo(ModelInitCommand.FAILED);
        assertThat(missing.err()).contains("nope.json");
        assertThat(tmp.resolve("z")).doesNotExist();
    }

    @Test
    void writesTinyClapThatTheEmbedderLoads() throws Exception {
        Path dir = tmp.resolve("clap");
        Run r = run("--arch", "clap", "--size", "tiny", "--out", dir.toString(), "--seed", "5");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("folder: " + dir.toAbsolutePath()).contains("fingerprint: ");
        assertThat(dir.resolve("preprocessor_config.json")).exists();
        assertThat(dir.resolve("tokenizer.json")).exists();
        try (org.musicrfm.model.clap.ClapEmbedder e = org.musicrfm.model.clap.ClapEmbedder.load(dir,
                org.musicrfm.model.ModelOptions.cpu())) {
            assertThat(e.text(java.util.List.of("calm piano"))[0]).hasSize(e.projectionDim());
        }
        Run bad = run("--arch", "clap", "--size", "small", "--out", tmp.resolve("c2").toString());
        assertThat(bad.exit()).isEqualTo(ModelInitCommand.FAILED);
        assertThat(bad.err()).contains("unknown CLAP size 'small'");
        Run notClap = run("--arch", "clap", "--config", Files.writeString(tmp.resolve("mg.json"),
                RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.TINY).toString()).toString(),
                "--out", tmp.resolve("c3").toString());
        assertThat(notClap.exit()).isEqualTo(ModelInitCommand.FAILED);
        assertThat(notClap.err()).contains("not a CLAP config");
        Run arch = run("--arch", "bert", "--size", "tiny", "--out", tmp.resolve("c4").toString());
        assertThat(arch.err()).contains("--arch bert");
        assertThat(tmp.resolve("c2")).doesNotExist();
        assertThat(tmp.resolve("c3")).doesNotExist();
    }
}
