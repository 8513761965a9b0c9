package org.musicrfm.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * submit/submit.sh and submit/env.sh: what reaches spark-submit (recorded by a SPARK_HOME whose
 * bin/spark-submit prints its arguments), and the launcher's library check.
 */
class SubmitScriptTest {

    @TempDir
    Path tmp;

    private List<String> submitArgs(String sparkSubmitArgs) throws Exception {
        Path home = tmp.resolve("spark");
        Files.createDirectories(home.resolve("bin"));
        Path bin = home.resolve("bin/spark-submit");
        Files.writeString(bin, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder("bash", "submit/submit.sh", "standalone", "syntheory", "--help")
                .directory(StandaloneRecipeTest.ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("SPARK_HOME", home.toString());
        if (sparkSubmitArgs != null) {
            pb.environment().put("SPARK_SUBMIT_ARGS", sparkSubmitArgs);
        } else {
            pb.environment().remove("SPARK_SUBMIT_ARGS");
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    private static String executorOptions(List<String> args) {
        List<String> opts = args.stream().filter(a -> a.startsWith("spark.executor.extraJavaOptions=")).toList();
        assertThat(opts).hasSize(1);
        return opts.get(0);
    }

    @Test
    void executorJavaOptionsOfTheConfAndOfSparkSubmitArgsAreMergedWithGervillsExport() throws Exception {
        String conf = Files.readString(StandaloneRecipeTest.ROOT.resolve("conf/spark-standalone.conf"));
        assertThat(conf).contains("-Dai.djl.pytorch.num_interop_threads=1").doesNotContain("0.0.0.0");
        List<String> plain = submitArgs(null);
        assertThat(executorOptions(plain)).startsWith("spark.executor.extraJavaOptions=-Dai.djl.pytorch.num_interop_threads=1 ")
                .endsWith(" --add-exports=java.desktop/com.sun.media.sound=ALL-UNNAMED");
        assertThat(plain).anyMatch(a -> a.contains("-Dlog4j2.configurationFile=" + StandaloneRecipeTest.ROOT
                .resolve("conf/log4j2.properties")));

        List<String> given = submitArgs("--conf spark.executor.memory=2g --conf spark.executor.extraJavaOptions=-Dx=1");
        assertThat(executorOptions(given)).isEqualTo(
                "spark.executor.extraJavaOptions=-Dx=1 --add-exports=java.desktop/com.sun.media.sound=ALL-UNNAMED");
        assertThat(given).contains("spark.executor.memory=2g");
    }

    @Test
    void theOpenBlasCheckIsDeterministicUnderPipefail() throws Exception {
        // 300 checks in a row: with `ldconfig -p | grep -q` some failed with SIGPIPE.
        String script = "set -euo pipefail; source submit/env.sh; n=0; for i in $(seq 300); do "
                + "if musicrfm_has_openblas; then n=$((n+1)); fi; done; echo \"found $n\"; "
                + "if ldconfig -p | grep -c 'libopenblas\\.so\\.0' >/dev/null; then echo present; else echo absent; fi";
        Process p = new ProcessBuilder("bash", "-c", script).directory(StandaloneRecipeTest.ROOT.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(out).containsAnyOf("found 300\npresent", "found 0\nabsent");
    }
}
