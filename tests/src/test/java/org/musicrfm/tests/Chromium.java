package org.musicrfm.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Headless Chromium (Debian's {@code chromium}) rendering a local page: its DOM after load and its console lines. */
final class Chromium {

    /** The DOM after load and the stderr lines that carry console messages. */
    record Render(String dom, List<String> consoleLines, String stderr) {}

    private Chromium() {}

    /** The chromium binary, or null when not installed. */
    static Path find() {
        for (String p : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        return null;
    }

    /** Loads the page offline-friendly (no network services, a fresh profile) and dumps its DOM. */
    static Render render(Path chromium, Path page, Path profile) throws IOException, InterruptedException {
        return run(chromium, page, profile, "--dump-dom");
    }

    /** A PNG screenshot of the page at the given window size. */
    static Render screenshot(Path chromium, Path page, Path profile, Path png, int width, int height)
            throws IOException, InterruptedException {
        return run(chromium, page, profile, "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars");
    }

    private static Render run(Path chromium, Path page, Path profile, String... extra)
            throws IOException, InterruptedException {
        Files.createDirectories(profile);
        List<String> cmd = new java.util.ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--mute-audio", "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=10000", "--user-data-dir=" + profile.toAbsolutePath()));
        cmd.addAll(List.of(extra));
        cmd.add(page.toAbsolutePath().toUri().toString());
        Path stdout = profile.resolveSibling(profile.getFileName() + ".out");
        Path stderr = profile.resolveSibling(profile.getFileName() + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not finish in 120 s on " + page);
        }
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        List<String> console = err.lines().filter(l -> l.contains("CONSOLE")).toList();
        return new Render(Files.readString(stdout, StandardCharsets.UTF_8), console, err);
    }
}
