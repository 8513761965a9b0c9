package org.musicrfm.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's standalone try-out, run as written: a Master and a Worker started from
 * jobs/target/spark-home, a syntheory job submitted through submit/submit.sh, both stopped. Only
 * the port and the output folder are changed (other builds may hold 7077 and /tmp/sa-out), and the
 * environment is the user's, without the SPARK_HOME this test module sets for local-cluster.
 */
class StandaloneRecipeTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    /** The bash block after the sentence announcing the try-out. */
    static String recipe() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
        int at = 0;
        while (!lines.get(at).contains("standalone") || !lines.get(at + 1).contains("cluster for a try-out")) {
            at++;
        }
        while (!lines.get(at).equals("```bash")) {
            at++;
        }
        StringBuilder b = new StringBuilder();
        for (int i = at + 1; !lines.get(i).equals("```"); i++) {
            b.append(lines.get(i)).append('\n');
        }
        return b.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void readmeStandaloneRecipeRunsAsWritten() throws Exception {
        String recipe = recipe();
        assertThat(recipe).contains("org.apache.spark.deploy.master.Master", "org.apache.spark.deploy.worker.Worker",
                "submit/submit.sh standalone", "kill $worker $master", ":7077", "/tmp/sa-out");
        Path out = tmp.resolve("sa-out");
        String script = "set -euo pipefail\n" + recipe.replace("7077", Integer.toString(freePort()))
                .replace("/tmp/sa-out", out.toString())
                + "wait $worker $master 2>/dev/null || true\n";
        Path log = tmp.resolve("recipe.log");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        for (String v : List.of("SPARK_HOME", "SPARK_SCALA_VERSION", "SPARK_LOCAL_IP", "SPARK_SUBMIT_ARGS", "MASTER")) {
            pb.environment().remove(v);
        }
        Process p = pb.start();
        boolean finished = p.waitFor(15, TimeUnit.MINUTES); // minutes on a loaded 2-core machine
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(finished).as(output).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(out.resolve("_COMPLETE.json")).as(output).exists();
        assertThat(output).doesNotContain("Cannot find any build directories");
        // The driver logs through conf/log4j2.properties (warn), not Spark's INFO default.
        assertThat(output.lines().filter(l -> l.contains(" INFO ") && l.contains("spark")).count()).as(output)
                .isZero();
        assertThat(p.descendants().filter(ProcessHandle::isAlive).count()).isZero();
    }
}
