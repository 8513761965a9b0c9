package org.musicrfm.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sound.midi.Soundbank;
import org.musicrfm.audio.Audio;
import org.musicrfm.audio.MidiRenderer;
import org.musicrfm.audio.SoundFonts;
import org.musicrfm.dataset.ClipSeeds;
import org.musicrfm.dataset.ClipSpec;
import org.musicrfm.dataset.Concept;
import org.musicrfm.dataset.ConceptGenerator;
import org.musicrfm.dataset.StratifiedSubset;
import org.musicrfm.dataset.SynTheory;
import org.musicrfm.dataset.SynTheoryClipWriter;

/**
 * Rendering throughput per concept (seconds of kept audio per CPU-second, 32 kHz mono) and the
 * projected time for the whole dataset; with {@code --silent-notes}, renders every notes clip and
 * counts the silent ones. Prints Markdown for docs/benchmarks.md. Run with bench/render.sh.
 */
public final class RenderBenchmark {

    public static void main(String[] args) throws Exception {
        int perConcept = args.length > 0 ? Integer.parseInt(args[0]) : 24;
        Soundbank sf = SoundFonts.load(SoundFonts.DEFAULT_PATH.toString());
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int cores = Runtime.getRuntime().availableProcessors();

        if (perConcept > 0) {
            timeConcepts(sf, perConcept, mx, cores);
        }
        lists(sf, cores, args);
    }

    private static void timeConcepts(Soundbank sf, int perConcept, ThreadMXBean mx, int cores) throws Exception {
        System.out.println("| concept | clips timed | audio s / CPU s | CPU s / clip | clips in dataset | projected wall time on " + cores + " cores |");
        System.out.println("|---|---|---|---|---|---|");
        double totalWall = 0;
        for (Concept c : Concept.values()) {
            ConceptGenerator g = SynTheory.generator(c);
            List<ClipSpec> sample = StratifiedSubset.select(g.specs().toList(), c.probedLabel(), 1L, perConcept);
            MidiRenderer r = new MidiRenderer(sf, 32_000, 1);
            r.render(g.midi(sample.get(0), 0)); // warm-up
            long cpu0 = mx.getCurrentThreadCpuTime();
            double audioSeconds = 0;
            for (ClipSpec s : sample) {
                audioSeconds += r.render(g.midi(s, ClipSeeds.seed(0, s.clipId()))).seconds();
            }
            double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
            double perClip = cpu / sample.size();
            double wall = perClip * g.count() / cores;
            totalWall += wall;
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.3f | %,d | %.1f min |%n", c.id(), sample.size(),
                    audioSeconds / cpu, perClip, g.count(), wall / 60);
        }
        System.out.printf(Locale.ROOT, "| **all** | | | | 104,585 | **%.1f h** |%n", totalWall / 3600);
    }

    /** {@code --silent-notes}, {@code --silent-notes-programs=…}, {@code --pitch}. */
    private static void lists(Soundbank sf, int cores, String[] args) throws Exception {
        boolean silentNotes = List.of(args).contains("--silent-notes");
        if (silentNotes) {
            countSilentNotes(sf, cores, java.util.Set.of());
        }
        for (String a : args) {
            if (a.startsWith("--silent-notes-programs=")) { // e.g. =10,56,67,68: only those instruments
                java.util.Set<Integer> programs = new java.util.TreeSet<>();
                for (String p : a.substring(a.indexOf('=') + 1).split(",")) {
                    programs.add(Integer.parseInt(p.trim()));
                }
                countSilentNotes(sf, cores, programs);
            }
        }
        if (List.of(args).contains("--pitch")) {
            pitchAccuracy(sf, 36, 96);
            pitchAccuracy(sf, 0, 107);
        }
    }

    /** Pitch-class accuracy of the model-free estimator on 3 notes per instrument within [low, high]. */
    private static void pitchAccuracy(Soundbank sf, int low, int high) throws Exception {
        ConceptGenerator g = SynTheory.generator(Concept.NOTES);
        int instruments = 92;
        int octaves = (high - low + 1) / 12;
        int correct = 0;
        int counted = 0;
        MidiRenderer r = new MidiRenderer(sf, 32_000, 1);
        for (int i = 0; i < instruments; i++) {
            for (int k = 0; k < 3; k++) {
                int pc = (5 * i + 7 * k) % 12;
                int midi = low + 12 * ((i + 2 * k) % octaves) + Math.floorMod(pc - low, 12);
                if (midi > high) {
                    midi -= 12;
                }
                ClipSpec s = g.spec(midi * instruments + i);
                Audio a = r.render(g.midi(s, 0));
                if (a.peak() < SynTheoryClipWriter.SILENCE_PEAK) {
                    continue;
                }
                counted++;
                if (org.musicrfm.audio.PitchEstimator.pitchClass(a) == (Integer) s.labels().get("root_note_pitch_class")) {
                    correct++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "pitch-class accuracy, MIDI %d-%d: %d/%d = %.3f%n", low, high, correct, counted,
                correct / (double) counted);
    }

    /** Renders the notes clips (of {@code programs} only, when not empty) and lists the silent ones per instrument. */
    private static void countSilentNotes(Soundbank sf, int cores, java.util.Set<Integer> programs) throws Exception {
        ConceptGenerator g = SynTheory.generator(Concept.NOTES);
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        List<Future<ClipSpec>> futures = new ArrayList<>();
        int rendered = 0;
        for (int i = 0; i < g.count(); i++) {
            ClipSpec s = g.spec(i);
            if (!programs.isEmpty() && !programs.contains(((Number) s.labels().get("midi_program_num")).intValue())) {
                continue;
            }
            rendered++;
            futures.add(pool.submit(() -> {
                Audio a = new MidiRenderer(sf, 32_000, 1).render(g.midi(s, 0));
                // The threshold applies to the 16-bit file the job writes.
                float peak = Math.round(a.peak() * 32767.0f) / 32768f;
                return peak < SynTheoryClipWriter.SILENCE_PEAK ? s : null;
            }));
        }
        java.util.SortedMap<String, java.util.SortedSet<Integer>> silent = new java.util.TreeMap<>();
        int count = 0;
        for (Future<ClipSpec> f : futures) {
            ClipSpec s = f.get();
            if (s != null) {
                count++;
                silent.computeIfAbsent(s.labels().get("midi_program_num") + " " + s.labels().get("midi_program_name"),
                        k -> new java.util.TreeSet<>()).add(((Number) s.labels().get("midi_note_val")).intValue());
            }
        }
        pool.shutdown();
        System.out.printf("%nSilent notes clips (peak < %.0e, 16-bit): %d of %d rendered%n",
                SynTheoryClipWriter.SILENCE_PEAK, count, rendered);
        silent.forEach((instrument, notes) -> System.out.printf("  %s: %d clips, MIDI %d-%d%s%n", instrument,
                notes.size(), notes.first(), notes.last(),
                notes.last() - notes.first() + 1 == notes.size() ? "" : " (not contiguous: " + notes + ")"));
    }
}
