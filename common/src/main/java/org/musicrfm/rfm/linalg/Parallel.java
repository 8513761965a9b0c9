package org.musicrfm.rfm.linalg;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * Runs element-wise loops that BLAS does not cover on a fixed number of threads. Work is split
 * into contiguous chunks; results never depend on the thread count (each index is computed by
 * exactly one chunk with the same arithmetic).
 */
public final class Parallel {

    /** Body of a chunked loop over {@code [from, to)}. */
    @FunctionalInterface
    public interface Chunk {
        void run(int from, int to);
    }

    private static final ForkJoinPool SHARED =
            new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors()));

    private final int threads;
    private final ForkJoinPool pool;

    private Parallel(int threads, ForkJoinPool pool) {
        this.threads = threads;
        this.pool = pool;
    }

    /** One thread per available processor (a pool shared by all users). */
    public static Parallel shared() {
        return new Parallel(SHARED.getParallelism(), SHARED);
    }

    /** Runs everything on the calling thread. */
    public static Parallel serial() {
        return new Parallel(1, null);
    }

    /** At most {@code threads} tasks at once on the shared pool. */
    public static Parallel of(int threads) {
        return threads <= 1 ? serial() : new Parallel(Math.min(threads, SHARED.getParallelism()), SHARED);
    }

    public int threads() {
        return threads;
    }

    /** Runs body over {@code [0, n)} in chunks of at least {@code grain} indices. */
    public void forRange(int n, int grain, Chunk body) {
        if (n <= 0) {
            return;
        }
        int chunks = Math.min(threads * 4, Math.max(1, n / Math.max(1, grain)));
        if (chunks <= 1 || pool == null) {
            body.run(0, n);
            return;
        }
        List<Future<?>> futures = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            futures.add(pool.submit(() -> body.run(from, to)));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
        }
    }
}
