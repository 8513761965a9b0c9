package org.musicrfm.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MusicBenchClipTest {

    static MusicBenchEntry entry(String file, int line, String location, MusicKey key, Double keyProb, Double bpm) {
        return new MusicBenchEntry(file, line, MusicBenchReader.subset(file), location, "caption " + line, null, key,
                keyProb, bpm, 4);
    }

    @Test
    void augmentedCopiesShareTheirRecordingsSourceId() {
        Map<String, String> s = MusicBenchSources.assign(List.of(
                "data/-0SdAVK79lg.wav", "data_aug2/-0SdAVK79lg_1.wav", "data_aug2/-0SdAVK79lg_2.wav",
                "data/odzi_VK8m3k.wav",                  // a YouTube id with '_': its own recording
                "data/abcdefgh_12.wav",                  // '_<digits>' in an original's id, nothing else like it
                "data_aug2/zzzzzzzzzzz_3.wav",           // a copy whose original is not listed
                "audio/q.wav", "audio/q_1.wav",          // copy beside its original
                "mix/r_1.wav", "mix/r_2.wav"));          // two copies, no original, no "aug" folder
        assertThat(s.get("data/-0SdAVK79lg.wav")).isEqualTo("-0SdAVK79lg");
        assertThat(s.get("data_aug2/-0SdAVK79lg_1.wav")).isEqualTo("-0SdAVK79lg");
        assertThat(s.get("data_aug2/-0SdAVK79lg_2.wav")).isEqualTo("-0SdAVK79lg");
        assertThat(s.get("data/odzi_VK8m3k.wav")).isEqualTo("odzi_VK8m3k");
        assertThat(s.get("data/abcdefgh_12.wav")).isEqualTo("abcdefgh_12");
        assertThat(s.get("data_aug2/zzzzzzzzzzz_3.wav")).isEqualTo("zzzzzzzzzzz");
        assertThat(s.get("audio/q_1.wav")).isEqualTo("q");
        assertThat(s.get("mix/r_1.wav")).isEqualTo("r");
        assertThat(s.get("mix/r_2.wav")).isEqualTo("r");
    }

    @Test
    void theFirstLineOfAnAudioFileWinsAndDuplicatesAreReturned() {
        MusicKey c = MusicKey.parse("C", "major");
        MusicBenchClip.Selection sel = MusicBenchClip.select(List.of(
                entry("MusicBench_test_A.json", 1, "data/t1.wav", c, 0.9, 100.0),
                entry("MusicBench_test_B.json", 1, "data/t1.wav", c, 0.9, 100.0),
                entry("MusicBench_test_B.json", 2, "./data/t2.wav", c, 0.9, 100.0)));
        assertThat(sel.clips()).extracting(MusicBenchClip::clipId).containsExactly("data/t1", "data/t2");
        assertThat(sel.clips().get(0).entry().subset()).isEqualTo("test_A");
        assertThat(sel.duplicates()).hasSize(1);
        assertThat(sel.duplicates().get(0).subset()).isEqualTo("test_B");
    }

    @Test
    void keyLabelsBelowTheKeyprobThresholdAreLeftOutButTempoStays() {
        MusicBenchClip confident = MusicBenchClip.select(List.of(
                entry("MusicBench_train.json", 1, "data/a.wav", MusicKey.parse("Gb", "minor"), 0.8, 96.0)))
                .clips().get(0);
        MusicBenchClip weak = MusicBenchClip.select(List.of(
                entry("MusicBench_train.json", 2, "data/b.wav", MusicKey.parse("Gb", "minor"), 0.3, null)))
                .clips().get(0);
        List<String> columns = new ArrayList<>(MusicBenchClip.LABELS.keySet());
        assertThat(columns).containsExactly("key", "tonic", "mode", "bpm", "beat_count", "keyprob", "source_id",
                "subset");
        assertThat(confident.labelValues(0.5)).isEqualTo(Arrays.asList("F# minor", "F#", "minor", 96.0, 4, 0.8, "a",
                "train"));
        assertThat(weak.labelValues(0.5)).isEqualTo(Arrays.asList(null, null, null, null, 4, 0.3, "b", "train"));
        assertThat(weak.labelValues(0.0)).isEqualTo(Arrays.asList("F# minor", "F#", "minor", null, 4, 0.3, "b",
                "train"));
        assertThat(weak.hasTrustedKey(0.3)).isTrue();
        assertThat(weak.hasTrustedKey(0.31)).isFalse();
    }
}
