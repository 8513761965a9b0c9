package org.musicrfm.jobs;

import org.apache.spark.sql.SparkSession;

/** Builds the SparkSession a job runs in: the master from spark-submit, or local[*] when run directly. */
public final class SparkSessions {

    /** JVM option Gervill (MIDI rendering) needs on every driver and executor. */
    public static final String GERVILL_EXPORTS = "--add-exports=java.desktop/com.sun.media.sound=ALL-UNNAMED";

    /** What every executor JVM needs: Gervill's export, and the Vector API that netlib's Java BLAS fallback uses. */
    public static final String EXECUTOR_JAVA_OPTIONS = GERVILL_EXPORTS + " --add-modules=jdk.incubator.vector";

    private SparkSessions() {}

    /**
     * The active session, or a new one. Without a master set by spark-submit or
     * {@code --master}, runs on {@code local[*]}.
     */
    public static SparkSession getOrCreate(String appName, String master) {
        return getOrCreate(appName, master, java.util.Map.of());
    }

    /** As {@link #getOrCreate(String, String)}, with extra Spark settings. */
    public static SparkSession getOrCreate(String appName, String master, java.util.Map<String, String> settings) {
        SparkSession.Builder b = SparkSession.builder().appName(appName);
        settings.forEach(b::config);
        String configured = master != null ? master : System.getProperty("spark.master");
        b.master(configured != null ? configured : "local[*]");
        String executorOptions = System.getProperty("spark.executor.extraJavaOptions", "");
        if (!executorOptions.contains("com.sun.media.sound")) {
            b.config("spark.executor.extraJavaOptions", (executorOptions + " " + EXECUTOR_JAVA_OPTIONS).trim());
        }
        // One BLAS thread per task: parallelism comes from Spark's tasks, and OpenBLAS results
        // depend on its thread count, so this keeps probes identical on every cluster shape.
        if (System.getProperty("spark.executorEnv.OPENBLAS_NUM_THREADS") == null) {
            b.config("spark.executorEnv.OPENBLAS_NUM_THREADS", "1");
        }
        // PyTorch's OpenMP workers sleep instead of spinning while they wait, so tasks and
        // processes sharing cores do not burn each other's time.
        org.musicrfm.model.TorchThreads.EXECUTOR_ENV.forEach((k, v) -> {
            if (System.getProperty("spark.executorEnv." + k) == null) {
                b.config("spark.executorEnv." + k, v);
            }
        });
        b.config("spark.ui.showConsoleProgress", "false"); // our own progress line counts clips, not tasks
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
