package org.musicrfm.rfm.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.apache.avro.generic.GenericRecord;
import org.musicrfm.activations.ActivationFiles;
import org.musicrfm.activations.LayerRows;
import org.musicrfm.io.Location;

/**
 * Reads a concept's pooled activations from the activation table ({@code <table>/concept=<c>/layer=<ℓ>}).
 * Rows whose label is null (a MusicBench clip without a tempo, or whose key was left out) are not
 * part of that label's benchmark.
 */
public final class ConceptTable {

    /**
     * The column that groups clips which must share a split: MusicBench's augmented copies of one
     * recording share a {@code source_id}. Tables without it group each clip alone.
     */
    public static final String GROUP_COLUMN = LayerRows.GROUP_COLUMN;

    /** One layer's rows sorted by clip id: ids, split groups, labels and vectors. */
    public record Layer(int layer, List<String> clipIds, List<String> groups, List<Object> labels, float[][] vectors) {}

    private ConceptTable() {}

    /** The layers present for a concept ({@link LayerRows#layers}); an error when its folder holds none. */
    public static List<Integer> layers(Path table, String concept) throws IOException {
        return layers(Location.of(table), concept);
    }

    /** As {@link #layers(Path, String)} for a table on any file system {@link org.musicrfm.io.Storage} reaches. */
    public static List<Integer> layers(Location table, String concept) throws IOException {
        List<Integer> layers = LayerRows.layers(table, concept);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("no layer partitions in " + table.resolve("concept=" + concept));
        }
        return layers;
    }

    /** The poolings and the columns of one (concept, layer) partition. */
    public record Partition(TreeSet<String> poolings, List<String> columns) {}

    /** What one partition holds, for checks on the driver. */
    public static Partition describe(Location table, String concept, int layer) throws IOException {
        Location folder = ActivationFiles.partition(table, concept, layer);
        List<GenericRecord> rows = ActivationFiles.readAll(folder);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no activation rows in " + folder);
        }
        TreeSet<String> poolings = new TreeSet<>();
        rows.forEach(r -> poolings.add(r.get("pooling").toString()));
        List<String> columns = rows.get(0).getSchema().getFields().stream().map(f -> f.name()).toList();
        return new Partition(poolings, columns);
    }

    /**
     * The concept's layers, checked on the driver: its first partition holds the pooling each of {@code methods}
     * needs and the column {@code label}; errors start with {@code what}.
     */
    public static List<Integer> requireTarget(Location table, String concept, String label,
                                              List<BenchmarkMethod> methods, String what) throws IOException {
        List<Integer> layers = layers(table, concept);
        Partition part = describe(table, concept, layers.get(0));
        for (BenchmarkMethod m : methods) {
            if (!part.poolings().contains(m.pooling())) {
                throw new IllegalArgumentException(what + ": method " + m.id() + " needs '" + m.pooling()
                        + "'-pooled activations, the table has " + part.poolings()
                        + " (extract with --pooling mean,last)");
            }
        }
        if (!part.columns().contains(label)) {
            throw new IllegalArgumentException(what + ": no label column '" + label + "' (columns: "
                    + part.columns() + ")");
        }
        return layers;
    }

    /** The rows of one (concept, layer, pooling) with a non-null label, sorted by clip id (read as train reads them). */
    public static Layer load(Path table, String concept, int layer, String pooling, String label) throws IOException {
        return load(Location.of(table), concept, layer, pooling, label);
    }

    /** As {@link #load(Path, String, int, String, String)} on any file system. */
    public static Layer load(Location table, String concept, int layer, String pooling, String label)
            throws IOException {
        LayerRows rows = LayerRows.read(table, concept, layer, pooling, label);
        return new Layer(layer, rows.clipIds(), rows.groups(), rows.labels(), rows.vectors());
    }
}
