package org.musicrfm.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.musicrfm.activations.LayerRows;
import org.musicrfm.dataset.Split;
import org.musicrfm.dataset.SplitSizes;
import org.musicrfm.dataset.StratifiedSplit;
import org.musicrfm.io.Location;
import org.musicrfm.provenance.UnitIdentity;
import org.musicrfm.rfm.search.ProbeTables;

/**
 * The split a concept's probes train on: the seeded 70/15/15 split (stratified on the label, clips
 * sharing a {@code source_id} together) of the clips of the concept's first layer, with the layers
 * there and the class list (empty for a regression).
 *
 * @param layers   the concept's layers in the activation table, ascending
 * @param classes  class names in index order; empty for a regression
 * @param items    the split's items (clip id, group, stratum)
 * @param splits   the split of every clip id
 * @param dataset  the data the clips come from: the names in their {@code dataset} column, joined by
 *                 {@code ,} (e.g. {@code syntheory}); the activation folder's name for a table without one
 */
public record ProbeSplit(List<Integer> layers, List<String> classes, List<StratifiedSplit.Item> items,
                         Map<String, Split> splits, String dataset) {

    /** Reads the first layer's rows of {@code table} and splits them; every part must hold clips. */
    public static ProbeSplit of(Path table, ProbeTraining training) throws IOException {
        return of(Location.of(table), training);
    }

    /** As {@link #of(Path, ProbeTraining)} for a table on any file system {@link org.musicrfm.io.Storage} reaches. */
    public static ProbeSplit of(Location table, ProbeTraining training) throws IOException {
        List<Integer> layers = LayerRows.layers(table, training.concept());
        LayerRows first = LayerRows.read(table, training.concept(), layers.get(0), training.pooling(),
                training.label());
        List<String> classes = training.regression() ? List.of() : ProbeTables.classes(first.labels());
        List<StratifiedSplit.Item> items = first.splitItems(training.regression());
        Map<String, Split> splits = new HashMap<>(StratifiedSplit.assign(items, training.splitSeed()));
        SplitSizes.of(splits.values()).requireEachPart("concept " + training.concept() + " in " + table);
        String dataset = first.datasets().isEmpty() ? table.parent().name()
                : String.join(",", first.datasets());
        return new ProbeSplit(layers, classes, items, splits, dataset);
    }

    /** SHA-256 of the split's text: the split of every clip, part of every unit's identity. */
    public String digest() {
        return UnitIdentity.sha256(StratifiedSplit.text(items, splits));
    }

    /** The {@code splits/} table's rows ({@link ProbeTables#SPLITS}). */
    public List<Row> rows() {
        return ProbeTables.splitRows(items, splits);
    }
}
