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
import org.musicrfm.rfm.search.ProbeTask;
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
 *       three model-free feature sets, and runs the full search (or {@code shared}, its exact
 *       sharing) and the halving search of the same draws side by side per feature set; prints per
 *       target the selected trials, their
 *       validation/test scores, and flops and seconds of each search.</li>
 *   <li>{@code timing}: one synthetic 12-class layer (12 one-vs-rest targets + multiclass, as
 *       notes) searched by {@code full} (target by target, as the train job) and by {@code asha},
 *       interleaved A/B, flops counted and wall time.</li>
 * </ul>
 *
 * usage: SearchBenchmark quality [--concepts notes,chords,tempos] [--features mel,chroma,rhythm] [--count N]
 *            [--dim D] [--trials T] [--iters I] [--schedules "0,1,3,7,15/3[/keep[/ties]];…"] [--tsv out.tsv]
 *            [--reference full|shared] [--split TRAIN,VAL]  (fractions; default 0.70,0.15 as the train job)
 *            [--reference-tsv earlier.tsv]  (the reference's selections from an earlier run of the same data)
 *        SearchBenchmark timing [--n N] [--d D] [--trials T] [--iters I] [--reps R] [--schedules "…;…"] [--skip-full 1]
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

    /** "rungs/eta[/keep[/ties]]", e.g. "0,1,3,7,15/3/3/ties". */
    static HalvingSchedule schedule(String spec, int iters) {
        String[] f = spec.split("/");
        HalvingSchedule h = HalvingSchedule.parse(f[0], f.length > 1 ? Integer.parseInt(f[1]) : 3, iters);
        int keep = f.length > 2 ? Integer.parseInt(f[2]) : 1;
        boolean ties = f.length > 3 && f[3].equals("ties");
        HalvingSchedule out = h.withKeep(keep, ties);
        return spec.endsWith("/pool") ? out.withPool(true) : out;
    }

    private static void quality(Map<String, String> o) throws Exception {
        int count = Integer.parseInt(o.getOrDefault("count", "600"));
        int dim = Integer.parseInt(o.getOrDefault("dim", "512"));
        int trials = Integer.parseInt(o.getOrDefault("trials", "27"));
        int iters = Integer.parseInt(o.getOrDefault("iters", "15"));
        int rate = Integer.parseInt(o.getOrDefault("rate", "8000"));
        long seed = Long.parseLong(o.getOrDefault("seed", "5"));
        List<HalvingSchedule> schedules = new ArrayList<>();
        for (String spec : o.getOrDefault("schedules", "0,1,3,7," + iters + "/3").split(";")) {
            schedules.add(schedule(spec, iters));
        }
        String tsvPath = o.get("tsv");
        java.io.PrintWriter tsv = tsvPath == null ? null : new java.io.PrintWriter(
                java.nio.file.Files.newBufferedWriter(java.nio.file.Path.of(tsvPath)));
        if (tsv != null) {
            tsv.println("concept\tfeatures\tschedule\ttarget\tmetric\tref_trial\tref_iter\tref_val\tref_test"
                    + "\tfast_trial\tfast_iter\tfast_rung\tfast_val\tfast_test\tval_gap\ttest_gap\tref_flops"
                    + "\tfast_flops\tref_wall\tfast_wall\tload\tref_trial_fast_rung");
        }
        CpuBackend backend = new CpuBackend(Precision.FLOAT32, Parallel.shared());
        ProbeSearch.Settings settings = new ProbeSearch.Settings(iters, null, ProbabilityMode.SOFTMAX, false, false);
        // the reference: train --search full (independent fits, per-output AGOP) or shared (exact sharing)
        SearchPlan full = "shared".equals(o.getOrDefault("reference", "full"))
                ? SearchPlan.shared(iters) : SearchPlan.full(iters);
        String[] split = o.getOrDefault("split", "0.70,0.15").split(",");
        javax.sound.midi.Soundbank bank = SoundFonts.loadShared(SoundFonts.DEFAULT_PATH.toString());
        System.out.println("# reference " + full.mode() + ", schedules " + schedules + ", trials " + trials + ", iters "
                + iters + ", dim " + dim + ", split " + String.join("/", split));
        List<Concept> which = java.util.Arrays.stream(o.getOrDefault("concepts", "notes,chords,tempos").split(","))
                .map(Concept::parse).toList();
        List<FeatureSet> sets = java.util.Arrays.stream(o.getOrDefault("features", "mel,chroma,rhythm").split(","))
                .map(x -> FeatureSet.valueOf(x.toUpperCase(Locale.ROOT))).toList();
        for (Concept concept : which) {
            boolean regression = concept == Concept.TEMPOS;
            long t0 = System.nanoTime();
            SynTheoryFeatures.Clips clips = SynTheoryFeatures.render(concept, count, regression ? 3.0 : 1.0, rate,
                    bank, 1, Parallel.shared().threads());
            FeatureLayers layers = new FeatureLayers(clips, regression, 0, Double.parseDouble(split[0]),
                    Double.parseDouble(split[1]));
            int[] n = layers.sizes();
            System.out.printf("## %s: %d clips (%d silent left out), train/val/test %d/%d/%d, rendered in %.1f s%n",
                    concept.id(), clips.clipIds().size(), clips.silent(), n[0], n[1], n[2],
                    (System.nanoTime() - t0) / 1e9);
            for (FeatureSet set : sets) {
                LayerData data = layers.layer(backend, set, dim, set == FeatureSet.RHYTHM, 77);
                SearchComparison.Timed ref = o.containsKey("reference-tsv")
                        ? recorded(o.get("reference-tsv"), seed, concept.id(), set, trials, iters, layers.targets())
                        : SearchComparison.search(backend, settings, full, seed, concept.id(), set.ordinal(), trials,
                                SearchSpace.paper(), data, layers.targets());
                for (HalvingSchedule schedule : schedules) {
                    SearchPlan asha = new SearchPlan(SearchMode.ASHA, schedule, AgopPlan.Method.AUTO,
                            Integer.parseInt(o.getOrDefault("agop-sample", "0")));
                    SearchComparison.Timed fast = SearchComparison.search(backend, settings, asha, seed,
                            concept.id(), set.ordinal(), trials, SearchSpace.paper(), data, layers.targets());
                    SearchComparison.Result r = SearchComparison.compare(backend, settings, layers.targets(), ref, fast);
                    double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage();
                    String sched = spec(schedule);
                    System.out.println("### " + concept.id() + "/" + set.name().toLowerCase() + ", " + schedule);
                    System.out.println("| target | metric | full: trial/iter | val | test | asha: trial/iter/rung | val "
                            + "| test | val gap | test gap | flops full | flops asha |");
                    int within = 0;
                    for (SearchComparison.Outcome x : r.outcomes()) {
                        boolean ok = Math.abs(x.valGap()) <= 0.005 && Math.abs(x.testGap()) <= 0.005;
                        within += ok ? 1 : 0;
                        System.out.printf("| %s | %s | %d/%d | %.4f | %.4f | %d/%d/%d | %.4f | %.4f | %.4f | %.4f "
                                        + "| %.3g | %.3g |%s%n", x.target(), x.metric().name().toLowerCase(),
                                x.reference().task().trial(), x.reference().bestIter(),
                                x.reference().val().get(x.metric()), x.reference().test().get(x.metric()),
                                x.fast().task().trial(), x.fast().bestIter(), x.fast().stopRung(),
                                x.fast().val().get(x.metric()), x.fast().test().get(x.metric()), x.valGap(),
                                x.testGap(), (double) x.referenceFlops(), (double) x.fastFlops(), ok ? ""
                                        : " ✗ (full's trial stopped at rung " + x.fastTrials()
                                                .get(x.reference().task().trial()).stopRung() + ")");
                        if (tsv != null) {
                            tsv.printf("%s\t%s\t%s\t%s\t%s\t%d\t%d\t%.6f\t%.6f\t%d\t%d\t%d\t%.6f\t%.6f\t%.6f\t%.6f"
                                            + "\t%d\t%d\t%.2f\t%.2f\t%.2f\t%d%n", concept.id(),
                                    set.name().toLowerCase(), sched, x.target(), x.metric().name().toLowerCase(),
                                    x.reference().task().trial(), x.reference().bestIter(),
                                    x.reference().val().get(x.metric()), x.reference().test().get(x.metric()),
                                    x.fast().task().trial(), x.fast().bestIter(), x.fast().stopRung(),
                                    x.fast().val().get(x.metric()), x.fast().test().get(x.metric()), x.valGap(),
                                    x.testGap(), x.referenceFlops(), x.fastFlops(), r.referenceWallSeconds(),
                                    r.fastWallSeconds(), load,
                                    x.fastTrials().get(x.reference().task().trial()).stopRung());
                        }
                    }
                    if (tsv != null) {
                        tsv.flush();
                    }
                    System.out.printf("%s/%s %s: %d/%d within 0.005; flops %.3g vs %.3g (%.1fx), wall %.1f s vs "
                                    + "%.1f s, load %.1f%n", concept.id(), set, sched, within, r.outcomes().size(),
                            (double) r.referenceFlops(), (double) r.fastFlops(),
                            r.referenceFlops() / (double) r.fastFlops(), r.referenceWallSeconds(),
                            r.fastWallSeconds(), load);
                }
            }
        }
        if (tsv != null) {
            tsv.close();
        }
    }

    /**
     * The reference's selection per target as an earlier run of the same data, seeds and trials wrote it
     * ({@code --reference-tsv}: its rows of any one schedule), so that new schedules can be compared without
     * repeating the reference search: one result per target, the selected fit, with the reference's flops.
     */
    private static SearchComparison.Timed recorded(String path, long seed, String concept, FeatureSet set,
                                                   int trials, int iters, List<LayerSearch.Target> targets)
            throws java.io.IOException {
        Map<String, String[]> rows = new java.util.HashMap<>();
        List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of(path));
        String firstSchedule = lines.get(1).split("\t")[2];
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            if (f[0].equals(concept) && f[1].equals(set.name().toLowerCase(Locale.ROOT)) && f[2].equals(firstSchedule)) {
                rows.put(f[3], f);
            }
        }
        Map<String, List<TrialResult>> out = new java.util.LinkedHashMap<>();
        double wall = 0;
        for (LayerSearch.Target t : targets) {
            String[] f = rows.get(t.name());
            if (f == null) {
                throw new IllegalArgumentException(path + ": no row for " + concept + "/" + set + "/" + t.name());
            }
            ProbeTask task = LayerSearch.sharedTask(seed, concept, t.name(), set.ordinal(),
                    Integer.parseInt(f[5]), SearchSpace.paper());
            out.put(t.name(), List.of(new TrialResult(task, Integer.parseInt(f[6]), scores(f[4], f[7]),
                    scores(f[4], f[8]), 0, 0, iters, Long.parseLong(f[16]))));
            wall = Double.parseDouble(f[18]);
        }
        return new SearchComparison.Timed(out, wall);
    }

    private static org.musicrfm.rfm.probe.ProbeScores scores(String metric, String value) {
        double v = Double.parseDouble(value);
        double nan = Double.NaN;
        return switch (metric) {
            case "auc" -> new org.musicrfm.rfm.probe.ProbeScores(v, nan, nan, nan, nan);
            case "accuracy" -> new org.musicrfm.rfm.probe.ProbeScores(nan, v, nan, nan, nan);
            case "mse" -> new org.musicrfm.rfm.probe.ProbeScores(nan, nan, nan, v, nan);
            default -> throw new IllegalArgumentException("metric " + metric);
        };
    }

    private static String spec(HalvingSchedule h) {
        StringBuilder b = new StringBuilder();
        for (int r : h.rungs()) {
            b.append(b.length() == 0 ? "" : ",").append(r);
        }
        return b + "/" + h.eta() + "/" + h.keep() + (h.ties() ? "/ties" : "") + (h.pool() ? "/pool" : "");
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
        List<String> modes = new ArrayList<>(o.containsKey("skip-full") ? List.of() : List.of("full"));
        modes.addAll(java.util.Arrays.asList(o.getOrDefault("schedules", "0,1,3,7," + iters + "/3").split(";")));
        for (int rep = 0; rep < reps; rep++) {
            for (String mode : modes) {
                FlopCounter fc = new FlopCounter();
                long t0 = System.nanoTime();
                double[] cpu0 = cpuSeconds();
                int fits = 0;
                try (FlopCounter.Scope s = fc.open()) {
                    if (mode.equals("full")) {
                        ProbeSearch ps = new ProbeSearch(backend, settings);
                        for (LayerSearch.Target t : targets) {
                            for (TrialResult tr : ps.searchSharedDraws(5, "bench", t.name(), 0, trials, SearchSpace.paper(),
                                    data, t.targets())) {
                                fits += tr.stopRung() + 1;
                            }
                        }
                    } else {
                        SearchPlan plan = new SearchPlan(SearchMode.ASHA, schedule(mode, iters), AgopPlan.Method.AUTO,
                                0);
                        Map<String, List<TrialResult>> res = new LayerSearch(backend, settings, plan)
                                .search(5, "bench", 0, trials, SearchSpace.paper(), data, targets);
                        for (List<TrialResult> l : res.values()) {
                            for (TrialResult tr : l) {
                                fits += tr.stopRung() + 1;
                            }
                        }
                    }
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                double cpu = cpuSeconds()[0] - cpu0[0];
                System.out.printf("rep %d %s: %.3e flops, %.3e kernel entries, %d scored fits, wall %.1f s, "
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
