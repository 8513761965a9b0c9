package org.musicrfm.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.musicrfm.audio.TempoEstimator;
import org.musicrfm.dataset.Concept;
import org.musicrfm.eval.ChordQualityMatch;
import org.musicrfm.eval.KeyEstimator;
import org.musicrfm.eval.PitchClassDistribution;
import org.musicrfm.eval.Renders;
import org.musicrfm.eval.TempoError;

/**
 * Accuracy of the model-free musical metrics on SynTheory renders with known labels: pitch class
 * of notes, root of scales, chord quality and root of chords, key of chord progressions, tempo per
 * click configuration. Prints Markdown for docs/benchmarks.md. Run with bench/musical-metrics.sh.
 */
public final class MusicalMetricsBenchmark {

    public static void main(String[] args) throws Exception {
        int perConcept = args.length > 0 ? Integer.parseInt(args[0]) : 96;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        System.out.println("| concept | check | clips (non-silent) | correct | accuracy | notes |");
        System.out.println("|---|---|---|---|---|---|");
        tonal(perConcept, threads);
        System.out.println();
        System.out.println("| click configuration | clips | within 2 BPM | Acc1 (4 %) | Acc2 (octaves) | mean abs. error (BPM) | misses (target → estimate) |");
        System.out.println("|---|---|---|---|---|---|---|");
        int[] bpms = new int[17];
        for (int i = 0; i < bpms.length; i++) {
            bpms[i] = 50 + 10 * i;
        }
        for (String click : List.of("default", "woodblock_dark", "woodblock_light", "taiko", "synth_drum")) {
            List<Renders.Rendered> clips = Renders.render(Renders.tempos(click, bpms, 0), threads);
            double[] est = new double[clips.size()];
            double[] tgt = new double[clips.size()];
            int within = 0;
            List<String> misses = new ArrayList<>();
            for (int i = 0; i < clips.size(); i++) {
                tgt[i] = ((Number) clips.get(i).label("bpm")).doubleValue();
                est[i] = TempoEstimator.bpm(clips.get(i).audio());
                if (Math.abs(est[i] - tgt[i]) <= 2) {
                    within++;
                } else {
                    misses.add(String.format(Locale.ROOT, "%.0f → %.1f", tgt[i], est[i]));
                }
                if (Double.isNaN(est[i])) {
                    est[i] = 0;
                }
            }
            TempoError.Result r = TempoError.of(est, tgt, TempoError.DEFAULT_TOLERANCE);
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %.3f | %.3f | %.2f | %s |%n", click, clips.size(), within,
                    r.acc1(), r.acc2(), r.meanAbsolute(), misses.isEmpty() ? "—" : String.join(", ", misses));
        }
    }

    private static void tonal(int n, int threads) throws Exception {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (Renders.Rendered r : Renders.render(Renders.sample(Concept.NOTES, n, 1L), threads)) {
            if (r.silent()) {
                continue;
            }
            PitchClassDistribution p = PitchClassDistribution.of(r.audio());
            int pc = (Integer) r.label("root_note_pitch_class");
            count(counts, "notes|top pitch class = label", p.top() == pc);
            count(counts, "notes|label in top 2", p.rank(pc) <= 2);
        }
        for (Renders.Rendered r : Renders.render(Renders.sample(Concept.SCALES, n, 1L), threads)) {
            if (r.silent()) {
                continue;
            }
            PitchClassDistribution p = PitchClassDistribution.of(r.audio());
            int root = Renders.PITCH_NAMES.indexOf((String) r.label("root_note_name"));
            org.musicrfm.dataset.Mode mode = org.musicrfm.dataset.Mode.valueOf(((String) r.label("mode")).toUpperCase());
            int found = 0;
            for (int k = 0; k < 7; k++) {
                found += p.rank((root + mode.offset(k)) % 12) <= 7 ? 1 : 0;
            }
            count(counts, "scales|the mode's 7 pitch classes are the 7 most prominent", found == 7);
        }
        for (Renders.Rendered r : Renders.render(Renders.sample(Concept.CHORDS, n, 1L), threads)) {
            if (r.silent()) {
                continue;
            }
            ChordQualityMatch.Match m = ChordQualityMatch.of(PitchClassDistribution.of(r.audio()));
            ChordQualityMatch.Quality q = ChordQualityMatch.Quality.parse((String) r.label("chord_type"));
            count(counts, "chords|quality = chord_type", m.quality() == q);
            count(counts, "chords|quality and root (root mod 4 for aug)", m.quality() == q
                    && (q == ChordQualityMatch.Quality.AUGMENTED ? (m.root() - (Integer) r.label("root_note_pitch_class")) % 4 == 0
                    : m.root() == (Integer) r.label("root_note_pitch_class")));
        }
        for (Renders.Rendered r : Renders.render(Renders.sample(Concept.CHORD_PROGRESSIONS, n, 1L), threads)) {
            if (r.silent()) {
                continue;
            }
            PitchClassDistribution p = PitchClassDistribution.of(r.audio());
            boolean major = ((String) r.label("chord_progression")).startsWith("ionian");
            int tonic = (Integer) r.label("key_note_pitch_class");
            for (KeyEstimator.Profile prof : KeyEstimator.Profile.values()) {
                KeyEstimator.Key k = KeyEstimator.estimate(p, prof);
                count(counts, "chord_progressions|key (" + prof.name().toLowerCase() + ")", k.tonic() == tonic
                        && k.major() == major);
            }
        }
        counts.forEach((key, c) -> {
            String[] parts = key.split("\\|");
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %.3f | |%n", parts[0], parts[1], c[1], c[0],
                    c[0] / (double) c[1]);
        });
    }

    private static void count(Map<String, int[]> counts, String key, boolean ok) {
        int[] c = counts.computeIfAbsent(key, k -> new int[2]);
        c[0] += ok ? 1 : 0;
        c[1]++;
    }
}
