package org.musicrfm.jobs;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * A console progress line for a job: executors add to an accumulator as they finish items, a
 * driver thread prints {@code [name] done/total unit, rate, ETA} every two seconds. Spark's UI
 * shows the same work as stages and tasks.
 */
public final class Progress implements AutoCloseable {

    private final String name;
    private final long total;
    private final String unit;
    private final LongAccumulator done;
    private final long startNanos = System.nanoTime();
    private final PrintStream out = System.err;
    private final ScheduledExecutorService ticker;

    public Progress(SparkContext sc, String name, long total, String unit) {
        this.name = name;
        this.total = total;
        this.unit = unit;
        this.done = sc.longAccumulator(name + " " + unit);
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress-" + name);
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::print, 2, 2, TimeUnit.SECONDS);
    }

    /** The accumulator executors add finished items to. */
    public LongAccumulator counter() {
        return done;
    }

    private void print() {
        out.print("\r" + line(done.value()));
        out.flush();
    }

    String line(long n) {
        double secs = (System.nanoTime() - startNanos) / 1e9;
        double rate = n / Math.max(secs, 1e-9);
        String eta = n == 0 ? "?" : String.format(Locale.ROOT, "%.0fs", (total - n) / rate);
        return String.format(Locale.ROOT, "[%s] %d/%d %s (%.1f%%), %.1f %s/s, ETA %s   ", name, n, total, unit,
                100.0 * n / Math.max(total, 1), rate, unit, eta);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        out.println("\r" + line(done.value()));
    }
}
