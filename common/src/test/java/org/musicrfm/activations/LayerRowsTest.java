package org.musicrfm.activations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musicrfm.dataset.LabelColumn;

/** The datasets a layer's probed rows come from: distinct, sorted, rows without the label left out. */
class LayerRowsTest {

    @TempDir
    Path tmp;

    private static final Schema SCHEMA = ActivationSchema.of(List.of(LabelColumn.optional("key", String.class)),
            false);

    @Test
    void datasetsAreTheDistinctNamesOfTheProbedRows() throws Exception {
        Path table = tmp.resolve("mixed");
        write(table, List.of("syntheory", "musicbench", "syntheory", "other"), List.of("C", "D", "E", ""));
        LayerRows rows = LayerRows.read(table, "keys", 0, "mean", "key");

        assertThat(rows.clipIds()).containsExactly("clip0", "clip1", "clip2");
        assertThat(rows.datasets()).containsExactly("musicbench", "syntheory");
    }

    @Test
    void datasetNamesAreNotPartOfTheRowsDigest() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        write(a, List.of("syntheory", "syntheory"), List.of("C", "D"));
        write(b, List.of("renamed", "renamed"), List.of("C", "D"));
        LayerRows ra = LayerRows.read(a, "keys", 0, "mean", "key");
        LayerRows rb = LayerRows.read(b, "keys", 0, "mean", "key");

        assertThat(ra.datasets()).containsExactly("syntheory");
        assertThat(rb.datasets()).containsExactly("renamed");
        assertThat(ra.digest()).isEqualTo(rb.digest());
    }

    /** One row per dataset name, labelled in order ({@code ""}: a null label). */
    private static void write(Path table, List<String> datasets, List<String> keys) throws Exception {
        List<GenericRecord> recs = new ArrayList<>();
        for (int i = 0; i < datasets.size(); i++) {
            GenericRecord rec = new GenericData.Record(SCHEMA);
            rec.put("clip_id", "clip" + i);
            rec.put("dataset", datasets.get(i));
            rec.put("key", keys.get(i).isEmpty() ? null : keys.get(i));
            rec.put("pooling", "mean");
            rec.put("vector", List.of(1f, (float) i));
            rec.put("model_fingerprint", "x");
            recs.add(rec);
        }
        ActivationFiles.write(ActivationFiles.partition(table, "keys", 0).resolve("part.parquet"), SCHEMA, recs);
    }
}
