package org.musicrfm.io;

import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A file or folder on any Hadoop file system ({@code file:}, {@code hdfs:}, {@code s3a:}, …): an absolute,
 * normalised URI, serialisable so that executors get it as a value. A local location prints as its plain
 * path ({@code /data/out}), any other as its URI ({@code hdfs://nn/data/out}). Read and written through
 * {@link Storage}.
 */
public final class Location implements Serializable, Comparable<Location> {

    private static final long serialVersionUID = 1L;

    private final String uri;

    private Location(org.apache.hadoop.fs.Path path) {
        this.uri = path.toUri().toString();
    }

    /** The local path {@code path}, made absolute. */
    public static Location of(Path path) {
        return new Location(new org.apache.hadoop.fs.Path("file", null, path.toAbsolutePath().toString()));
    }

    /**
     * A location as users give it: a plain path (made absolute), a {@code file:} URI, or an absolute URI of
     * another scheme. Whether a file system serves that scheme is checked by {@link Storage#check}.
     *
     * @param option names the option in the error, e.g. {@code "--out"}
     * @throws IllegalArgumentException naming the option and the value for an empty, relative or malformed URI
     */
    public static Location parse(String value, String option) {
        String scheme = Locations.scheme(value == null ? "" : value);
        if (value == null || value.isBlank() || scheme == null || scheme.equals("file")) {
            return of(Locations.local(value, option));
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(option + " " + value + ": not a valid URI (" + e.getReason() + ")");
        }
        String path = uri.getPath();
        if (uri.isOpaque() || path == null || (!path.isEmpty() && !path.startsWith("/"))) {
            throw new IllegalArgumentException(option + " " + value + ": give an absolute URI, e.g. "
                    + scheme + ":///data/out or " + scheme + "://host/data/out");
        }
        return new Location(new org.apache.hadoop.fs.Path(uri.getScheme().toLowerCase(Locale.ROOT),
                uri.getAuthority(), path.isEmpty() ? "/" : path));
    }

    /** The location of a Hadoop path (as a file system lists it). */
    public static Location of(org.apache.hadoop.fs.Path path) {
        return new Location(path);
    }

    /** The Hadoop path of this location. */
    public org.apache.hadoop.fs.Path hadoopPath() {
        return new org.apache.hadoop.fs.Path(URI.create(uri));
    }

    public URI uri() {
        return URI.create(uri);
    }

    public String scheme() {
        return uri().getScheme();
    }

    /** True for a location on the local file system ({@code file:}). */
    public boolean isLocal() {
        return "file".equals(scheme());
    }

    /** The local path of a {@code file:} location; an error for another scheme. */
    public Path localPath() {
        if (!isLocal()) {
            throw new IllegalStateException(this + " is not on the local file system");
        }
        return Path.of(uri());
    }

    /** {@code child} (one name or a relative path with '/', never a URI) under this location. */
    public Location resolve(String child) {
        return new Location(new org.apache.hadoop.fs.Path(hadoopPath(), new org.apache.hadoop.fs.Path(null, null, child)));
    }

    /** The sibling named {@code name}. */
    public Location resolveSibling(String name) {
        Location parent = parent();
        if (parent == null) {
            throw new IllegalStateException(this + " is a root and has no siblings");
        }
        return parent.resolve(name);
    }

    /** The folder holding this location, or null for a root. */
    public Location parent() {
        org.apache.hadoop.fs.Path p = hadoopPath().getParent();
        return p == null ? null : new Location(p);
    }

    /** The last name of the location ("" for a root). */
    public String name() {
        return hadoopPath().getName();
    }

    /** True when {@code other} is this location or lies under it. */
    public boolean contains(Location other) {
        return other.uri.equals(uri) || other.uri.startsWith(uri.endsWith("/") ? uri : uri + "/");
    }

    /** The plain path of a local location, the URI of any other. */
    @Override
    public String toString() {
        return isLocal() ? localPath().toString() : hadoopPath().toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Location l && l.uri.equals(uri);
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }

    @Override
    public int compareTo(Location o) {
        return uri.compareTo(o.uri);
    }
}
