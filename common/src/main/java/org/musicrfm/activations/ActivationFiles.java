package org.musicrfm.activations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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
import org.musicrfm.io.AtomicFiles;

/**
 * Parquet files of activation rows written and read outside Spark (in executors), in the layout
 * Spark reads as one partitioned table: {@code <table>/concept=<c>/layer=<ℓ>/<name>.parquet}.
 */
public final class ActivationFiles {

    private ActivationFiles() {}

    static Configuration conf() {
        Configuration conf = new Configuration(false);
        conf.set("fs.file.impl", "org.apache.hadoop.fs.LocalFileSystem");
        conf.setBoolean("parquet.avro.write-old-list-structure", false);
        conf.setBoolean("parquet.avro.add-list-element-records", false);
        return conf;
    }

    /** The folder of one (concept, layer) partition. */
    public static Path partition(Path table, String concept, int layer) {
        return table.resolve("concept=" + concept).resolve("layer=" + layer);
    }

    /**
     * Writes records to {@code file} atomically: to a hidden temporary sibling first (Spark skips
     * names starting with '.'), renamed when complete.
     */
    public static void write(Path file, Schema schema, List<GenericRecord> records) throws IOException {
        AtomicFiles.write(file, tmp -> {
            try (ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(
                            HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(tmp.toUri()), conf()))
                    .withSchema(schema)
                    .withConf(conf())
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
        List<GenericRecord> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            throw new IOException("no activations at " + folder);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".parquet")
                    && !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().startsWith("_"))
                    .sorted().toList();
        }
        for (Path f : files) {
            try (ParquetReader<GenericRecord> r = AvroParquetReader.<GenericRecord>builder(
                    HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(f.toUri()), conf())).withConf(conf()).build()) {
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
