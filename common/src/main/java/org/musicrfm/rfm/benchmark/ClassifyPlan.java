package org.musicrfm.rfm.benchmark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.musicrfm.io.Location;
import org.musicrfm.provenance.UnitIdentity;

/**
 * The units of a classification benchmark, planned and checked on the driver before any work:
 * every target's layers, poolings, label and split are checked against the activation table.
 * The mean-pooled RFM runs for the aggregator even when not asked for, and the aggregator's units
 * (which read its directions) come second.
 *
 * @param first    the units of every method but the aggregator, in target then method order
 * @param second   the aggregator's units
 * @param methods  the methods asked for
 * @param identity a digest of every unit's identity (the run's identity)
 */
public record ClassifyPlan(List<ClassifyUnit> first, List<ClassifyUnit> second, List<BenchmarkMethod> methods,
                           String identity) {

    public ClassifyPlan {
        first = List.copyOf(first);
        second = List.copyOf(second);
        methods = List.copyOf(methods);
    }

    /**
     * Plans the units of {@code targets} with {@code methods} on the activation {@code table}.
     *
     * @param configFields the run's settings that change a unit's result
     * @param fingerprint  the source model's fingerprint
     * @param splitSeed    seed of the train job's split
     */
    public static ClassifyPlan of(Location table, List<ClassifyTarget> targets, List<BenchmarkMethod> methods,
                                  Map<String, String> configFields, String fingerprint, long splitSeed)
            throws IOException {
        List<ClassifyUnit> first = new ArrayList<>();
        List<ClassifyUnit> second = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (ClassifyTarget t : targets) {
            String what = "concept " + t.concept() + ", label " + t.label() + " in " + table;
            List<Integer> layers = ConceptTable.requireTarget(table, t.concept(), t.label(), methods, what);
            BenchmarkSplit split = BenchmarkSplit.of(ConceptTable.load(table, t.concept(), layers.get(0), "mean",
                    t.label()), t.regression(), splitSeed, what);
            UnitIdentity base = UnitIdentity.of(configFields)
                    .with("concept", t.concept()).with("label", t.label())
                    .with("regression", Boolean.toString(t.regression()))
                    .with("model_fingerprint", fingerprint)
                    .with("activation_files", BenchmarkUnits.activationDigest(table, t.concept()));
            String rfmMeanId = base.with("method", BenchmarkMethod.RFM_MEAN.id()).digest();
            for (BenchmarkMethod m : BenchmarkMethod.values()) {
                boolean wanted = methods.contains(m)
                        || (m == BenchmarkMethod.RFM_MEAN && methods.contains(BenchmarkMethod.AGGREGATE));
                if (!wanted) {
                    continue;
                }
                UnitIdentity id = m == BenchmarkMethod.AGGREGATE
                        ? base.with("method", m.id()).with("rfm_mean", rfmMeanId)
                        : base.with("method", m.id());
                (m == BenchmarkMethod.AGGREGATE ? second : first).add(new ClassifyUnit(t, m, split,
                        new TreeMap<>(id.fields())));
                all.append(t.concept()).append('/').append(t.label()).append('/').append(m.id()).append('=')
                        .append(id.digest()).append('\n');
            }
        }
        return new ClassifyPlan(first, second, methods, UnitIdentity.sha256(all.toString()));
    }

    /** How many units the plan has. */
    public int size() {
        return first.size() + second.size();
    }

    /** The mean-pooled RFM unit of {@code u}'s target, whose result the aggregator reads. */
    public ClassifyUnit rfmMeanOf(ClassifyUnit u) {
        return first.stream().filter(f -> f.target().equals(u.target()) && f.method() == BenchmarkMethod.RFM_MEAN)
                .findFirst().orElseThrow();
    }
}
