package org.musicrfm.io;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Locations that must be local: models (MusicGen and CLAP checkpoints, whose weights are mapped into
 * memory) and files read with local file APIs. Each must be a local path or one on a shared file system
 * mounted at the same path on the driver and every executor (NFS, Lustre, a FUSE mount of a bucket). A
 * plain path or a {@code file:} URI is accepted; a Hadoop URI such as {@code hdfs://} or {@code s3a://} is
 * refused with a message saying so, before any work, rather than being taken for a relative folder named
 * {@code hdfs:}. Tables and audio take any Hadoop URI: see {@link Location} and {@link Storage}.
 */
public final class Locations {

    /** A URI scheme: a letter, then letters, digits, '+', '-' or '.', before ':' (two or more characters, so C:\ is a path). */
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):");

    private Locations() {}

    /** The URI scheme of {@code location} in lower case, or null for a plain path. */
    public static String scheme(String location) {
        Matcher m = SCHEME.matcher(location);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** True for a plain path or a {@code file:} URI. */
    public static boolean isLocal(String location) {
        String s = scheme(location);
        return s == null || s.equals("file");
    }

    /**
     * {@code location} as an absolute local path: a plain path, or a {@code file:} URI
     * ({@code file:///data/x}, {@code file:/data/x}).
     *
     * @param what names the option in the error, e.g. {@code "--out"}
     * @throws IllegalArgumentException for another scheme (hdfs, s3a, gs, …), naming the option and the value
     */
    public static Path local(String location, String what) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException(what + " is empty: give a folder");
        }
        String s = scheme(location);
        if (s == null) {
            return Path.of(location).toAbsolutePath();
        }
        if (s.equals("file")) {
            URI uri = URI.create(location);
            if (uri.getAuthority() != null && !uri.getAuthority().isEmpty() && !uri.getAuthority().equals("localhost")) {
                throw new IllegalArgumentException(what + " " + location + ": a file: URI names a local path "
                        + "(file:///data/x); '" + uri.getAuthority() + "' is read as a host");
            }
            return Path.of(uri.getPath()).toAbsolutePath();
        }
        throw new IllegalArgumentException(what + " " + location + ": must be a local path or one on a shared file "
                + "system mounted at the same path on the driver and every executor (e.g. /shared/models/musicgen-small "
                + "or file:///shared/models/musicgen-small): " + what + " is read with local file APIs (model weights "
                + "are mapped into memory), so " + s + ":// is not supported for it");
    }

    /**
     * Checks pairs of (option, location), e.g. {@code ("--model", model, "--clap", clap)}, for options a job
     * hands on as text (to executors, or to readers that take a plain path): each must be a plain local path;
     * a {@code file:} URI is refused too, asking for the plain path. Null locations are skipped.
     */
    public static void requireLocal(String... optionLocationPairs) {
        if (optionLocationPairs.length % 2 != 0) {
            throw new IllegalArgumentException("requireLocal takes (option, location) pairs");
        }
        for (int i = 0; i < optionLocationPairs.length; i += 2) {
            String what = optionLocationPairs[i];
            String location = optionLocationPairs[i + 1];
            if (location == null) {
                continue;
            }
            Path path = local(location, what);
            if (scheme(location) != null) {
                throw new IllegalArgumentException(what + " " + location + ": give it as a plain path (" + path + ")");
            }
        }
    }
}
