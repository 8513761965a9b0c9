package org.musicrfm.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MusicBenchReaderTest {

    @TempDir
    Path tmp;

    /** A line as the real files have it (fields in MusicBench's order and shapes). */
    static String line(String location, String tonic, String mode, double keyProb, Double bpm, int beatsPerBar) {
        return "{\"dataset\": \"MusicBench\", \"location\": \"" + location + "\", "
                + "\"main_caption\": \"A calm piano piece in " + tonic + " " + mode + ".\", "
                + "\"alt_caption\": \"Piano.\", \"prompt_aug\": \"\", \"prompt_ch\": \"The chord sequence is C.\", "
                + "\"prompt_bt\": \"The beat counts to " + beatsPerBar + ".\", \"prompt_bpm\": \"\", "
                + "\"prompt_key\": \"This song is in the key of " + tonic + " " + mode + ".\", "
                + "\"beats\": [[0.37, 0.9, 1.46, 2.02], [" + beatsPerBar + ", 1, 2, " + beatsPerBar + "]], "
                + "\"bpm\": " + (bpm == null ? "null" : bpm.toString()) + ", \"chords\": [\"C\"], "
                + "\"chords_time\": [0.46], \"key\": [\"" + tonic + "\", \"" + mode + "\"], "
                + "\"keyprob\": [" + keyProb + "], \"is_audioset_eval_mcaps\": false}";
    }

    @Test
    void readsTheRealFieldsWithLineNumbers() throws Exception {
        Path f = tmp.resolve("MusicBench_train.json");
        Files.write(f, List.of(
                line("data/abc-DEF_12k.wav", "Ab", "minor", 0.89, 112.0, 4),
                "",
                line("data_aug2/abc-DEF_12k_1.wav", "Db", "major", 0.42, null, 3)));
        MusicBenchReader.Result r = MusicBenchReader.read(List.of(f));
        assertThat(r.malformed()).isEmpty();
        assertThat(r.entries()).hasSize(2);
        MusicBenchEntry a = r.entries().get(0);
        assertThat(a.file()).isEqualTo(f.toString());
        assertThat(a.line()).isEqualTo(1);
        assertThat(a.subset()).isEqualTo("train");
        assertThat(a.location()).isEqualTo("data/abc-DEF_12k.wav");
        assertThat(a.key()).isEqualTo(new MusicKey(8, "minor"));
        assertThat(a.keyProb()).isEqualTo(0.89);
        assertThat(a.bpm()).isEqualTo(112.0);
        assertThat(a.beatCount()).isEqualTo(4);
        assertThat(a.caption()).isEqualTo("A calm piano piece in Ab minor.");
        MusicBenchEntry b = r.entries().get(1);
        assertThat(b.line()).isEqualTo(3);
        assertThat(b.key().label()).isEqualTo("C# major");
        assertThat(b.bpm()).isNull();
        assertThat(b.beatCount()).isEqualTo(3);
    }

    @Test
    void malformedLinesAreNamedByFileAndLine() throws Exception {
        Path f = tmp.resolve("MusicBench_test_A.json");
        Files.write(f, List.of(
                line("data/a.wav", "C", "major", 0.9, 120.0, 4),
                "{\"location\": \"data/b.wav\", \"key\": [\"C\", \"major\"]",     // truncated
                "{location: 'data/c.wav'}",                                         // not strict JSON
                "{\"main_caption\": \"no location\"}",
                line("data/d.wav", "H", "major", 0.9, 120.0, 4),                   // unknown tonic
                line("data/e.wav", "C", "major", 0.9, -5.0, 4),                    // negative bpm
                "[1, 2]",
                line("data/f.wav", "C", "major", 0.9, 120.0, 4) + " trailing"));
        MusicBenchReader.Result r = MusicBenchReader.read(List.of(f));
        assertThat(r.entries()).extracting(MusicBenchEntry::location).containsExactly("data/a.wav");
        assertThat(r.malformed()).extracting(MusicBenchReader.Malformed::line).containsExactly(2, 3, 4, 5, 6, 7, 8);
        assertThat(r.malformed()).allSatisfy(m -> assertThat(m.file()).isEqualTo(f.toString()));
        assertThat(r.malformed().get(0).toString()).startsWith(f + ":2: not valid JSON");
        assertThat(r.malformed().get(2).reason()).contains("location");
        assertThat(r.malformed().get(3).reason()).contains("'H'");
        assertThat(r.malformed().get(4).reason()).contains("bpm").contains("-5.0");
        assertThat(r.malformed().get(5).reason()).contains("not a JSON object");
    }

    @Test
    void missingOptionalFieldsAreNulls() throws Exception {
        Path f = tmp.resolve("MusicBench_test_B.json");
        Files.write(f, List.of("{\"location\": \"data/x.wav\", \"bpm\": null, \"key\": [], \"keyprob\": [], \"beats\": []}",
                "{\"location\": \"data/y.wav\", \"keyprob\": 0.5, \"key\": [\"E\", \"major\"]}"));
        MusicBenchReader.Result r = MusicBenchReader.read(List.of(f));
        assertThat(r.malformed()).isEmpty();
        MusicBenchEntry x = r.entries().get(0);
        assertThat(x.key()).isNull();
        assertThat(x.keyProb()).isNull();
        assertThat(x.bpm()).isNull();
        assertThat(x.beatCount()).isNull();
        assertThat(x.subset()).isEqualTo("test_B");
        assertThat(r.entries().get(1).keyProb()).isEqualTo(0.5);
    }

    @Test
    void aMissingFileIsAnErrorNamingIt() {
        Path f = tmp.resolve("MusicBench_nope.json");
        assertThatThrownBy(() -> MusicBenchReader.read(List.of(f))).hasMessageContaining(f.toString());
    }
}
