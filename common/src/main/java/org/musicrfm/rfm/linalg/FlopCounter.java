package org.musicrfm.rfm.linalg;

/**
 * Counts the floating-point work of the RFM code as it runs: {@link Blas} adds the nominal flop
 * count of every BLAS/LAPACK call (gemm 2mnk, symm 2m²n, syrk n(n+1)k, potrf n³/3, potrs 2n²r,
 * getrf 2n³/3, getrs 2n²r, syevd 4n³), and the kernels add the number of kernel entries they
 * evaluate (each an exp and a pow, done in Java, not counted as flops).
 *
 * <p>A counter collects what its thread issues while it is open ({@link #open}); counters nest
 * (an inner one does not hide the work from the outer one). Work issued by threads with no open
 * counter is not recorded. BLAS calls are issued by the thread that runs an RFM fit (the Java
 * thread pool only does element-wise work), so one counter per fit or trial sees all of it.
 */
public final class FlopCounter {

    private static final ThreadLocal<FlopCounter> CURRENT = new ThreadLocal<>();

    private long flops;
    private long kernelEntries;
    private FlopCounter outer;

    /** Total BLAS/LAPACK flops counted so far. */
    public long flops() {
        return flops;
    }

    /** Kernel entries evaluated so far. */
    public long kernelEntries() {
        return kernelEntries;
    }

    /** Starts counting this thread's work until the returned scope is closed. */
    public Scope open() {
        if (outer != null || CURRENT.get() == this) {
            throw new IllegalStateException("flop counter is already open");
        }
        outer = CURRENT.get();
        CURRENT.set(this);
        return new Scope();
    }

    /** Closing stops the counting started by {@link #open}. */
    public final class Scope implements AutoCloseable {
        private boolean closed;

        private Scope() {}

        /** Stops counting (idempotent). */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (CURRENT.get() != FlopCounter.this) {
                throw new IllegalStateException("flop counter scopes closed out of order");
            }
            CURRENT.set(outer);
            outer = null;
        }
    }

    /** Adds flops to every counter open on this thread. */
    public static void add(double count) {
        long n = (long) count;
        for (FlopCounter c = CURRENT.get(); c != null; c = c.outer) {
            c.flops += n;
        }
    }

    /** Adds evaluated kernel entries to every counter open on this thread. */
    public static void addKernelEntries(long count) {
        for (FlopCounter c = CURRENT.get(); c != null; c = c.outer) {
            c.kernelEntries += count;
        }
    }
}
