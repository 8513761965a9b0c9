package org.musicrfm.jobs.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.musicrfm.model.musicgen.StepListener;

/**
 * A progress line for decoding on stderr: {@code [name] done/total steps, rate steps/s}, rewritten in
 * place at most four times a second and finished with a newline. Several generations (batches of
 * prompts) count into one total: {@link #next()} gives the listener of the next one.
 */
final class StepProgress {

    private final PrintWriter err;
    private final String name;
    private final long total;
    private final long start = System.nanoTime();
    private long done;
    private long lastPrint;

    StepProgress(PrintWriter err, String name, long total) {
        this.err = err;
        this.name = name;
        this.total = total;
    }

    /** The listener of the next generation, whose steps add to this line. */
    StepListener next() {
        long before = done;
        return (d, t) -> {
            done = before + d;
            long now = System.nanoTime();
            if (done == total || now - lastPrint > 250_000_000L) {
                lastPrint = now;
                err.print("\r" + line());
                if (done == total) {
                    err.println();
                }
                err.flush();
            }
        };
    }

    /** Decoding steps per second so far. */
    double rate() {
        return done / Math.max((System.nanoTime() - start) / 1e9, 1e-9);
    }

    String line() {
        return String.format(Locale.ROOT, "[%s] %d/%d steps, %.2f steps/s", name, done, total, rate());
    }
}
