package org.musicrfm.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import scala.Tuple2;

/**
 * Tables, audio and small files on any Hadoop {@link FileSystem}: the local disk, HDFS, S3A, or any scheme
 * configured with {@code spark.hadoop.fs.<scheme>.impl}. Local locations go through Hadoop's raw local file
 * system (no {@code .crc} sidecars), so local outputs are the same files as written with {@code java.nio}.
 *
 * <p>Files and folders are published by writing a hidden temporary sibling (names starting with '.', which
 * readers and Spark skip) and renaming it. A rename is atomic on the local disk and on HDFS; on object stores
 * such as S3A it is a copy, so a reader may briefly see a partial file there and a killed run may leave one.
 *
 * <p>{@link #get()} reads the Hadoop configuration from the Spark configuration's {@code spark.hadoop.*}
 * entries, the same on the driver and on every executor.
 */
public final class Storage {

    /** Writes the content of a file or folder at the temporary location it is given. */
    @FunctionalInterface
    public interface Body {
        void write(Location tmp) throws IOException;
    }

    private static final String SPARK_HADOOP = "spark.hadoop.";
    private static final Map<SparkConf, Storage> BY_SPARK_CONF = new WeakHashMap<>();
    private static Storage standalone;

    private final Configuration conf;

    private Storage(Configuration conf) {
        this.conf = conf;
    }

    /** A storage over the file systems {@code conf} configures. */
    public static Storage of(Configuration conf) {
        return new Storage(conf);
    }

    /**
     * The storage of this JVM: the Hadoop configuration of the running Spark application
     * ({@code spark.hadoop.*} entries of its configuration, on the driver and on executors alike), or
     * Hadoop's defaults outside Spark.
     */
    public static synchronized Storage get() {
        SparkEnv env = SparkEnv.get();
        if (env == null) {
            if (standalone == null) {
                standalone = new Storage(new Configuration());
            }
            return standalone;
        }
        return BY_SPARK_CONF.computeIfAbsent(env.conf(), Storage::fromSparkConf);
    }

    private static Storage fromSparkConf(SparkConf sparkConf) {
        Configuration c = new Configuration();
        for (Tuple2<String, String> e : sparkConf.getAll()) {
            if (e._1().startsWith(SPARK_HADOOP)) {
                c.set(e._1().substring(SPARK_HADOOP.length()), e._2());
            }
        }
        return new Storage(c);
    }

    /** The Hadoop configuration (a copy may be changed by the caller). */
    public Configuration conf() {
        return conf;
    }

    /**
     * Fails unless a file system serves {@code location}'s scheme, naming the option, the value and the
     * setting that would register one.
     */
    public void check(Location location, String option) {
        if (location.isLocal()) {
            return;
        }
        String scheme = location.scheme();
        try {
            FileSystem.getFileSystemClass(scheme, conf);
        } catch (UnsupportedFileSystemException e) {
            throw new IllegalArgumentException(option + " " + location + ": no Hadoop file system is configured for "
                    + scheme + "://; add its client to the classpath or set --conf spark.hadoop.fs." + scheme
                    + ".impl=<class>, or give a local path");
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + location + ": " + e.getMessage(), e);
        }
    }

    /** {@link Location#parse} and {@link #check}: a location given by the user, checked before any work. */
    public Location location(String value, String option) {
        Location l = Location.parse(value, option);
        check(l, option);
        return l;
    }

    /** The file system of {@code location}: Hadoop's raw local one for {@code file:}. */
    public FileSystem fs(Location location) throws IOException {
        if (location.isLocal()) {
            return FileSystem.getLocal(conf).getRawFileSystem();
        }
        return FileSystem.get(location.uri(), conf);
    }

    public boolean exists(Location l) throws IOException {
        return fs(l).exists(l.hadoopPath());
    }

    public boolean isFile(Location l) throws IOException {
        FileStatus s = status(l);
        return s != null && s.isFile();
    }

    public boolean isDirectory(Location l) throws IOException {
        FileStatus s = status(l);
        return s != null && s.isDirectory();
    }

    /** The file's length in bytes; an error if it is missing. */
    public long length(Location l) throws IOException {
        return fs(l).getFileStatus(l.hadoopPath()).getLen();
    }

    /** The file's or folder's status, or null when it does not exist. */
    public FileStatus status(Location l) throws IOException {
        try {
            return fs(l).getFileStatus(l.hadoopPath());
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    /** The entries of folder {@code dir} sorted by name; empty when it does not exist. */
    public List<Location> list(Location dir) throws IOException {
        List<Location> out = new ArrayList<>();
        FileStatus[] entries;
        try {
            entries = fs(dir).listStatus(dir.hadoopPath());
        } catch (FileNotFoundException e) {
            return out;
        }
        for (FileStatus s : entries) {
            out.add(dir.resolve(s.getPath().getName()));
        }
        out.sort(Comparator.comparing(Location::name));
        return out;
    }

    /** The names in folder {@code dir}, sorted; empty when it does not exist. */
    public List<String> names(Location dir) throws IOException {
        return list(dir).stream().map(Location::name).toList();
    }

    /** Every file under {@code dir} (recursively), sorted; empty when it does not exist. */
    public List<Location> files(Location dir) throws IOException {
        List<Location> out = new ArrayList<>();
        collect(dir, out, false);
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /** Every folder under {@code dir} (recursively, not {@code dir}), sorted. */
    public List<Location> folders(Location dir) throws IOException {
        List<Location> out = new ArrayList<>();
        collect(dir, out, true);
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private void collect(Location dir, List<Location> out, boolean folders) throws IOException {
        FileStatus[] entries;
        try {
            entries = fs(dir).listStatus(dir.hadoopPath());
        } catch (FileNotFoundException e) {
            return;
        }
        for (FileStatus s : entries) {
            Location child = dir.resolve(s.getPath().getName());
            if (s.isDirectory()) {
                if (folders) {
                    out.add(child);
                }
                collect(child, out, folders);
            } else if (!folders) {
                out.add(child);
            }
        }
    }

    /** Creates the folder and its missing parents. */
    public void mkdirs(Location dir) throws IOException {
        FileSystem fs = fs(dir);
        if (!fs.mkdirs(dir.hadoopPath()) && !fs.getFileStatus(dir.hadoopPath()).isDirectory()) {
            throw new IOException("cannot create folder " + dir);
        }
    }

    /** Deletes a file, or a folder with everything under it; nothing if it does not exist. */
    public void delete(Location l) throws IOException {
        FileSystem fs = fs(l);
        if (fs.exists(l.hadoopPath()) && !fs.delete(l.hadoopPath(), true) && fs.exists(l.hadoopPath())) {
            throw new IOException("cannot delete " + l);
        }
    }

    public InputStream open(Location file) throws IOException {
        try {
            return fs(file).open(file.hadoopPath());
        } catch (FileNotFoundException e) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
    }

    /** Creates (or replaces) {@code file} for writing; not atomic, see {@link #write(Location, byte[])}. */
    public OutputStream create(Location file) throws IOException {
        return fs(file).create(file.hadoopPath(), true);
    }

    public byte[] readBytes(Location file) throws IOException {
        try (InputStream in = open(file)) {
            return in.readAllBytes();
        }
    }

    public String readString(Location file) throws IOException {
        return new String(readBytes(file), StandardCharsets.UTF_8);
    }

    /** Reads a file through an API that takes a local path. */
    @FunctionalInterface
    public interface LocalReader<T> {
        T read(java.nio.file.Path file) throws IOException;
    }

    /**
     * Lets {@code reader} read {@code file} from a local path: a local file in place; a file elsewhere from a
     * local temporary copy, deleted afterwards (readers of safetensors map the file into memory, which needs a
     * local file). An I/O error names {@code file}, not the copy.
     */
    public <T> T readLocally(Location file, LocalReader<T> reader) throws IOException {
        if (file.isLocal()) {
            return reader.read(file.localPath());
        }
        java.nio.file.Path dir = Files.createTempDirectory("musicrfm-copy");
        java.nio.file.Path copy = dir.resolve(file.name());
        try {
            try (InputStream in = open(file)) {
                Files.copy(in, copy);
            }
            return reader.read(copy);
        } catch (IOException e) {
            String m = e.getMessage();
            throw m == null ? e : new IOException(m.replace(copy.toString(), file.toString()), e);
        } finally {
            Files.deleteIfExists(copy);
            Files.deleteIfExists(dir);
        }
    }

    /** SHA-256 (hex) of the file's bytes. */
    public String sha256(Location file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = open(file)) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                sha.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Writes bytes to a temporary sibling and renames it into place, replacing an existing file. */
    public void write(Location file, byte[] bytes) throws IOException {
        write(file, tmp -> {
            try (OutputStream out = create(tmp)) {
                out.write(bytes);
            }
        });
    }

    /**
     * Lets {@code body} write the file at a temporary sibling ({@code .<name>.<uuid>.part}), then renames it
     * into place, replacing an existing file. On failure the temporary file (and a checksum written beside it)
     * is removed and {@code file} is left as it was.
     */
    public void write(Location file, Body body) throws IOException {
        Location parent = file.parent();
        mkdirs(parent);
        Location tmp = parent.resolve("." + file.name() + "." + UUID.randomUUID() + ".part");
        try {
            body.write(tmp);
            renameReplacing(tmp, file);
        } finally {
            deleteQuietly(tmp);
            deleteQuietly(parent.resolve("." + tmp.name() + ".crc"));
        }
    }

    private void deleteQuietly(Location l) throws IOException {
        FileSystem fs = fs(l);
        if (fs.exists(l.hadoopPath())) {
            fs.delete(l.hadoopPath(), false);
        }
    }

    /**
     * Renames {@code from} to {@code to}, replacing a file there: atomically on the local disk; elsewhere the
     * old file is deleted first where the file system's rename does not replace.
     */
    private void renameReplacing(Location from, Location to) throws IOException {
        if (from.isLocal() && to.isLocal()) {
            try {
                Files.move(from.localPath(), to.localPath(), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(from.localPath(), to.localPath(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return;
        }
        FileSystem fs = fs(to);
        if (fs.rename(from.hadoopPath(), to.hadoopPath())) {
            return;
        }
        if (fs.isFile(to.hadoopPath())) {
            fs.delete(to.hadoopPath(), false);
            if (fs.rename(from.hadoopPath(), to.hadoopPath())) {
                return;
            }
        }
        throw new IOException("cannot rename " + from + " to " + to);
    }

    /** Renames a file or folder to a name that does not exist; an error naming both otherwise. */
    public void rename(Location from, Location to) throws IOException {
        if (exists(to)) {
            throw new FileAlreadyExistsException(to.toString(), from.toString(), "exists");
        }
        if (!fs(to).rename(from.hadoopPath(), to.hadoopPath())) {
            throw new IOException("cannot rename " + from + " to " + to);
        }
    }

    /**
     * Creates the folder {@code out} (which must not exist or be an empty folder) so that it appears complete
     * or not at all: {@code body} fills a hidden sibling ({@code .<name>.partial-<hex>}) that is renamed at the
     * end, and removed on failure.
     */
    public Location writeFolder(Location out, Body body) throws IOException {
        if (exists(out)) {
            if (!isDirectory(out)) {
                throw new FileAlreadyExistsException(out.toString(), null, "exists and is not a folder");
            }
            if (!list(out).isEmpty()) {
                throw new FileAlreadyExistsException(out.toString(), null, "folder is not empty; refusing to overwrite");
            }
        }
        Location parent = out.parent();
        mkdirs(parent);
        Location tmp = parent.resolve("." + out.name() + ".partial-"
                + Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE));
        mkdirs(tmp);
        try {
            body.write(tmp);
            if (exists(out)) {
                delete(out); // the empty folder checked above
            }
            rename(tmp, out);
            return out;
        } catch (IOException | RuntimeException | Error e) {
            try {
                delete(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Replaces the folder {@code target} by {@code staged} (a sibling written before): readers see the old
     * folder or the new one, never a mix, where renames are atomic. The old one is moved aside
     * ({@code .<name>.old-<uuid>}) and deleted.
     */
    public void replaceFolder(Location staged, Location target) throws IOException {
        Location old = target.resolveSibling("." + target.name() + ".old-" + UUID.randomUUID());
        boolean hadOld = exists(target);
        if (hadOld) {
            rename(target, old);
        }
        rename(staged, target);
        if (hadOld) {
            delete(old);
        }
    }
}
