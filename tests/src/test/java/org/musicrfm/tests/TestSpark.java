package org.musicrfm.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.musicrfm.jobs.SparkSessions;

/** Real Spark sessions for tests: {@code local[2]} in this JVM, or {@code local-cluster[2,1,1024]} with executor JVMs. */
final class TestSpark {

    private TestSpark() {}

    static SparkSession local() {
        stopActive();
        return SparkSessions.getOrCreate("musicrfm-test", "local[2]");
    }

    /** The running {@code local[2]} session, or a new one: one session shared by a test class's tests. */
    static SparkSession shared() {
        var active = SparkSession.getActiveSession();
        if (active.isDefined() && active.get().sparkContext().master().equals("local[2]")
                && !active.get().sparkContext().isStopped()) {
            return active.get();
        }
        return local();
    }

    /** Two executor JVMs started from SPARK_HOME/jars (jobs/target/spark-home), application jars shipped in spark.jars. */
    static SparkSession localCluster() {
        stopActive();
        String sparkHome = System.getenv("SPARK_HOME");
        if (sparkHome == null || !Files.isDirectory(Path.of(sparkHome, "jars"))) {
            throw new IllegalStateException("SPARK_HOME/jars missing (" + sparkHome + "): run mvn install from the root");
        }
        String jars = System.getProperty("musicrfm.jobs.jar") + "," + System.getProperty("musicrfm.common.jar");
        return SparkSessions.getOrCreate("musicrfm-test-cluster", "local-cluster[2,1,1024]",
                java.util.Map.of("spark.jars", jars, "spark.executor.memory", "1g"));
    }

    static void stopActive() {
        SparkSession.getActiveSession().foreach(s -> {
            s.stop();
            return null;
        });
        SparkSession.getDefaultSession().foreach(s -> {
            s.stop();
            return null;
        });
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
    }
}
