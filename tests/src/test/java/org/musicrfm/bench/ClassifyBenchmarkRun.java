package org.musicrfm.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.musicrfm.activations.ActivationFiles;
import org.musicrfm.activations.SourceModel;
import org.musicrfm.jobs.SparkSessions;
import org.musicrfm.jobs.classify.ClassifyJob;
import org.musicrfm.jobs.classify.ClassifyJobConfig;
import org.musicrfm.model.io.RandomCheckpoint;

/**
 * Cost of the classify job per concept and its split between methods, on activation tables shaped
 * like a small MusicGen's ({@code model init --size small}: hidden size and layer count read from
 * the preset's config) with SynTheory's class counts at a reduced clip count: Gaussian activations
 * with each class's signal planted on one coordinate of every layer. Units run one at a time on the
 * driver (Spark local[1]), so each unit's process CPU time is its own; two rounds, each to a fresh
 * output, give the spread.
 *
 * <p>Usage: {@code ClassifyBenchmarkRun [clips=300] [trials=2] [iters=5] [rounds=2] [report=docs/benchmarks-classify.md]}
 */
public final class ClassifyBenchmarkRun {

    /** concept, label, classes (0: regression), SynTheory's clip count. */
    record Shape(String concept, String label, int classes, int synTheoryClips) {}

    static final List<Shape> CONCEPTS = List.of(new Shape("notes", "root_note_pitch_class", 12, 9_936),
            new Shape("tempos", "bpm", 0, 4_025));

    public static void main(String[] args) throws Exception {
        int clips = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int iters = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Path report = Path.of(args.length > 4 ? args[4] : "docs/benchmarks-classify.md");
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        var dec = RandomCheckpoint.presetConfig(RandomCheckpoint.Preset.SMALL).getAsJsonObject("decoder");
        int d = dec.get("hidden_size").getAsInt();
        int layers = dec.get("num_hidden_layers").getAsInt();
        Path work = Files.createTempDirectory("musicrfm-bench-classify");
        Path acts = work.resolve("acts");
        new SourceModel("synthetic", "small-shaped (model init --size small), synthetic activations", "synthetic",
                "synthetic", d, layers, 4.0).write(acts);
        for (Shape s : CONCEPTS) {
            writeTable(acts, s, clips, d, layers);
        }
        SparkSession spark = SparkSessions.getOrCreate("bench-classify", "local[1]");
        List<String> methods = List.of("aggregate", "rfm_mean", "rfm_last", "linear", "ffn");
        // (concept, method) -> per round: wall, cpu, flops
        Map<String, List<double[]>> cost = new LinkedHashMap<>();
        Map<String, String> score = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            Path out = work.resolve("out-" + r);
            long t0 = System.nanoTime();
            ClassifyJob.run(spark, new ClassifyJobConfig(acts.toString(),
                    CONCEPTS.stream().map(s -> s.concept() + ":" + s.label()).toList(), methods, trials, iters, 4, 0,
                    0L, 0L, false, 100, out.toString(), true));
            System.out.printf(Locale.ROOT, "round %d: %.1f s%n", r, (System.nanoTime() - t0) / 1e9);
            for (Row row : spark.read().parquet(out.resolve(ClassifyJob.TABLE).toString()).where("row = 'best'")
                    .collectAsList()) {
                String key = row.getAs("concept") + "|" + row.getAs("method");
                cost.computeIfAbsent(key, k -> new ArrayList<>()).add(new double[] {row.<Double>getAs("seconds"),
                        row.<Double>getAs("cpu_seconds"), row.<Long>getAs("flops")});
                score.put(key, String.format(Locale.ROOT, "%s %.3f (layer %d)", row.getAs("metric"),
                        row.<Double>getAs("test"), row.<Integer>getAs("layer")));
            }
        }
        spark.stop();
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        StringBuilder b = new StringBuilder("# Classification benchmark job: cost per concept and per method\n\n");
        b.append("Produced by `bench/classify.sh ").append(clips).append(' ').append(trials).append(' ').append(iters)
                .append(' ').append(rounds).append("` on ")
                .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)).append(" UTC; ")
                .append(cpuModel()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs visible, shared with other jobs: load average before `").append(loadBefore)
                .append("`, after `").append(loadAfter).append("`. Threads pinned: OpenBLAS 1, PyTorch intra-op ")
                .append(System.getProperty("ai.djl.pytorch.num_threads", "default")).append(", Spark local[1], units ")
                .append("one at a time on the driver (`--driver-side`).\n\n");
        b.append("Shape: a small MusicGen (`model init --size small`): d = ").append(d).append(", ").append(layers)
                .append(" layers, mean and last-token pooling; ").append(clips).append(" clips per concept (70/15/15 ")
                .append("split), synthetic Gaussian activations with a planted class signal. Budget per method: ")
                .append(trials).append(" (RFM trials per layer, aggregator trials, linear λ values, FFN configurations ")
                .append("per layer), ").append(iters).append(" RFM iterations, aggregator k = 4 over all layers, FFN ")
                .append("as SynTheory (512 hidden, batch 64, at most 100 epochs). Rounds: ").append(rounds)
                .append(", each to a fresh output (every unit recomputed); times are min–max over rounds.\n\n");
        b.append("| concept | method | wall s | CPU s | BLAS GFLOP | score (this synthetic data) |\n|---|---|---|---|---|---|\n");
        Map<String, Double> totals = new LinkedHashMap<>();
        for (var e : cost.entrySet()) {
            String[] k = e.getKey().split("\\|");
            double wMin = e.getValue().stream().mapToDouble(v -> v[0]).min().orElse(0);
            double wMax = e.getValue().stream().mapToDouble(v -> v[0]).max().orElse(0);
            double cMin = e.getValue().stream().mapToDouble(v -> v[1]).min().orElse(0);
            double cMax = e.getValue().stream().mapToDouble(v -> v[1]).max().orElse(0);
            double f = e.getValue().get(0)[2] / 1e9;
            totals.merge(k[0], wMin, Double::sum);
            b.append(String.format(Locale.ROOT, "| %s | %s | %.1f–%.1f | %.1f–%.1f | %s | %s |%n", k[0], k[1], wMin,
                    wMax, cMin, cMax, f > 0 ? String.format(Locale.ROOT, "%.1f", f) : "– (not counted)",
                    score.get(e.getKey())));
        }
        b.append("\nPer concept (sum of the methods' fastest rounds; aggregate includes only its own search, its ")
                .append("input is rfm_mean):\n\n");
        for (Shape s : CONCEPTS) {
            double t = totals.getOrDefault(s.concept(), 0.0);
            double scale = (double) s.synTheoryClips() / clips;
            b.append(String.format(Locale.ROOT, "- %s: %.0f s at %d clips; SynTheory has %,d clips (×%.0f).%n",
                    s.concept(), t, clips, s.synTheoryClips(), scale));
        }
        b.append("\nScaling rule to SynTheory's sizes (n clips, d, L layers, budget T, I iterations): the RFM probes ")
                .append("and the aggregator cost T·I·(n²·d + n·d² + n³) per layer (kernel, AGOP, solve; the aggregator ")
                .append("with d = k·L), so at n ≈ 10,000 they grow by (n/").append(clips).append(")² to (n/")
                .append(clips).append(")³, the n³ solve dominating; the FFN costs T·epochs·n·d·512 per layer, linear in n; ")
                .append("the linear probe T·(L-BFGS iterations)·n·d·c, linear in n. Measured here only at ")
                .append(clips).append(" clips; the extrapolation is the rule above, not a measurement.\n");
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, b.toString());
        System.out.print(b);
        try (Stream<Path> w = Files.walk(work)) {
            w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static void writeTable(Path acts, Shape s, int clips, int d, int layers) throws Exception {
        Schema schema = SchemaBuilder.record("activation").fields()
                .requiredString("clip_id").requiredString("dataset").requiredString("pooling")
                .name(s.label()).type().optional().doubleType()
                .name("vector").type().array().items().floatType().noDefault()
                .endRecord();
        if (s.classes() > 0) {
            schema = SchemaBuilder.record("activation").fields()
                    .requiredString("clip_id").requiredString("dataset").requiredString("pooling")
                    .name(s.label()).type().optional().intType()
                    .name("vector").type().array().items().floatType().noDefault()
                    .endRecord();
        }
        for (int layer = 0; layer < layers; layer++) {
            List<GenericRecord> rows = new ArrayList<>();
            for (String pooling : List.of("mean", "last")) {
                for (int i = 0; i < clips; i++) {
                    SplittableRandom r = new SplittableRandom(i * 1_000_003L + layer * 31L + pooling.hashCode());
                    int cls = s.classes() > 0 ? i % s.classes() : 0;
                    double bpm = 50 + (i * 7919 % 161);
                    List<Float> v = new ArrayList<>(d);
                    for (int j = 0; j < d; j++) {
                        v.add((float) (Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble())));
                    }
                    if (s.classes() > 0) {
                        v.set(cls, v.get(cls) + 1.5f);
                    } else {
                        v.set(0, v.get(0) + (float) ((bpm - 130) / 40));
                    }
                    GenericRecord g = new GenericData.Record(schema);
                    g.put("clip_id", String.format("%s_%05d", s.concept(), i));
                    g.put("dataset", "synthetic");
                    g.put("pooling", pooling);
                    g.put(s.label(), s.classes() > 0 ? (Object) cls : (Object) bpm);
                    g.put("vector", v);
                    rows.add(g);
                }
            }
            ActivationFiles.write(ActivationFiles.partition(acts.resolve("activations"), s.concept(), layer)
                    .resolve("part-0.parquet"), schema, rows);
        }
    }

    static String cpuModel() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown CPU";
    }
}
