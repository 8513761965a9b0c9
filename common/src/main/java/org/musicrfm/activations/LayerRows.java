package org.musicrfm.activations;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import org.apache.avro.generic.GenericRecord;
import org.musicrfm.dataset.DatasetColumns;
import org.musicrfm.dataset.StratifiedSplit;
import org.musicrfm.io.Location;
import org.musicrfm.io.Storage;

/**
 * One (concept, layer, pooling) slice of the activation table as a probe consumes it, rows sorted
 * by clip id: ids, split groups, labels and vectors. Rows whose label is null (a MusicBench clip
 * without a tempo, or whose key was left out) are not part of that label's probe.
 *
 * @param datasets the names in the rows' {@code dataset} column, distinct and sorted (the data the
 *                 clips come from, e.g. {@code syntheory}); empty for a table without that column
 */
public record LayerRows(List<String> clipIds, List<String> groups, List<Object> labels, float[][] vectors,
                        List<String> datasets) {

    /**
     * The column that groups clips which must share a split: MusicBench's augmented copies of one
     * recording share a {@code source_id}. Tables without it group each clip alone.
     */
    public static final String GROUP_COLUMN = "source_id";

    /** The layers present for a concept in the table; a clear error listing the concepts there otherwise. */
    public static List<Integer> layers(Path table, String concept) throws IOException {
        return layers(Location.of(table), concept);
    }

    /** As {@link #layers(Path, String)} for a table on any file system {@link Storage} reaches. */
    public static List<Integer> layers(Location table, String concept) throws IOException {
        Storage storage = Storage.get();
        Location folder = table.resolve("concept=" + concept);
        if (!storage.isDirectory(folder)) {
            List<String> have = storage.names(table).stream().filter(n -> n.startsWith("concept="))
                    .map(n -> n.substring("concept=".length())).sorted().toList();
            throw new IllegalArgumentException("no activations for concept '" + concept + "' in " + table
                    + " (concepts there: " + have + ")");
        }
        return storage.names(folder).stream().filter(n -> n.startsWith("layer="))
                .map(n -> Integer.parseInt(n.substring("layer=".length()))).sorted().toList();
    }

    /** Reads the slice from the Parquet files of its partition; a clear error names a missing column or bad value. */
    public static LayerRows read(Path table, String concept, int layer, String pooling, String label) throws IOException {
        return read(Location.of(table), concept, layer, pooling, label);
    }

    /** As {@link #read(Path, String, int, String, String)} for a table on any file system {@link Storage} reaches. */
    public static LayerRows read(Location table, String concept, int layer, String pooling, String label)
            throws IOException {
        Location folder = ActivationFiles.partition(table, concept, layer);
        List<GenericRecord> rows = new ArrayList<>();
        for (GenericRecord r : ActivationFiles.readAll(folder)) {
            if (pooling.equals(r.get("pooling").toString())) {
                rows.add(r);
            }
        }
        if (rows.isEmpty()) {
            throw new IOException("no '" + pooling + "' activations in " + folder);
        }
        if (rows.get(0).getSchema().getField(label) == null) {
            throw new IllegalArgumentException("activation table " + table + " has no label column '" + label + "'");
        }
        rows.removeIf(r -> r.get(label) == null);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("every '" + label + "' value in " + folder + " is null");
        }
        boolean grouped = rows.get(0).getSchema().getField(GROUP_COLUMN) != null;
        boolean named = rows.get(0).getSchema().getField(DatasetColumns.DATASET) != null;
        TreeSet<String> datasets = new TreeSet<>();
        rows.sort(Comparator.comparing(r -> r.get("clip_id").toString()));
        List<String> ids = new ArrayList<>(rows.size());
        List<String> groups = new ArrayList<>(rows.size());
        List<Object> labels = new ArrayList<>(rows.size());
        float[][] x = new float[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            GenericRecord r = rows.get(i);
            ids.add(r.get("clip_id").toString());
            Object group = grouped ? r.get(GROUP_COLUMN) : null;
            groups.add(group == null ? ids.get(i) : group.toString());
            Object dataset = named ? r.get(DatasetColumns.DATASET) : null;
            if (dataset != null) {
                datasets.add(dataset.toString());
            }
            Object v = r.get(label);
            labels.add(v instanceof CharSequence ? v.toString() : v);
            @SuppressWarnings("unchecked")
            List<Float> vec = (List<Float>) r.get("vector");
            float[] row = new float[vec.size()];
            for (int j = 0; j < row.length; j++) {
                row[j] = vec.get(j);
                if (!Float.isFinite(row[j])) {
                    throw new IllegalArgumentException("non-finite activation " + row[j] + " for clip " + ids.get(i)
                            + " in " + folder);
                }
            }
            x[i] = row;
        }
        return new LayerRows(ids, groups, labels, x, List.copyOf(datasets));
    }

    /** The rows as items of a stratified split: by label, or all in one stratum for a regression. */
    public List<StratifiedSplit.Item> splitItems(boolean regression) {
        List<StratifiedSplit.Item> items = new ArrayList<>();
        for (int i = 0; i < clipIds.size(); i++) {
            items.add(new StratifiedSplit.Item(clipIds.get(i), groups.get(i), regression ? "all" : labels.get(i)));
        }
        return items;
    }

    /**
     * SHA-256 (hex) of exactly what a probe consumes: per row, in clip-id order, the clip id, its
     * group, its label (with its type) and the vector's float bits. Equal digests, equal probes.
     */
    public String digest() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
        for (int i = 0; i < clipIds.size(); i++) {
            Object label = labels.get(i);
            String head = clipIds.get(i) + '\t' + groups.get(i) + '\t'
                    + (label == null ? "null" : label.getClass().getSimpleName() + ':' + label) + '\t'
                    + vectors[i].length + '\n';
            sha.update(head.getBytes(StandardCharsets.UTF_8));
            ByteBuffer bits = ByteBuffer.allocate(4 * vectors[i].length);
            for (float v : vectors[i]) {
                bits.putInt(Float.floatToIntBits(v));
            }
            sha.update(bits.array());
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
