package org.musicrfm.activations;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;

/**
 * Parquet files of activation rows written and read outside Spark (in executors), in the layout
 * Spark reads as one partitioned table: {@code <table>/concept=<c>/layer=<ℓ>/<name>.parquet}.
 */
public final class ActivationFiles {

    private ActivationFiles() {}

    static Configuration conf() {
        Configuration conf = new Configuration(false);
        conf.set("fs.file.impl", "org.apache.hadoop.fs.LocalFileSystem");
        return parquetSettings(conf);
    }

    /** The Parquet writers' and readers' configuration for a file at {@code l}: the storage's for another scheme. */
    static Configuration conf(Location l) {
        return l.isLocal() ? conf() : parquetSettings(new Configuration(Storage.get().conf()));
    }

    private static Configuration parquetSettings(Configuration conf) {
        conf.setBoolean("parquet.avro.write-old-list-structure", false);
        conf.setBoolean("parquet.avro.add-list-element-records", false);
        return conf;
    }

    /** The folder of one (concept, layer) partition. */
    public static Path partition(Path table, String concept, int layer) {
        return table.resolve("concept=" + concept).resolve("layer=" + layer);
    }

    /** The folder of one (concept, layer) partition. */
    public static Location partition(Location table, String concept, int layer) {
        return table.resolve("concept=" + concept).resolve("layer=" + layer);
    }

    /**
     * Writes records to {@code file} atomically: to a hidden temporary sibling first (Spark skips
     * names starting with '.'), renamed when complete.
     */
    public static void write(Path file, Schema schema, List<GenericRecord> records) throws IOException {
        write(Location.of(file), schema, records);
    }

    /** As {@link #write(Path, Schema, List)} for a file on any file system {@link Storage} reaches. */
    public static void write(Location file, Schema schema, List<GenericRecord> records) throws IOException {
        Storage.get().write(file, tmp -> {
            Configuration conf = conf(tmp);
            try (ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(
                            HadoopOutputFile.fromPath(tmp.hadoopPath(), conf))
                    .withSchema(schema)
                    .withConf(conf)
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .build()) {
                for (GenericRecord r : records) {
                    w.write(r);
                }
            }
        });
    }

    /** Every record of the visible Parquet files in {@code folder} (not recursive), in file-name order. */
    public static List<GenericRecord> readAll(Path folder) throws IOException {
        return readAll(Location.of(folder));
    }

    /** As {@link #readAll(Path)} for a folder on any file system {@link Storage} reaches. */
    public static List<GenericRecord> readAll(Location folder) throws IOException {
        List<GenericRecord> out = new ArrayList<>();
        Storage storage = Storage.get();
        if (!storage.isDirectory(folder)) {
            throw new IOException("no activations at " + folder);
        }
        List<Location> files = storage.list(folder).stream().filter(p -> p.name().endsWith(".parquet")
                && !p.name().startsWith(".") && !p.name().startsWith("_")).toList();
        for (Location f : files) {
            Configuration conf = conf(f);
            try (ParquetReader<GenericRecord> r = AvroParquetReader.<GenericRecord>builder(
                    HadoopInputFile.fromPath(f.hadoopPath(), conf)).withConf(conf).build()) {
                for (GenericRecord rec = r.read(); rec != null; rec = r.read()) {
                    out.add(rec);
                }
            } catch (RuntimeException e) {
                throw new IOException("cannot read activation file " + f + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
