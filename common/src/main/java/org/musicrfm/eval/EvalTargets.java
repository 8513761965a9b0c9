package org.musicrfm.eval;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.musicrfm.steering.ClassLabels;

/** Checks, before any work, that every steered clip's target is a class its concept's probes can score. */
public final class EvalTargets {

    private EvalTargets() {}

    /**
     * Every steered clip's target must be a class of its concept's probe (classifiers) and of its
     * aggregate model, if any; otherwise an error names the clip, the target and the classes.
     */
    public static void check(List<EvalClip> clips, ProbeSet probes) throws IOException {
        Map<String, List<String>> classes = new LinkedHashMap<>();
        for (EvalClip c : clips) {
            String file = c.target() == null ? null : probes.fileFor(c.concept());
            if (file == null) {
                continue;
            }
            List<String> cs = classes.computeIfAbsent(file, f -> {
                try {
                    return ClipEvaluator.classNames(ClipModels.probe(f));
                } catch (IOException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
            if (!cs.isEmpty() && ClassLabels.find(cs, c.target()) == null) {
                throw new IllegalArgumentException("clip " + c.unitId() + ": target '" + c.target() + "' of concept "
                        + c.concept() + " is not a class of probe " + file + " " + cs);
            }
            String agg = probes.aggregateFor(c.concept());
            if (agg != null) {
                AggregateProbe a = ClipModels.aggregate(agg);
                List<String> names = a.classes().stream()
                        .map(x -> ClassLabels.display(a.provenance().label(), x)).toList();
                if (ClassLabels.find(names, c.target()) == null) {
                    throw new IllegalArgumentException("clip " + c.unitId() + ": target '" + c.target() + "' of concept "
                            + c.concept() + " is not a class of aggregate model " + agg + " " + names);
                }
            }
        }
    }
}
