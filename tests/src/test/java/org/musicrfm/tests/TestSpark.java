package org.musicrfm.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.musicrfm.jobs.SparkSessions;

/** Real Spark sessions for tests: {@code local[2]} in this JVM, or {@code local-cluster[2,1,1024]} with executor JVMs. */
final class TestSpark {

    private static final String CLUSTER = "local-cluster[2,1,1024]";

    private TestSpark() {}

    /** The active (or default) session if it runs on {@code master}, else null. */
    private static SparkSession running(String master) {
        var s = SparkSession.getActiveSession().isDefined() ? SparkSession.getActiveSession() : SparkSession.getDefaultSession();
        if (s.isDefined() && !s.get().sparkContext().isStopped() && s.get().sparkContext().master().equals(master)) {
            SparkSession.setActiveSession(s.get());
            return s.get();
        }
        return null;
    }

    /**
     * The running {@code local[2]} session, or a new one (stopping any other): a test class's tests share
     * one session, since starting one costs seconds. A test about restarts calls {@link #stopActive()} first.
     */
    static SparkSession local() {
        SparkSession running = running("local[2]");
        if (running != null) {
            return running;
        }
        stopActive();
        return SparkSessions.getOrCreate("musicrfm-test", "local[2]");
    }

    /** Same as {@link #local()}. */
    static SparkSession shared() {
        return local();
    }

    /** Two executor JVMs started from SPARK_HOME/jars (jobs/target/spark-home), application jars shipped in spark.jars. */
    static SparkSession localCluster() {
        SparkSession running = running(CLUSTER);
        if (running != null) {
            return running;
        }
        stopActive();
        String sparkHome = System.getenv("SPARK_HOME");
        if (sparkHome == null || !Files.isDirectory(Path.of(sparkHome, "jars"))) {
            throw new IllegalStateException("SPARK_HOME/jars missing (" + sparkHome + "): run mvn install from the root");
        }
        String jars = System.getProperty("musicrfm.jobs.jar") + "," + System.getProperty("musicrfm.common.jar");
        return SparkSessions.getOrCreate("musicrfm-test-cluster", CLUSTER,
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
