package org.musicrfm.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a reader may do with any input: return, or throw one of its own exceptions with a message
 * naming the file — within a time limit, and never with an Error (OutOfMemoryError from a declared
 * size, StackOverflowError) or an unchecked exception it did not mean to throw.
 */
final class ReaderOutcome {

    /** Far above any reader's time on these small inputs, far below a hang. */
    static final Duration LIMIT = Duration.ofSeconds(20);

    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-reader");
        t.setDaemon(true);
        return t;
    });

    private ReaderOutcome() {}

    /** Writes {@code bytes} to a temporary file named {@code name} and hands it to {@code read}. */
    static void check(String name, byte[] bytes, ReadFile read, Class<?>... allowed) {
        Path dir;
        try {
            dir = Files.createTempDirectory("fuzz");
            Path file = dir.resolve(name);
            Files.write(file, bytes);
            try {
                check(file.toString(), () -> {
                    read.read(file);
                    return null;
                }, allowed);
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code read}; {@code where} must appear in the message of an allowed exception. */
    static void check(String where, Callable<?> read, Class<?>... allowed) {
        Future<?> f = POOL.submit(read);
        try {
            f.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError("reader still running after " + LIMIT + " on " + where);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            for (Class<?> c : allowed) {
                if (c.isInstance(t)) {
                    assertThat(t.getMessage()).as("message of %s", t).isNotBlank().contains(where);
                    return;
                }
            }
            throw new AssertionError("unexpected " + t + " on " + where, t);
        }
    }

    @FunctionalInterface
    interface ReadFile {
        void read(Path file) throws Exception;
    }
}
