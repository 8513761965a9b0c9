package org.musicrfm.rfm.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.musicrfm.audio.SoundFonts;
import org.musicrfm.dataset.Concept;
import org.musicrfm.features.FeatureLayers;
import org.musicrfm.features.FeatureSet;
import org.musicrfm.features.SynTheoryFeatures;
import org.musicrfm.rfm.ProbabilityMode;
import org.musicrfm.rfm.backend.AgopPlan;
import org.musicrfm.rfm.backend.CpuBackend;
import org.musicrfm.rfm.linalg.Blas;
import org.musicrfm.rfm.linalg.FlopCounter;
import org.musicrfm.rfm.linalg.Mat;
import org.musicrfm.rfm.linalg.Parallel;
import org.musicrfm.rfm.linalg.Precision;
import org.musicrfm.rfm.search.HalvingSchedule;
import org.musicrfm.rfm.search.LayerData;
import org.musicrfm.rfm.search.LayerSearch;
import org.musicrfm.rfm.search.ProbeSearch;
import org.musicrfm.rfm.probe.ProbeTargets;
import org.musicrfm.rfm.search.SearchComparison;
import org.musicrfm.rfm.search.SearchMode;
import org.musicrfm.rfm.search.SearchPlan;
import org.musicrfm.rfm.search.SearchSpace;
import org.musicrfm.rfm.search.TrialResult;

/**
 * Probe-search benchmark (not a test). Two modes:
 *
 * <ul>
 *   <li>{@code quality}: renders SynTheory subsets (notes, chords, tempos) with Gervill, computes
 *       three model-free feature sets, and runs the exhaustive search of shared draws and the
 *       halving search side by side per feature set; prints per target the selected trials, their
 *       validation/test scores, and flops and seconds of each search.</li>
 *   <li>{@code timing}: one synthetic 12-class layer (12 one-vs-rest targets + multiclass, as
 *       notes) searched by the original per-target search ({@code full}) and by {@code asha},
 *       interleaved A/B, flops counted and wall time.</li>
 * </ul>
 *
 * usage: SearchBenchmark quality [--concepts notes,chords,tempos] [--count N] [--dim D] [--trials T] [--iters I] [--rungs 0,1,3,7,15] [--eta 3]
 *        SearchBenchmark timing [--n N] [--d D] [--trials T] [--iters I] [--reps R]
 */
public final class SearchBenchmark {

    private SearchBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new java.util.HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Locale.setDefault(Locale.ROOT);
        System.out.println("# " + Blas.implementation() + ", " + Parallel.shared().threads() + " threads, args "
                + String.join(" ", args));
        if (args[0].equals("quality")) {
            quality(o);
        } else {
            timing(o);
        }
    }

    private static void quality(Map<String, String> o) throws Exception {
        int count = Integer.parseInt(o.getOrDefault("count", "600"));
        int dim = Integer.parseInt(o.getOrDefault("dim", "512"));
        int trials = Integer.parseInt(o.getOrDefault("trials", "27"));
        int iters = Integer.parseInt(o.getOrDefault("iters", "15"));
        int eta = Integer.parseInt(o.getOrDefault("eta", "3"));
        int rate = Integer.parseInt(o.getOrDefault("rate", "8000"));
        HalvingSchedule schedule = o.containsKey("rungs") ? HalvingSchedule.parse(o.get("rungs"), eta, iters)
                : new HalvingSchedule(HalvingSchedule.standard(iters).rungs(), eta);
        CpuBackend backend = new CpuBackend(Precision.FLOAT32, Parallel.shared());
        ProbeSearch.Settings settings = new ProbeSearch.Settings(iters, null, ProbabilityMode.SOFTMAX, false, false);
        SearchPlan full = new SearchPlan(SearchMode.SHARED, HalvingSchedule.exhaustive(iters), AgopPlan.Method.AUTO, 0);
        SearchPlan asha = new SearchPlan(SearchMode.ASHA, schedule, AgopPlan.Method.AUTO,
                Integer.parseInt(o.getOrDefault("agop-sample", "0")));
        javax.sound.midi.Soundbank bank = SoundFonts.loadShared(SoundFonts.DEFAULT_PATH.toString());
        System.out.println("# schedule " + schedule + ", trials " + trials + ", iters " + iters + ", dim " + dim);
        long refFlops = 0;
        long fastFlops = 0;
        double refWall = 0;
        double fastWall = 0;
        int within = 0;
        int targets = 0;
        double worstVal = 0;
        double worstTest = 0;
        List<Concept> which = java.util.Arrays.stream(o.getOrDefault("concepts", "notes,chords,tempos").split(","))
                .map(Concept::parse).toList();
        for (Concept concept : which) {
            boolean regression = concept == Concept.TEMPOS;
            long t0 = System.nanoTime();
            SynTheoryFeatures.Clips clips = SynTheoryFeatures.render(concept, count, regression ? 3.0 : 1.0, rate,
                    bank, 1, Parallel.shared().threads());
            FeatureLayers layers = new FeatureLayers(clips, regression, 0);
            int[] n = layers.sizes();
            System.out.printf("## %s: %d clips (%d silent left out), train/val/test %d/%d/%d, rendered in %.1f s%n",
                    concept.id(), clips.clipIds().size(), clips.silent(), n[0], n[1], n[2],
                    (System.nanoTime() - t0) / 1e9);
            for (FeatureSet set : FeatureSet.values()) {
                LayerData data = layers.layer(backend, set, dim, set == FeatureSet.RHYTHM, 77);
                SearchComparison.Result r = SearchComparison.run(backend, settings, full, asha, 5, concept.id(),
                        set.ordinal(), trials, SearchSpace.paper(), data, layers.targets());
                System.out.println("| concept | features | target | metric | full: trial/iter | val | test | asha: "
                        + "trial/iter/rung | val | test | val gap | test gap | flops full | flops asha |");
                for (SearchComparison.Outcome x : r.outcomes()) {
                    boolean ok = Math.abs(x.valGap()) <= 0.005 && Math.abs(x.testGap()) <= 0.005;
                    within += ok ? 1 : 0;
                    targets++;
                    worstVal = Math.max(worstVal, x.valGap());
                    worstTest = Math.max(worstTest, Math.abs(x.testGap()));
                    System.out.printf("| %s | %s | %s | %s | %d/%d | %.4f | %.4f | %d/%d/%d | %.4f | %.4f | %.4f | "
                                    + "%.4f | %.3g | %.3g |%s%n", concept.id(), set.name().toLowerCase(), x.target(),
                            x.metric().name().toLowerCase(), x.reference().task().trial(), x.reference().bestIter(),
                            x.reference().val().get(x.metric()), x.reference().test().get(x.metric()),
                            x.fast().task().trial(), x.fast().bestIter(), x.fast().stopRung(),
                            x.fast().val().get(x.metric()), x.fast().test().get(x.metric()), x.valGap(), x.testGap(),
                            (double) x.referenceFlops(), (double) x.fastFlops(), ok ? "" : " ✗");
                }
                System.out.printf("%s/%s: flops %.3g vs %.3g (%.1fx), wall %.1f s vs %.1f s (%.1fx)%n", concept.id(),
                        set, (double) r.referenceFlops(), (double) r.fastFlops(),
                        r.referenceFlops() / (double) r.fastFlops(), r.referenceWallSeconds(), r.fastWallSeconds(),
                        r.referenceWallSeconds() / r.fastWallSeconds());
                refFlops += r.referenceFlops();
                fastFlops += r.fastFlops();
                refWall += r.referenceWallSeconds();
                fastWall += r.fastWallSeconds();
            }
        }
        System.out.printf("TOTAL: %d/%d targets within 0.005 on val and test; worst val gap %.4f, worst |test gap| "
                        + "%.4f; flops %.3g vs %.3g (%.1fx); wall %.1f s vs %.1f s (%.1fx)%n", within, targets,
                worstVal, worstTest, (double) refFlops, (double) fastFlops, refFlops / (double) fastFlops, refWall,
                fastWall, refWall / fastWall);
    }

    /** A seeded 12-class problem with planted low-rank structure. */
    private static int[][] labels(Mat[] x, SplittableRandom r, int classes) {
        int d = x[0].cols();
        double[][] u = new double[2][d];
        for (double[] row : u) {
            for (int k = 0; k < d; k++) {
                row[k] = r.nextDouble() * 2 - 1;
            }
        }
        int[][] out = new int[3][];
        for (int s = 0; s < 3; s++) {
            out[s] = new int[x[s].rows()];
            for (int i = 0; i < x[s].rows(); i++) {
                double a = 0;
                double b = 0;
                for (int k = 0; k < d; k++) {
                    a += u[0][k] * x[s].get(i, k);
                    b += u[1][k] * x[s].get(i, k);
                }
                double angle = Math.atan2(b, a) + 0.3 * r.nextGaussian();
                out[s][i] = Math.floorMod((int) Math.floor((angle + Math.PI) / (2 * Math.PI) * classes), classes);
            }
        }
        return out;
    }

    private static void timing(Map<String, String> o) {
        int n = Integer.parseInt(o.getOrDefault("n", "1000"));
        int d = Integer.parseInt(o.getOrDefault("d", "256"));
        int trials = Integer.parseInt(o.getOrDefault("trials", "9"));
        int iters = Integer.parseInt(o.getOrDefault("iters", "15"));
        int reps = Integer.parseInt(o.getOrDefault("reps", "2"));
        int classes = 12;
        SplittableRandom r = new SplittableRandom(3);
        int[] sizes = {n, n * 15 / 70, n * 15 / 70};
        Mat[] x = new Mat[3];
        for (int s = 0; s < 3; s++) {
            x[s] = Mat.zeros(sizes[s], d, Precision.FLOAT32);
            for (int k = 0; k < x[s].size(); k++) {
                x[s].put(k, r.nextDouble() * 2 - 1);
            }
        }
        int[][] y = labels(x, r, classes);
        CpuBackend backend = new CpuBackend(Precision.FLOAT32, Parallel.shared());
        LayerData data = LayerData.prepare(backend, x[0], x[1], x[2], true);
        List<LayerSearch.Target> targets = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            targets.add(new LayerSearch.Target(String.valueOf(c), ProbeTargets.binary(y[0], y[1], y[2], c)));
        }
        targets.add(new LayerSearch.Target("*", ProbeTargets.multiclass(y[0], y[1], y[2], classes)));
        ProbeSearch.Settings settings = new ProbeSearch.Settings(iters, null, ProbabilityMode.SOFTMAX, false, false);
        System.out.printf("# one layer: n = %d train, %d val, %d test, d = %d, %d targets, %d trials, %d iterations%n",
                sizes[0], sizes[1], sizes[2], d, targets.size(), trials, iters);
        for (int rep = 0; rep < reps; rep++) {
            for (String mode : List.of("full", "asha")) {
                FlopCounter fc = new FlopCounter();
                long t0 = System.nanoTime();
                double[] cpu0 = cpuSeconds();
                int fits = 0;
                try (FlopCounter.Scope s = fc.open()) {
                    if (mode.equals("full")) {
                        ProbeSearch ps = new ProbeSearch(backend, settings);
                        for (LayerSearch.Target t : targets) {
                            for (TrialResult tr : ps.search(5, "bench", t.name(), 0, trials, SearchSpace.paper(), data,
                                    t.targets())) {
                                fits += tr.stopRung() + 1;
                            }
                        }
                    } else {
                        Map<String, List<TrialResult>> res = new LayerSearch(backend, settings,
                                SearchPlan.asha(iters)).search(5, "bench", 0, trials, SearchSpace.paper(), data,
                                targets);
                        for (List<TrialResult> l : res.values()) {
                            for (TrialResult tr : l) {
                                fits += tr.stopRung() + 1;
                            }
                        }
                    }
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                double cpu = cpuSeconds()[0] - cpu0[0];
                System.out.printf("rep %d %-4s: %.3e flops, %.3e kernel entries, %d scored fits, wall %.1f s, "
                                + "process cpu %.1f s, load %.2f%n", rep, mode, (double) fc.flops(),
                        (double) fc.kernelEntries(), fits, wall, cpu,
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        }
    }

    private static double[] cpuSeconds() {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        return new double[] {os.getProcessCpuTime() / 1e9};
    }
}
