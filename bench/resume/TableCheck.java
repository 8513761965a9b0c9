import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Summarises a Parquet table (a Spark-written or a partitioned activation table) for
 * bench/resume-scenarios.sh, without Spark:
 * {@code rows=N distinct_keys=K clips=C fingerprints=[..] poolings=[..] digest=<sha256 of the sorted rows>}.
 * Keys are (concept, layer, clip_id, pooling, frame) where present. Hidden and '_' files are skipped.
 *   java -cp <jars> bench/resume/TableCheck.java TABLE [COLUMN-TO-DROP...]
 */
public class TableCheck {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Set<String> drop = Set.of(java.util.Arrays.copyOfRange(args, 1, args.length));
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".parquet"))
                    .filter(p -> {
                        for (Path part : root.relativize(p)) {
                            String n = part.toString();
                            if (n.startsWith(".") || n.startsWith("_")) {
                                return false;
                            }
                        }
                        return true;
                    }).sorted().toList();
        }
        Configuration conf = new Configuration(false);
        conf.set("fs.file.impl", "org.apache.hadoop.fs.LocalFileSystem");
        List<String> rows = new ArrayList<>();
        Set<String> keys = new TreeSet<>();
        Set<String> clips = new TreeSet<>();
        Set<String> fingerprints = new TreeSet<>();
        Set<String> poolings = new TreeSet<>();
        for (Path f : files) {
            StringBuilder partition = new StringBuilder();
            for (Path part : root.relativize(f.getParent())) {
                partition.append(part).append('/');
            }
            try (ParquetReader<GenericRecord> r = AvroParquetReader.<GenericRecord>builder(
                    HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(f.toUri()), conf)).withConf(conf).build()) {
                for (GenericRecord rec = r.read(); rec != null; rec = r.read()) {
                    StringBuilder row = new StringBuilder(partition);
                    for (var field : rec.getSchema().getFields()) {
                        if (!drop.contains(field.name())) {
                            row.append(field.name()).append('=').append(rec.get(field.name())).append(';');
                        }
                    }
                    rows.add(row.toString());
                    String clip = String.valueOf(get(rec, "clip_id"));
                    clips.add(clip);
                    keys.add(partition + clip + "/" + get(rec, "pooling") + "/" + get(rec, "frame"));
                    if (rec.getSchema().getField("model_fingerprint") != null) {
                        fingerprints.add(String.valueOf(rec.get("model_fingerprint")));
                    }
                    if (rec.getSchema().getField("pooling") != null) {
                        poolings.add(String.valueOf(rec.get("pooling")));
                    }
                }
            }
        }
        rows.sort(null);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String row : rows) {
            sha.update(row.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        System.out.println("rows=" + rows.size() + " distinct_keys=" + keys.size() + " clips=" + clips.size()
                + " fingerprints=" + fingerprints + " poolings=" + poolings + " digest="
                + HexFormat.of().formatHex(sha.digest()).substring(0, 16));
    }

    private static Object get(GenericRecord rec, String field) {
        return rec.getSchema().getField(field) == null ? "" : rec.get(field);
    }
}
