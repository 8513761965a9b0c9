package org.musicrfm.rfm.benchmark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.musicrfm.io.Location;
import org.musicrfm.rfm.aggregate.AggregateModel;

/**
 * Runs a {@link ClassifyPlan}'s units not finished before: the first stage, then the aggregator's
 * units with their mean-pooled RFM results. Each unit runs on an executor (or on the driver, one
 * at a time, for exact CPU times) and writes its result and done marker ({@link BenchmarkUnits}).
 *
 * @param results every unit's result, in plan order
 * @param reused  how many units were finished before and reused
 */
public record ClassifyRun(ClassifyPlan plan, Map<ClassifyUnit, MethodResult> results, int reused) {

    /** Receives a classification target's fitted aggregate model (e.g. to persist it). */
    public interface AggregateSaver extends Serializable {
        void save(ClassifyTarget target, AggregateModel model, List<String> classes) throws IOException;
    }

    /**
     * Runs the plan's units over {@code table} into {@code out}.
     *
     * @param driverSide run every unit on the driver, one at a time
     * @param saver      gets each classification target's fitted aggregate
     */
    public static ClassifyRun of(SparkSession spark, ClassifyPlan plan, Location table, Location out,
                                 boolean driverSide, AggregateSaver saver) throws IOException {
        int[] reused = {0};
        Map<ClassifyUnit, MethodResult> results = new LinkedHashMap<>();
        stage(spark, plan.first(), Map.of(), table, out, driverSide, saver, results, reused);
        Map<ClassifyUnit, MethodResult> rfmMean = new LinkedHashMap<>();
        for (ClassifyUnit u : plan.second()) {
            rfmMean.put(u, results.get(plan.rfmMeanOf(u)));
        }
        stage(spark, plan.second(), rfmMean, table, out, driverSide, saver, results, reused);
        return new ClassifyRun(plan, Map.copyOf(results), reused[0]);
    }

    /**
     * The table's rows ({@link ClassificationRows}): the units of the methods asked for (the
     * mean-pooled RFM run only for the aggregator is left out), then the aggregator's.
     */
    public List<Row> rows(int trials) {
        List<Row> rows = new ArrayList<>();
        for (ClassifyUnit u : plan.first()) {
            if (plan.methods().contains(u.method())) {
                rows.addAll(ClassificationRows.of(results.get(u), trials));
            }
        }
        for (ClassifyUnit u : plan.second()) {
            rows.addAll(ClassificationRows.of(results.get(u), trials));
        }
        return rows;
    }

    /** Runs the units not done before ({@code inputs}: the rfm_mean result an aggregator unit reads). */
    private static void stage(SparkSession spark, List<ClassifyUnit> units, Map<ClassifyUnit, MethodResult> inputs,
                              Location table, Location out, boolean driverSide, AggregateSaver saver,
                              Map<ClassifyUnit, MethodResult> results, int[] reused) throws IOException {
        List<ClassifyUnit> todo = new ArrayList<>();
        Map<ClassifyUnit, MethodResult> input = new LinkedHashMap<>();
        for (ClassifyUnit u : units) {
            MethodResult r = BenchmarkUnits.done(out, u.target().concept(), u.target().label(), u.method(),
                    u.identity());
            if (r != null) {
                results.put(u, r);
                reused[0]++;
            } else {
                todo.add(u);
                if (inputs.containsKey(u)) {
                    input.put(u, inputs.get(u));
                }
            }
        }
        String outPath = out.toString();
        String tablePath = table.toString();
        Map<ClassifyUnit, MethodResult> in = Map.copyOf(input);
        List<MethodResult> computed = execute(spark, driverSide, todo,
                u -> runUnit(u, outPath, tablePath, in.get(u), saver));
        for (int i = 0; i < todo.size(); i++) {
            results.put(todo.get(i), computed.get(i));
        }
    }

    private interface UnitFn extends Serializable {
        MethodResult apply(ClassifyUnit u) throws IOException;
    }

    private static List<MethodResult> execute(SparkSession spark, boolean driverSide, List<ClassifyUnit> todo,
                                              UnitFn fn) throws IOException {
        if (todo.isEmpty()) {
            return List.of();
        }
        if (driverSide) {
            List<MethodResult> out = new ArrayList<>();
            for (ClassifyUnit u : todo) {
                out.add(fn.apply(u));
            }
            return out;
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.setJobDescription("classify: " + todo.size() + " units");
        return jsc.parallelize(todo, todo.size()).map(u -> {
            try {
                return fn.apply(u);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).collect();
    }

    /** Runs one unit and writes its result and done marker. */
    static MethodResult runUnit(ClassifyUnit u, String out, String table, MethodResult rfmMean, AggregateSaver saver)
            throws IOException {
        ClassifyTarget t = u.target();
        ClassifyBenchmark bench = new ClassifyBenchmark(Location.parse(table, "--activations"), t.concept(), t.label(),
                u.split(), t.settings());
        MethodResult r = u.method() == BenchmarkMethod.AGGREGATE
                ? bench.aggregate(rfmMean, t.regression() ? null : (model, classes) -> saver.save(t, model, classes))
                : bench.run(u.method());
        BenchmarkUnits.write(Location.parse(out, "--out"), r, u.unitIdentity());
        return r;
    }
}
