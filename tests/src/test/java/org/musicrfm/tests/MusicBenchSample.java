package org.musicrfm.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.musicrfm.audio.Audio;
import org.musicrfm.audio.SampleFormat;
import org.musicrfm.audio.WavFiles;
import org.musicrfm.dataset.MusicKey;

/**
 * A small MusicBench-format sample made by the tests: the three JSON-lines files in the real
 * format and layout ({@code MusicBench_*.json} beside {@code datashare/data/<id>.wav} and
 * {@code datashare/data_aug2/<id>_<j>.wav}), 10 s WAVs synthesized in known keys and tempos, and
 * the real files' quirks: Essentia's mixed spellings and enharmonic ones (Ab = G#, Db = C#),
 * a null bpm, augmented copies (pitch-shifted, tempo-changed, volume-changed), a low keyprob,
 * test A and B naming the same audio, a malformed line and a missing WAV.
 */
final class MusicBenchSample {

    static final int RATE = 16_000;
    static final double SECONDS = 10.0;

    /**
     * One JSON line and its audio.
     *
     * @param bpm       the label (null: MusicBench's bpm is null); the audio is rendered at renderBpm
     * @param volume    amplitude factor (a volume-changed copy)
     * @param written   false for a line whose WAV is missing
     */
    record Line(String file, String location, String source, String tonic, String mode, double keyProb, Double bpm,
                double renderBpm, int beatsPerBar, double volume, boolean written) {

        String expectedKey() {
            return MusicKey.parse(tonic, mode).label();
        }

        String clipId() {
            return location.substring(0, location.length() - ".wav".length());
        }
    }

    static final String TRAIN = "MusicBench_train.json";
    static final String TEST_A = "MusicBench_test_A.json";
    static final String TEST_B = "MusicBench_test_B.json";

    final Path root;
    final List<Line> lines = new ArrayList<>();
    /** 1-based line number of the malformed line in the train file. */
    int malformedLine;
    String missingLocation;

    private MusicBenchSample(Path root) {
        this.root = root;
    }

    static MusicBenchSample write(Path root) throws IOException {
        MusicBenchSample s = new MusicBenchSample(root);
        s.build();
        s.writeFiles();
        return s;
    }

    private void original(String id, String tonic, String mode, double keyProb, Double bpm, int beats) {
        lines.add(new Line(TRAIN, "data/" + id + ".wav", id, tonic, mode, keyProb, bpm, bpm == null ? 96 : bpm, beats,
                1.0, true));
    }

    /** A pitch-shifted copy: labels re-spelled as Essentia would (tonicSpelling), tempo kept. */
    private void pitchCopy(String id, int j, String tonicSpelling) {
        Line o = originalOf(id);
        lines.add(new Line(TRAIN, "data_aug2/" + id + "_" + j + ".wav", id, tonicSpelling, o.mode(), o.keyProb(),
                o.bpm(), o.renderBpm(), o.beatsPerBar(), 1.0, true));
    }

    private void tempoCopy(String id, int j, double factor) {
        Line o = originalOf(id);
        double bpm = Math.round(o.renderBpm() * factor * 10) / 10.0;
        lines.add(new Line(TRAIN, "data_aug2/" + id + "_" + j + ".wav", id, o.tonic(), o.mode(), o.keyProb(),
                o.bpm() == null ? null : bpm, bpm, o.beatsPerBar(), 1.0, true));
    }

    private void volumeCopy(String id, int j, double volume) {
        Line o = originalOf(id);
        lines.add(new Line(TRAIN, "data_aug2/" + id + "_" + j + ".wav", id, o.tonic(), o.mode(), o.keyProb(), o.bpm(),
                o.renderBpm(), o.beatsPerBar(), volume, true));
    }

    private Line originalOf(String id) {
        return lines.stream().filter(l -> l.location().equals("data/" + id + ".wav")).findFirst().orElseThrow();
    }

    private void build() {
        original("-0SdAVK79lg", "Ab", "minor", 0.89, 112.0, 4);
        pitchCopy("-0SdAVK79lg", 1, "A");
        tempoCopy("-0SdAVK79lg", 2, 1.1);
        volumeCopy("-0SdAVK79lg", 3, 0.5);
        original("odzi_VK8m3k", "Db", "major", 0.75, null, 4);  // bpm null in MusicBench
        pitchCopy("odzi_VK8m3k", 1, "C");
        volumeCopy("odzi_VK8m3k", 2, 0.7);
        original("xN9tKWgXLI4", "C#", "major", 0.80, 90.0, 3);  // same key as Db major
        pitchCopy("xN9tKWgXLI4", 1, "D#");                      // Eb major, spelled with a sharp
        original("ckOe-8qdaew", "Gb", "minor", 0.20, 140.0, 4); // low keyprob
        tempoCopy("ckOe-8qdaew", 1, 0.9);
        original("h7ty6D1LunA", "F#", "minor", 0.70, 100.0, 4);
        pitchCopy("h7ty6D1LunA", 1, "E");
        original("sUjAb0SfppQ", "E", "major", 0.60, 67.0, 2);
        pitchCopy("sUjAb0SfppQ", 1, "G");
        original("a1b2c3d4e5f", "Bb", "major", 0.90, 120.0, 4);
        original("Zz9_Yy8-Xx7", "G", "minor", 0.85, 80.0, 3);
        pitchCopy("Zz9_Yy8-Xx7", 1, "Ab");
        original("Qq1Ww2Ee3Rr", "D", "minor", 0.95, 150.0, 4);
        original("Mm5Nn6Bb7Vv", "F", "major", 0.66, 105.0, 4);
        missingLocation = "data/missingWav0.wav";
        lines.add(new Line(TRAIN, missingLocation, "missingWav0", "C", "major", 0.9, 120.0, 120, 4, 1.0, false));
        for (String file : List.of(TEST_A, TEST_B)) { // test A and B hold the same audio
            lines.add(new Line(file, "data/tEsTaAaAaA1.wav", "tEsTaAaAaA1", "Eb", "major", 0.9, 110.0, 110, 4, 1.0,
                    file.equals(TEST_A)));
            lines.add(new Line(file, "data/tEsTbBbBbB2.wav", "tEsTbBbBbB2", "B", "minor", 0.9, 130.0, 130, 4, 1.0,
                    file.equals(TEST_A)));
        }
    }

    /** The lines that become rows: written audio, first occurrence of each location. */
    List<Line> clips() {
        List<Line> out = new ArrayList<>();
        for (Line l : lines) {
            if (l.written() && out.stream().noneMatch(o -> o.location().equals(l.location()))) {
                out.add(l);
            }
        }
        return out;
    }

    private void writeFiles() throws IOException {
        Path audio = root.resolve("datashare");
        for (String file : List.of(TRAIN, TEST_A, TEST_B)) {
            List<String> json = new ArrayList<>();
            for (Line l : lines) {
                if (!l.file().equals(file)) {
                    continue;
                }
                json.add(json(l, file.equals(TEST_B)));
                if (file.equals(TRAIN) && json.size() == 6) {
                    json.add("{\"dataset\": \"MusicBench\", \"location\": \"data/truncated.wav\", \"main_caption\": \"cut");
                    malformedLine = json.size();
                }
            }
            Files.createDirectories(root);
            Files.write(root.resolve(file), json);
        }
        for (Line l : lines) {
            if (l.written()) {
                Path wav = audio.resolve(l.location());
                Files.createDirectories(wav.getParent());
                WavFiles.write(wav, render(MusicKey.pitchClass(l.tonic()), l.mode(), l.renderBpm(), l.beatsPerBar(),
                        l.volume()), SampleFormat.PCM_16);
            }
        }
    }

    private static String json(Line l, boolean controlSentences) {
        String key = l.tonic() + " " + l.mode();
        String bpm = l.bpm() == null ? "null" : String.format(Locale.ROOT, "%.1f", l.bpm());
        StringBuilder times = new StringBuilder();
        StringBuilder positions = new StringBuilder();
        double period = 60.0 / l.renderBpm();
        for (int k = 0; k * period < SECONDS; k++) {
            times.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", 0.1 + k * period));
            positions.append(k == 0 ? "" : ", ").append(k % l.beatsPerBar() + 1);
        }
        String caption = "A synthesized chord pulse in " + key + (controlSentences ? ". The key is " + key + "." : ".");
        return "{\"dataset\": \"MusicBench\", \"location\": \"" + l.location() + "\", \"main_caption\": \"" + caption
                + "\", \"alt_caption\": \"A chord pulse.\", \"prompt_aug\": \""
                + (l.volume() != 1.0 ? "The volume is lower." : "") + "\", \"prompt_ch\": \"The chord is "
                + l.tonic() + ".\", \"prompt_bt\": \"The beat counts to " + l.beatsPerBar() + ".\", \"prompt_bpm\": \""
                + (l.bpm() == null ? "" : "The bpm is " + bpm + ".") + "\", \"prompt_key\": \"The key of this song is "
                + key + ".\", \"beats\": [[" + times + "], [" + positions + "]], \"bpm\": " + bpm
                + ", \"chords\": [\"" + l.tonic() + (l.mode().equals("minor") ? "m" : "") + "\"], \"chords_time\": [0.1],"
                + " \"key\": [\"" + l.tonic() + "\", \"" + l.mode() + "\"], \"keyprob\": [" + l.keyProb() + "],"
                + " \"is_audioset_eval_mcaps\": " + l.file().contains("test") + "}";
    }

    /**
     * 10 s of a chord pulse: on every beat a plucked tonic triad (MIDI 60 + pc upwards, the tonic loudest
     * so that it is the most salient pitch), decaying in 40 ms so that one onset marks each beat;
     * downbeats accented.
     */
    static Audio render(int tonic, String mode, double bpm, int beatsPerBar, double volume) {
        int n = (int) Math.round(SECONDS * RATE);
        float[] x = new float[n];
        double period = 60.0 / bpm;
        int third = mode.equals("minor") ? 3 : 4;
        double[][] notes = {{60 + tonic, 0.5}, {60 + tonic + third, 0.15}, {60 + tonic + 7, 0.15}};
        for (int k = 0; 0.1 + k * period < SECONDS; k++) {
            int start = (int) Math.round((0.1 + k * period) * RATE);
            double accent = k % beatsPerBar == 0 ? 1.0 : 0.7;
            int len = (int) Math.min(n - start, Math.round(period * RATE));
            for (double[] note : notes) {
                double f = 440.0 * Math.pow(2, (note[0] - 69) / 12.0);
                for (int i = 0; i < len; i++) {
                    double t = i / (double) RATE;
                    double env = Math.min(1.0, t / 0.003) * Math.exp(-t / 0.04);
                    double w = Math.sin(2 * Math.PI * f * t) + 0.5 * Math.sin(4 * Math.PI * f * t)
                            + 0.25 * Math.sin(6 * Math.PI * f * t);
                    x[start + i] += (float) (volume * accent * note[1] * env * w * 0.8);
                }
            }
        }
        return new Audio(x, RATE, 1);
    }
}
