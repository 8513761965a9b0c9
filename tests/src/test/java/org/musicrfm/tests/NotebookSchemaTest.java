package org.musicrfm.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.musicrfm.dataset.Concept;
import org.musicrfm.dataset.SynTheoryMetadata;
import org.musicrfm.jobs.syntheory.SynTheoryJob;
import org.musicrfm.jobs.syntheory.SynTheoryJobConfig;

/** The analysis notebook stays valid and true to the metadata table's schema. */
class NotebookSchemaTest {

    @Test
    void notebookReadsOnlyColumnsTheJobWrites() throws Exception {
        Path nb = Path.of("..", "notebooks", "syntheory_metadata.ipynb");
        JsonObject json = JsonParser.parseString(Files.readString(nb)).getAsJsonObject();
        assertThat(json.get("nbformat").getAsInt()).isEqualTo(4);
        StringBuilder code = new StringBuilder();
        for (JsonElement cell : json.getAsJsonArray("cells")) {
            if (cell.getAsJsonObject().get("cell_type").getAsString().equals("code")) {
                cell.getAsJsonObject().getAsJsonArray("source").forEach(l -> code.append(l.getAsString()));
            }
        }
        StructType schema = SynTheoryMetadata.schema(SynTheoryJob.select(
                SynTheoryJobConfig.defaults(List.of(Concept.values()), "unused")).stream()
                .filter(s -> s.index() == 0).toList());
        List<String> fields = List.of(schema.fieldNames());

        List<String> used = new ArrayList<>(quoted(code, "COLUMNS = \\[([^\\]]*)\\]"));
        Matcher probed = Pattern.compile("'(\\w+)': '(\\w+)'").matcher(code);
        while (probed.find()) {
            assertThat(probed.group(1)).isIn(List.of(Concept.values()).stream().map(Concept::id).toList());
            used.add(probed.group(2));
        }
        assertThat(used).contains("concept", "bpm", "chord_progression");
        assertThat(fields).containsAll(used);
    }

    private static List<String> quoted(CharSequence text, String listPattern) {
        Matcher m = Pattern.compile(listPattern).matcher(text);
        assertThat(m.find()).as(listPattern).isTrue();
        List<String> out = new ArrayList<>();
        Matcher q = Pattern.compile("'(\\w+)'").matcher(m.group(1));
        while (q.find()) {
            out.add(q.group(1));
        }
        return out;
    }
}
