package org.musicrfm.model;

/**
 * Sizes PyTorch's CPU thread pools for the CPUs a process or Spark task actually has. PyTorch
 * otherwise starts one intra-op thread per core of the machine in every process, and OpenMP's
 * worker threads spin while they wait: two processes on the same cores then take turns burning
 * them (measured: generation fell from 5.6 to 0.48 steps/s). Intra-op threads are set to the
 * given CPUs, inter-op threads to 1 (the port issues one op at a time). Spin waiting is an
 * environment setting read when the OpenMP runtime starts ({@code OMP_WAIT_POLICY=PASSIVE}), set
 * by {@code submit/env.sh} for drivers and by {@link #EXECUTOR_ENV} for executors.
 */
public final class TorchThreads {

    /** DJL's system properties, read once when the PyTorch engine starts. */
    public static final String INTRA_OP = "ai.djl.pytorch.num_threads";
    public static final String INTER_OP = "ai.djl.pytorch.num_interop_threads";

    /** Environment for executors (spark.executorEnv.*): OpenMP threads sleep instead of spinning. */
    public static final java.util.Map<String, String> EXECUTOR_ENV = java.util.Map.of("OMP_WAIT_POLICY", "PASSIVE");

    private TorchThreads() {}

    /**
     * Asks for {@code cpus} intra-op threads (at least 1) unless the user already chose with
     * {@code -Dai.djl.pytorch.num_threads}; returns the number in force. Takes effect when the
     * PyTorch engine starts, so call it before the first model of the JVM loads.
     */
    public static synchronized int configure(int cpus) {
        int n = Math.max(1, cpus);
        String chosen = System.getProperty(INTRA_OP);
        if (chosen != null) {
            try {
                return Integer.parseInt(chosen.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-D" + INTRA_OP + "=" + chosen + ": expected a number of threads");
            }
        }
        System.setProperty(INTRA_OP, Integer.toString(n));
        if (System.getProperty(INTER_OP) == null) {
            System.setProperty(INTER_OP, "1");
        }
        return n;
    }

    /** CPUs this process may run on (its affinity mask and cgroup quota, as the JVM sees them). */
    public static int processCpus() {
        return Runtime.getRuntime().availableProcessors();
    }

}
